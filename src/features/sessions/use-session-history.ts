/**
 * The history of one charger or of all (the combined garage history): per charger one archive
 * query per piece of the range (a past year, else a local month), joined into one set and turned
 * into rows. Everything on the page (table, totals, monthly summary, CSV) is derived from these
 * rows, so they can never disagree.
 *
 * With an off-peak price, each session's energy is split by its connector's archived 5-minute
 * profile, read per local month. Every key names a month, never the time, so as time passes the
 * same queries stay in place: months that are over are never asked again, the current one is
 * refreshed, and a row's cost never falls back to an estimate while a refresh runs.
 */
import { useQueries, type QueryObserverResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ArchivedSession, SessionsResponse } from '../../api/archive-schemas.ts';
import { PROFILE_STEP_MS } from '../../../contract/charger-schemas.ts';
import type { ResolvedRange } from './date-range.ts';
import { historyPieces, monthsOverlapping } from './date-range.ts';
import { monthPowerQuery, type MonthProfiles } from './api/month-power-query.ts';
import { archivedSessionsQuery, uniqueSessions, type HistoryPiece } from './api/sessions-query.ts';
import { joinSeries, profileShare, timeShare, type ProfileSeries } from './off-peak.ts';
import { sessionStart, toRow, type ChargerRef, type EnergySplit, type Pricing, type SessionRow } from './session-rows.ts';

/** Where a charger's sessions came from, as the server said. */
export type SessionsSource = 'archive' | 'charger' | 'mixed' | (string & {});

export interface ChargerLoad {
  charger: ChargerRef;
  status: 'pending' | 'error' | 'success';
  error: Error | null;
  /** Time of the last successful read (of the oldest failing piece while one fails); 0 before the first. */
  updatedAt: number;
  fetching: boolean;
  /** The charger has data for every piece of the range (possibly older, when `error` is set). */
  hasData: boolean;
  /** Some piece could be read neither from the archive nor from the charger. */
  incomplete: boolean;
  /** `archive` when every piece came from it, `charger` when none did, `mixed` otherwise; null before data. */
  source: SessionsSource | null;
  refetch: () => void;
}

/**
 * Longer ranges (more than 13 months of 5-minute points) are split by charging time instead:
 * reading years of profile would cost far more than the estimate is off.
 */
export const MAX_PROFILE_MONTHS = 13;

function combineHistory(results: QueryObserverResult<SessionsResponse>[]) {
  return {
    datas: results.map((r) => r.data),
    states: results.map((r) => ({ status: r.status, error: r.error, updatedAt: r.dataUpdatedAt, fetching: r.isFetching, refetch: r.refetch })),
  };
}

const NO_POINTS: ProfileSeries = { start: [], kw: [] };

type ProfileState = { state: 'ok'; data: MonthProfiles } | { state: 'pending' } | { state: 'failed' };

function combineProfiles(results: QueryObserverResult<MonthProfiles>[]): ProfileState[] {
  // Data, once there, is used also while a refresh runs or after it failed: it never gets worse.
  return results.map((r) => (r.data !== undefined ? { state: 'ok', data: r.data } : r.isError ? { state: 'failed' } : { state: 'pending' }));
}

/**
 * The months of the profile a session needs: those its charging overlaps, a running session's up
 * to `nowStep` (now in 5-minute steps; not used for a session that has ended).
 */
export function profileMonthsOf(session: ArchivedSession, nowStep: number, zone: string): HistoryPiece[] {
  const started = sessionStart(session);
  if (started === null) return [];
  const ended = session.endedAt ?? nowStep;
  return monthsOverlapping(started, Math.max(ended, started + 1), zone);
}

const profileKey = (charger: number, monthStartMs: number) => `${charger}:${monthStartMs}`;

export interface ProfileRequest {
  /** Index into the charger list. */
  charger: number;
  month: HistoryPiece;
}

/** The profile months the sessions need, per charger, in a stable order. */
export function profileRequests(sessionsByCharger: readonly (readonly ArchivedSession[] | null)[], nowStep: number, zone: string): ProfileRequest[] {
  const requests: ProfileRequest[] = [];
  sessionsByCharger.forEach((sessions, charger) => {
    const wanted = new Map<string, ProfileRequest>();
    for (const session of sessions ?? []) {
      for (const month of profileMonthsOf(session, nowStep, zone)) wanted.set(profileKey(charger, month.startMs), { charger, month });
    }
    requests.push(...[...wanted.values()].sort((a, b) => a.month.startMs - b.month.startMs));
  });
  return requests;
}

/** One text per charger list: the same while the ids and names are the same. */
const SEPARATOR = '\u0000';
const chargerListKey = (chargers: readonly ChargerRef[]) => chargers.map((c) => `${c.id}${SEPARATOR}${c.name}`).join(SEPARATOR);

/**
 * The charger list as refs that stay the same objects for as long as the ids and names do: the
 * shell hands a fresh `[charger]` on every render, and the rows must not be rebuilt for it. Built
 * from the text alone, so plain `useMemo` keeps it.
 */
function useChargerRefs(chargers: readonly ChargerRef[]): ChargerRef[] {
  const key = chargerListKey(chargers);
  return useMemo(() => {
    if (key === '') return [];
    const parts = key.split(SEPARATOR);
    const refs: ChargerRef[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) refs.push({ id: parts[i]!, name: parts[i + 1]! });
    return refs;
  }, [key]);
}

