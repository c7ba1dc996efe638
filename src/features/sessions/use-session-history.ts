/**
 * The history of one charger or of all (the combined garage history): one all-pages query per
 * charger, cut to the exact range and turned into rows. Everything on the page (table, totals,
 * monthly summary, CSV) is derived from these rows.
 */
import { useQueries, type QueryObserverResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { chargingSessionHistoryQuery, type SessionHistory } from '../../api/session-history.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import type { ResolvedRange } from './date-range.ts';
import { cutToRange } from './date-range.ts';
import { toRow, type Pricing, type SessionRow } from './session-rows.ts';

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

export function useSessionHistory(chargers: ChargerInfo[], range: ResolvedRange, pricing: Pricing | null, nowMs: number) {
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
  const price = pricing?.pricePerKwh ?? null;
  const currency = pricing?.currency ?? null;
  const rows = useMemo(() => {
    const pricingNow = price !== null && currency !== null ? { pricePerKwh: price, currency } : null;
    const all: SessionRow[] = [];
    datas.forEach((data, index) => {
      const charger = refs[index];
      if (!data || !charger) return;
      for (const session of cutToRange(data.sessions, startMs, endMs)) all.push(toRow(session, charger, pricingNow));
    });
    return all;
  }, [datas, refs, startMs, endMs, price, currency]);

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
  return { rows, loads, complete: range.ok && loads.every((l) => l.hasData) };
}
