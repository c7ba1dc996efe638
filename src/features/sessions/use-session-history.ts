/**
 * The history of one charger or of all (the combined garage history): one all-pages query per
 * charger, cut to the exact range and turned into rows. Everything on the page (table, totals,
 * monthly summary, CSV) is derived from these rows.
 */
import { useQueries, type QueryObserverResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { PowerPointWire } from '../../api/charger-schemas.ts';
import { chargingSessionHistoryQuery, powerProfileRangeQuery, type SessionHistory } from '../../api/session-history.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import type { ResolvedRange } from './date-range.ts';
import { cutToRange } from './date-range.ts';
import { profileChunks, profileShare, seriesOf, timeShare, type ProfileSeries } from './off-peak.ts';
import { toRow, type EnergySplit, type Pricing, type SessionRow } from './session-rows.ts';

export interface ChargerLoad {
  charger: ChargerInfo;
  status: 'pending' | 'error' | 'success';
  error: Error | null;
  /** Time of the last successful read; 0 before the first. */
  updatedAt: number;
  fetching: boolean;
  /** The charger has data (possibly older, when `error` is set). */
  hasData: boolean;
  refetch: () => void;
}

function combine(results: QueryObserverResult<SessionHistory>[]) {
  return {
    datas: results.map((r) => r.data),
    states: results.map((r) => ({ status: r.status, error: r.error, updatedAt: r.dataUpdatedAt, fetching: r.isFetching, refetch: r.refetch })),
  };
}

/** Profiles of a session that runs past the range's end are read up to two days further. */
const PROFILE_TAIL_MS = 2 * 86_400_000;

/**
 * Longer ranges (more than ~13 months of 5-minute points) are split by charging time instead:
 * reading years of profile would cost the charger far more than the estimate is off.
 */
const MAX_PROFILE_CHUNKS = 12;

function combineProfiles(results: QueryObserverResult<PowerPointWire[][]>[]) {
  return {
    answers: results.map((r) => r.data),
    pending: results.some((r) => r.isPending),
    failed: results.map((r) => r.isError && r.data === undefined),
  };
}

export function useSessionHistory(chargers: ChargerInfo[], range: ResolvedRange, pricing: Pricing | null, nowMs: number, zone: string) {
  const window = range.ok ? range.window : { from: '', to: '' };
  const live = range.ok && range.endMs > nowMs;
  const { datas, states } = useQueries({
    // A bad custom range sends nothing (the queries stay disabled).
    queries: chargers.map((charger) => ({ ...chargingSessionHistoryQuery(charger.id, window, live), enabled: range.ok })),
    combine,
  });

  const startMs = range.ok ? range.startMs : 0;
  const endMs = range.ok ? range.endMs : 0;
  // The shell hands a fresh `[charger]` array on every render; depend on what it holds.
  const chargerKey = JSON.stringify(chargers.map((c) => [c.id, c.name]));
  const refs = useMemo(() => (JSON.parse(chargerKey) as [string, string][]).map(([id, name]) => ({ id, name })), [chargerKey]);
  const cut = useMemo(() => datas.map((data) => (data ? cutToRange(data.sessions, startMs, endMs) : null)), [datas, startMs, endMs]);

  // The off-peak price needs the power profile of the range: only then is it asked for.
  const offPeak = pricing?.offPeak ?? null;
  // Now, in 5-minute steps: the end of a running session, and of the profile of a live range.
  const nowStep = Math.ceil(nowMs / 300_000) * 300_000;
  const profileEnd = Math.min(endMs + PROFILE_TAIL_MS, nowStep);
  const chunks = offPeak && range.ok && profileEnd > startMs ? profileChunks(startMs, profileEnd) : [];
  const profileRequests = chunks.length > 0 && chunks.length <= MAX_PROFILE_CHUNKS
    ? cut.flatMap((sessions, index) => {
        const connectors = [...new Set((sessions ?? []).map((s) => s.connectorId ?? 1))].sort((a, b) => a - b);
        if (connectors.length === 0) return [];
        return [{ index, query: powerProfileRangeQuery(refs[index]!.id, chunks, connectors.map((c) => `connector${c}`).join(',')) }];
      })
    : [];
  const profiles = useQueries({ queries: profileRequests.map((r) => r.query), combine: combineProfiles });
  const requestKey = profileRequests.map((r) => r.index).join(',');
  const seriesByCharger = useMemo(() => {
    const indexes = requestKey === '' ? [] : requestKey.split(',').map(Number);
    return refs.map((_, chargerIndex) => {
      const i = indexes.indexOf(chargerIndex);
      // No request (too long a range) or a failed one: every session is estimated by time.
      return { answers: i >= 0 ? (profiles.answers[i] ?? []) : [], failed: i < 0 || (profiles.failed[i] ?? true) };
    });
  }, [refs, requestKey, profiles.answers, profiles.failed]);

  const price = pricing?.pricePerKwh ?? null;
  const currency = pricing?.currency ?? null;
  const offPrice = offPeak?.pricePerKwh ?? null;
  const offFrom = offPeak?.window.from ?? null;
  const offTo = offPeak?.window.to ?? null;
  const rows = useMemo(() => {
    const offPeakNow = offPrice !== null && offFrom !== null && offTo !== null ? { pricePerKwh: offPrice, window: { from: offFrom, to: offTo } } : null;
    const pricingNow = price !== null && currency !== null ? { pricePerKwh: price, currency, offPeak: offPeakNow } : null;
    const all: SessionRow[] = [];
    cut.forEach((sessions, index) => {
      const charger = refs[index];
      if (!sessions || !charger) return;
      const { answers, failed } = seriesByCharger[index] ?? { answers: [], failed: true };
      const series = new Map<number, ProfileSeries>();
      for (const session of sessions) {
        let split: EnergySplit | null = null;
        if (offPeakNow && session.chargingStartedTime !== null) {
          const connector = session.connectorId ?? 1;
          if (!failed && !series.has(connector)) series.set(connector, seriesOf(answers, `connector${connector}`));
          const started = session.chargingStartedTime;
          const ended = session.chargingEndedTime ?? nowStep;
          const share = failed ? null : profileShare(series.get(connector), started, ended, zone, offPeakNow.window);
          split = share !== null ? { share, estimated: false } : { share: timeShare(started, ended, zone, offPeakNow.window), estimated: true };
        }
        all.push(toRow(session, charger, pricingNow, split));
      }
    });
    return all;
  }, [cut, refs, price, currency, offPrice, offFrom, offTo, seriesByCharger, zone, nowStep]);

  const loads: ChargerLoad[] = chargers.map((charger, index) => {
    const state = states[index]!;
    return {
      charger,
      status: state.status,
      error: state.error,
      updatedAt: state.updatedAt,
      fetching: state.fetching,
      hasData: datas[index] !== undefined,
      refetch: () => void state.refetch(),
    };
  });
  return { rows, loads, complete: range.ok && loads.every((l) => l.hasData), profilesPending: offPeak !== null && profiles.pending };
}