export function useSessionHistory(chargers: readonly ChargerRef[], range: ResolvedRange, pricing: Pricing | null, nowMs: number, zone: string) {
  const refs = useChargerRefs(chargers);
  // A bad custom range has no pieces, so it sends nothing.
  const pieces = range.ok ? historyPieces(range, nowMs, zone) : [];
  const { datas, states } = useQueries({
    queries: refs.flatMap((charger) => pieces.map((piece) => archivedSessionsQuery(charger.id, piece, zone))),
    combine: combineHistory,
  });
  const perCharger = pieces.length;

  // Per charger its sessions of the whole range, once every piece has answered; null before.
  const sessionsByCharger = useMemo(
    () =>
      refs.map((_, index) => {
        const parts = datas.slice(index * perCharger, (index + 1) * perCharger);
        if (parts.some((part) => part === undefined)) return null;
        return uniqueSessions(parts.map((part) => part!.sessions));
      }),
    [refs, datas, perCharger],
  );

  // The off-peak price needs the power profile of the sessions: only then is it asked for.
  const offPeak = pricing?.offPeak ?? null;
  const profileAllowed = offPeak !== null && range.ok && monthsOverlapping(range.startMs, range.endMs, zone).length <= MAX_PROFILE_MONTHS;
  // Only a running session depends on the time (its charging so far, in 5-minute steps); without
  // one, the profile requests and the rows stay the same objects as time passes.
  const anyRunning = sessionsByCharger.some((sessions) => sessions?.some((session) => session.endedAt === null));
  const runningUntil = anyRunning ? Math.ceil(nowMs / PROFILE_STEP_MS) * PROFILE_STEP_MS : 0;
  const requests = useMemo(
    () => (profileAllowed ? profileRequests(sessionsByCharger, runningUntil, zone) : []),
    [profileAllowed, sessionsByCharger, runningUntil, zone],
  );
  const profiles = useQueries({
    queries: requests.map((r) => monthPowerQuery(refs[r.charger]!.id, r.month)),
    combine: combineProfiles,
  });
  const profileIndex = useMemo(() => new Map(requests.map((r, i) => [profileKey(r.charger, r.month.startMs), profiles[i]!])), [requests, profiles]);

  const rows = useMemo(() => {
    /** How the session's energy splits at the off-peak price; null without one. */
    const offPeakSplit = (session: ArchivedSession, chargerIndex: number): EnergySplit | 'pending' | null => {
      const started = sessionStart(session);
      if (!pricing?.offPeak || started === null) return null;
      const window = pricing.offPeak.window;
      const ended = session.endedAt ?? runningUntil;
      const byTime = (): EnergySplit => ({ share: timeShare(started, ended, zone, window), estimated: true });
      if (!profileAllowed) return byTime();
      const measure = `connector${session.connectorId ?? 1}`;
      const months = profileMonthsOf(session, runningUntil, zone).map((month) => profileIndex.get(profileKey(chargerIndex, month.startMs)));
      // Not read yet: the split is pending, never a different estimate in the meantime.
      if (months.some((m) => m === undefined || m.state === 'pending')) return 'pending';
      // The profile could not be read: estimated by charging time, and counted as such.
      if (months.some((m) => m?.state !== 'ok')) return byTime();
      // A month read without a point of this connector (one only minutes old) adds nothing.
      const series = months.map((m) => (m?.state === 'ok' ? m.data.get(measure) : undefined) ?? NO_POINTS);
      const share = profileShare(joinSeries(series), started, ended, zone, window);
      return share !== null ? { share, estimated: false } : byTime();
    };
    const all: SessionRow[] = [];
    sessionsByCharger.forEach((sessions, chargerIndex) => {
      const charger = refs[chargerIndex];
      if (!sessions || !charger) return;
      for (const session of sessions) all.push(toRow(session, charger, pricing, offPeakSplit(session, chargerIndex)));
    });
    return all;
  }, [sessionsByCharger, refs, pricing, profileAllowed, profileIndex, zone, runningUntil]);

  const loads: ChargerLoad[] = refs.map((charger, index) => {
    const own = states.slice(index * perCharger, (index + 1) * perCharger);
    const answers = datas.slice(index * perCharger, (index + 1) * perCharger).filter((d) => d !== undefined);
    const failed = own.filter((s) => s.status === 'error');
    const sources = new Set(answers.map((a) => a.source));
    return {
      charger,
      status: failed.length > 0 ? 'error' : own.some((s) => s.status === 'pending') ? 'pending' : 'success',
      error: failed[0]?.error ?? null,
      updatedAt: failed.length > 0 ? Math.min(...failed.map((s) => s.updatedAt)) : Math.max(0, ...own.map((s) => s.updatedAt)),
      fetching: own.some((s) => s.fetching),
      hasData: sessionsByCharger[index] !== null,
      incomplete: answers.some((a) => !a.complete),
      source: sources.size === 0 ? null : sources.size === 1 ? [...sources][0]! : 'mixed',
      refetch: () => {
        for (const s of failed.length > 0 ? failed : own) void s.refetch();
      },
    };
  });
  return { rows, loads, complete: range.ok && loads.every((l) => l.hasData), profilesPending: rows.some((row) => row.costPending) };
}
