/**
 * One query-options factory per endpoint: key and query function together, Zod
 * parse inside, so components only ever see typed data or an ApiError.
 */
import { queryOptions } from '@tanstack/react-query';
import { chargerSnapshotSchema, type ChargerSnapshot } from '../../contract/snapshot.ts';
import { fetchParsed } from './http.ts';
import { chargersResponseSchema } from './server-schemas.ts';
import { isStreamed } from './streamed-chargers.ts';

/*
 * The charger snapshots are pushed by the server (status-stream.ts). Each feature's own queries,
 * with their refresh intervals, live in its `api/` folder (src/features/<feature>/api/).
 */

export const chargerPath = (chargerId: string, endpoint: string) =>
  `/api/chargers/${encodeURIComponent(chargerId)}/${endpoint}`;

export const chargersQuery = () =>
  queryOptions({
    queryKey: ['chargers'],
    queryFn: ({ signal }) => fetchParsed('/api/chargers', chargersResponseSchema, signal),
    // Not polled: the list and the timings change only with a restart of the server, after which
    // the page's event stream reconnects and asks for them again (and a new build reloads the page).
    staleTime: Number.POSITIVE_INFINITY,
    retry: 3,
  });

/** `GET …/snapshot`: the charger's snapshot, as the stream would push it. */
export function readSnapshot(chargerId: string, signal?: AbortSignal): Promise<ChargerSnapshot> {
  return fetchParsed(chargerPath(chargerId, 'snapshot'), chargerSnapshotSchema, signal);
}

export const snapshotQuery = (chargerId: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'snapshot'],
    queryFn: ({ signal }) => readSnapshot(chargerId, signal),
    // The page's event stream writes this query; while it flows a view mounting asks nothing
    // itself. When the stream fails, status-stream.ts polls the same route at the server's
    // interval; the views never schedule requests of their own.
    enabled: () => !isStreamed(chargerId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // The next poll is the retry; retrying in between would delay the stale banner.
    retry: false,
  });
