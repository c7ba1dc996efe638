/**
 * One query-options factory per endpoint: key and query function together, Zod
 * parse inside, so components only ever see typed data or an ApiError.
 */
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { fetchJson, fetchParsed } from './http.ts';
import { parseLiveStatus } from '../../contract/live-status.ts';
import { chargersResponseSchema } from './server-schemas.ts';
import { isStreamed } from './streamed-chargers.ts';

/*
 * The status is pushed by the server (status-stream.ts). Each feature's own queries, with their
 * refresh intervals, live in its `api/` folder (src/features/<feature>/api/).
 */

export const chargerPath = (chargerId: string, endpoint: string) =>
  `/api/chargers/${encodeURIComponent(chargerId)}/${endpoint}`;

export const chargersQuery = () =>
  queryOptions({
    queryKey: ['chargers'],
    queryFn: async ({ signal }) => {
      const data = await fetchParsed('/api/chargers', chargersResponseSchema, signal);
      // The server's clock against ours, read as the answer is parsed: the age of a reading is
      // judged on the server's clock, whatever the tablet's says. Read late (a slow tablet, the
      // preloaded answer) it is a lower bound, which the event stream tightens (clock-offset.ts).
      const serverNow = data.now === undefined ? Number.NaN : Date.parse(data.now);
      return { ...data, clockOffsetMs: Number.isNaN(serverNow) ? 0 : serverNow - Date.now() };
    },
    // Not polled: the list and the timings change only with a restart of the server, after which
    // the page's event stream reconnects and asks for them again (and a new build reloads the page).
    staleTime: Number.POSITIVE_INFINITY,
    retry: 3,
  });

export const generalStatusQuery = (chargerId: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'generalStatus'],
    queryFn: async ({ signal }) => {
      const json = await fetchJson(chargerPath(chargerId, 'generalStatus'), signal);
      try {
        return parseLiveStatus(json);
      } catch (error) {
        throw new ApiError('parse', 'parse', error instanceof Error ? error.message : String(error));
      }
    },
    // The page's event stream writes this query; while it flows a view mounting asks nothing
    // itself. When the stream fails, status-stream.ts polls through this queryFn at the server's
    // interval; the views never schedule requests of their own.
    enabled: () => !isStreamed(chargerId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // The next poll is the retry; retrying in between would delay the stale banner.
    retry: false,
  });
