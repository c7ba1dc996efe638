/**
 * A day's events of one charger (`GET /api/chargers/:id/timeline?date=YYYY-MM-DD`), derived by
 * the server from the status stream and kept in its archive: plugged in, charging, paused,
 * finished, unplugged, faults, the charger unreachable and back.
 */
import { queryOptions } from '@tanstack/react-query';
import { isApiError } from '../../../api/api-error.ts';
import { timelineResponseSchema } from '../../../api/archive-schemas.ts';
import { fetchParsed } from '../../../api/http.ts';
import { chargerPath } from '../../../api/queries.ts';

/** Today's events are read again this often, and at once when a connector's state changes. */
export const TIMELINE_REFRESH_MS = 60_000;
export const TIMELINE_ERROR_RETRY_MS = 15_000;

export const timelineQuery = (chargerId: string, date: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'timeline', date],
    queryFn: ({ signal }) => fetchParsed(`${chargerPath(chargerId, 'timeline')}?${new URLSearchParams({ date }).toString()}`, timelineResponseSchema, signal),
    // A server without an archive (`archive_off`) keeps no events: asking again would not help.
    refetchInterval: (query) => (query.state.status !== 'error' ? TIMELINE_REFRESH_MS : isApiError(query.state.error) && query.state.error.code === 'archive_off' ? false : TIMELINE_ERROR_RETRY_MS),
    staleTime: 5_000,
    retry: (failures, error) => failures < 1 && !(isApiError(error) && error.code === 'archive_off'),
  });

/** `YYYY-MM-DD` of an instant in a zone: the day the route is asked for. */
export function isoDay(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}
