/**
 * One query-options factory per endpoint (DESIGN §6, §7): key and query function together, Zod
 * parse inside, so components only ever see typed data or an ApiError.
 */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson, fetchParsed } from './http.ts';
import { parseLiveStatus } from './live-status.ts';
import { phaseAlignedInterval } from './poll-schedule.ts';
import { chargersResponseSchema } from './server-schemas.ts';

/** Polling intervals (DESIGN §6). */
export const STATUS_POLL_MS = 5_000;
export const POWER_POLL_MS = 60_000;
export const SESSIONS_POLL_MS = 5 * 60_000;
export const CHARGERS_POLL_MS = 60_000;

export const chargerPath = (chargerId: string, endpoint: string) =>
  `/api/chargers/${encodeURIComponent(chargerId)}/${endpoint}`;

export const chargersQuery = () =>
  queryOptions({
    queryKey: ['chargers'],
    queryFn: ({ signal }) => fetchParsed('/api/chargers', chargersResponseSchema, signal),
    refetchInterval: CHARGERS_POLL_MS,
    staleTime: 30_000,
    retry: 3,
  });

export const generalStatusQuery = (chargerId: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'generalStatus'],
    queryFn: async ({ signal }) => parseLiveStatus(await fetchJson(chargerPath(chargerId, 'generalStatus'), signal)),
    // Every tablet polls this charger at the same wall-clock phase, so the server's status cache
    // answers all of them with one charger request (poll-schedule.ts).
    refetchInterval: phaseAlignedInterval(STATUS_POLL_MS, chargerId),
    // The next poll is the retry; retrying in between would delay the stale banner.
    retry: false,
    // An answer younger than the server's status cache (2 s) would come back unchanged: the live
    // view mounting right after the start-up prefetch does not ask again. Coming back to the page
    // later still refetches at once.
    staleTime: 2_000,
  });
