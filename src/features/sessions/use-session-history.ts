/**
 * The history of one charger or of all (the combined garage history): per charger one query per
 * local month of the range, joined into one de-duplicated set and turned into rows. Everything
 * on the page (table, totals, monthly summary, CSV) is derived from these rows.
 *
 * With an off-peak price, each session's energy is split by its connector's power profile, read
 * per local month and connector. Every key names a month, never the time, so as time passes the
 * same queries stay in place: months that are over are never asked again, the current one is
 * polled for what is new, and a row's cost never falls back to an estimate while a poll runs.
 */
import { useQueries, type QueryObserverResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { powerProfileQuery } from '../../api/power-profile-query.ts';
import type { ChargingSession } from '../../api/session-schemas.ts';
import { chargingSessionHistoryQuery, type HistoryPiece, type SessionHistory } from '../../api/session-history.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import type { ResolvedRange } from './date-range.ts';
import { historyPieces, monthsOverlapping } from './date-range.ts';
import { joinSeries, monthProfilePlan, profileShare, timeShare, type MonthProfile } from './off-peak.ts';
import { toRow, type EnergySplit, type Pricing, type SessionRow } from './session-rows.ts';

export interface ChargerLoad {
  charger: ChargerInfo;
  status: 'pending' | 'error' | 'success';
  error: Error | null;
  /** Time of the last successful read (of the oldest failing month while one fails); 0 before the first. */
  updatedAt: number;
  fetching: boolean;
  /** The charger has data for every month of the range (possibly older, when `error` is set). */
  hasData: boolean;
  refetch: () => void;
}

/**
 * Longer ranges (more than 13 months of 5-minute points) are split by charging time instead:
 * reading years of profile would cost the charger far more than the estimate is off.
 */
export const MAX_PROFILE_MONTHS = 13;

const STEP_MS = 5 * 60_000;

function combineHistory(results: QueryObserverResult<SessionHistory>[]) {
  return {
    datas: results.map((r) => r.data),
    states: results.map((r) => ({ status: r.status, error: r.error, updatedAt: r.dataUpdatedAt, fetching: r.isFetching, refetch: r.refetch })),
  };
}

type ProfileState = { state: 'ok'; data: MonthProfile } | { state: 'pending' } | { state: 'failed' };

function combineProfiles(results: QueryObserverResult<MonthProfile>[]): ProfileState[] {
  // Data, once there, is used also while a poll runs or after it failed: it never gets worse.
  return results.map((r) => (r.data !== undefined ? { state: 'ok', data: r.data } : r.isError ? { state: 'failed' } : { state: 'pending' }));
}

/**
 * The months of the profile a session needs: those its charging overlaps, a running session's up
 * to `nowStep` (now in 5-minute steps; not used for a session that has ended).
 */
export function profileMonthsOf(session: ChargingSession, nowStep: number, zone: string): HistoryPiece[] {
  const started = session.chargingStartedTime;
  if (started === null) return [];
  const ended = session.chargingEndedTime ?? nowStep;
  return monthsOverlapping(started, Math.max(ended, started + 1), zone);
}

const profileKey = (charger: number, monthStartMs: number, connector: number) => `${charger}:${monthStartMs}:${connector}`;

export interface ProfileRequest {
  /** Index into the charger list. */
  charger: number;
  month: HistoryPiece;
  connector: number;
}

/** The profile months × connectors the sessions need, per charger, in a stable order. */
export function profileRequests(sessionsByCharger: readonly (readonly ChargingSession[] | null)[], nowStep: number, zone: string): ProfileRequest[] {
  const requests: ProfileRequest[] = [];
  sessionsByCharger.forEach((sessions, charger) => {
    const wanted = new Map<string, ProfileRequest>();
    for (const session of sessions ?? []) {
      const connector = session.connectorId ?? 1;
      for (const month of profileMonthsOf(session, nowStep, zone)) wanted.set(profileKey(charger, month.startMs, connector), { charger, month, connector });
    }
    requests.push(...[...wanted.values()].sort((a, b) => a.month.startMs - b.month.startMs || a.connector - b.connector));
  });
  return requests;
}

/**
 * The charger list, the same array for as long as the ids and names are the same: the shell
 * hands a fresh `[charger]` on every render, and the rows must not be rebuilt for it.
 */
function useStableChargers(chargers: ChargerInfo[]): ChargerInfo[] {
  const [stable, setStable] = useState(chargers);
  const same = stable.length === chargers.length && stable.every((c, i) => c.id === chargers[i]!.id && c.name === chargers[i]!.name);
  if (!same) setStable(chargers);
  return same ? stable : chargers;
}

export function useSessionHistory(chargers: ChargerInfo[], range: ResolvedRange, pricing: Pricing | null, nowMs: number, zone: string) {
  const refs = useStableChargers(chargers);
  // A bad custom range has no pieces, so it sends nothing.
  const pieces = range.ok ? historyPieces(range, nowMs, zone) : [];
  const { datas, states } = useQueries({
    queries: refs.flatMap((charger) => pieces.map((piece) => chargingSessionHistoryQuery(charger.id, piece))),
    combine: combineHistory,
  });
  const perCharger = pieces.length;

  // Per charger its sessions of the whole range, once every month has answered; null before.
  const sessionsByCharger = useMemo(
    () =>
      refs.map((_, index) => {
        const parts = datas.slice(index * perCharger, (index + 1) * perCharger);
        if (parts.some((part) => part === undefined)) return null;
        const seen = new Set<number>();
        const sessions: ChargingSession[] = [];
        for (const part of parts) {
          for (const session of part!.sessions) {
            if (seen.has(session.chargingSessionId)) continue;
            seen.add(session.chargingSessionId);
            sessions.push(session);
          }
        }
        return sessions;
      }),
    [refs, datas, perCharger],
  );

  // The off-peak price needs the power profile of the sessions: only then is it asked for.
  const offPeak = pricing?.offPeak ?? null;
  const profileAllowed = offPeak !== null && range.ok && monthsOverlapping(range.startMs, range.endMs, zone).length <= MAX_PROFILE_MONTHS;
  // Only a running session depends on the time (its charging so far, in 5-minute steps); without
  // one, the profile requests and the rows stay the same objects as time passes.
  const anyRunning = sessionsByCharger.some((sessions) => sessions?.some((session) => session.chargingEndedTime === null));
  const runningUntil = anyRunning ? Math.ceil(nowMs / STEP_MS) * STEP_MS : 0;
  const requests = useMemo(
    () => (profileAllowed ? profileRequests(sessionsByCharger, runningUntil, zone) : []),
    [profileAllowed, sessionsByCharger, runningUntil, zone],
  );
  const profiles = useQueries({
    queries: requests.map((r) => powerProfileQuery(refs[r.charger]!.id, monthProfilePlan(r.month, r.connector, nowMs))),
    combine: combineProfiles,
  });
  const profileIndex = useMemo(() => new Map(requests.map((r, i) => [profileKey(r.charger, r.month.startMs, r.connector), profiles[i]!])), [requests, profiles]);

  const rows = useMemo(() => {
    /** How the session's energy splits at the off-peak price; null without one. */
    const offPeakSplit = (session: ChargingSession, chargerIndex: number): EnergySplit | 'pending' | null => {
      const started = session.chargingStartedTime;
      if (!pricing?.offPeak || started === null) return null;
      const window = pricing.offPeak.window;
      const ended = session.chargingEndedTime ?? runningUntil;
      const byTime = (): EnergySplit => ({ share: timeShare(started, ended, zone, window), estimated: true });
      if (!profileAllowed) return byTime();
      const connector = session.connectorId ?? 1;
      const months = profileMonthsOf(session, runningUntil, zone).map((month) => profileIndex.get(profileKey(chargerIndex, month.startMs, connector)));
      // Not read yet: the split is pending, never a different estimate in the meantime.
      if (months.some((m) => m === undefined || m.state === 'pending')) return 'pending';
      // The charger could not give the profile: estimated by charging time, and counted as such.
      const data = months.flatMap((m) => (m?.state === 'ok' ? [m.data] : []));
      if (data.length < months.length) return byTime();
      const share = profileShare(joinSeries(data), started, ended, zone, window);
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
    const failed = own.filter((s) => s.status === 'error');
    return {
      charger,
      status: failed.length > 0 ? 'error' : own.some((s) => s.status === 'pending') ? 'pending' : 'success',
      error: failed[0]?.error ?? null,
      updatedAt: failed.length > 0 ? Math.min(...failed.map((s) => s.updatedAt)) : Math.max(0, ...own.map((s) => s.updatedAt)),
      fetching: own.some((s) => s.fetching),
      hasData: sessionsByCharger[index] !== null,
      refetch: () => {
        for (const s of failed.length > 0 ? failed : own) void s.refetch();
      },
    };
  });
  return { rows, loads, complete: range.ok && loads.every((l) => l.hasData), profilesPending: rows.some((row) => row.costPending) };
}
