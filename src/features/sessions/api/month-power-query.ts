/**
 * One local month of the archived 5-minute power profile (`GET /power?step=5m`), for the
 * off-peak split of the sessions in it. Keyed by the month, never by the time: a month that is
 * over is read once and kept; the current one is read again while sessions can still change.
 */
import { queryOptions } from '@tanstack/react-query';
import { powerResponseSchema, type PowerResponse } from '../../../api/archive-schemas.ts';
import { fetchParsed } from '../../../api/http.ts';
import { chargerPath } from '../../../api/queries.ts';
import { seriesOf, type ProfileSeries } from '../off-peak.ts';
import { SESSIONS_ERROR_RETRY_MS, SESSIONS_SETTLE_MS, type HistoryPiece } from './sessions-query.ts';

/** The current month's profile is read again this often (a new 5-minute point at most each time). */
export const MONTH_POWER_REFRESH_MS = 5 * 60_000;

/** Each series of the answer as the split reads it (sorted, unusable values left out). */
export type MonthProfiles = ReadonlyMap<string, ProfileSeries>;

/** A module-level function, so TanStack Query runs it once per answer, not once per render. */
export function profilesOf(answer: PowerResponse): MonthProfiles {
  return new Map(answer.series.map((measure) => [measure, seriesOf(answer.points, measure)]));
}

export const monthPowerQuery = (chargerId: string, month: HistoryPiece) => {
  const settled = (query: { state: { data: PowerResponse | undefined; dataUpdatedAt: number } }) =>
    query.state.data !== undefined && query.state.data.complete && query.state.dataUpdatedAt >= month.endMs + SESSIONS_SETTLE_MS;
  const search = new URLSearchParams({ from: new Date(month.startMs).toISOString(), to: new Date(month.endMs).toISOString(), step: '5m' });
  return queryOptions({
    queryKey: ['charger', chargerId, 'power', '5m', search.get('from'), search.get('to')],
    queryFn: ({ signal }) => fetchParsed(`${chargerPath(chargerId, 'power')}?${search.toString()}`, powerResponseSchema, signal),
    refetchInterval: (query) => (query.state.status === 'error' ? SESSIONS_ERROR_RETRY_MS : settled(query) ? false : MONTH_POWER_REFRESH_MS),
    staleTime: (query) => (settled(query) ? Number.POSITIVE_INFINITY : MONTH_POWER_REFRESH_MS / 2),
    select: profilesOf,
    retry: 1,
  });
};
