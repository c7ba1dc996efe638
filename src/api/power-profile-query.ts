/**
 * The power chart's query-options factory. Its own module, not `queries.ts`: only the chart's lazy
 * chunk imports it, so none of it is in the first load (everything `queries.ts` exports to a lazy
 * chunk is bundled into the entry).
 */
import { queryOptions } from '@tanstack/react-query';
import { powerProfileSchema, type PowerPointWire } from './charger-schemas.ts';
import { queued } from './charger-queue.ts';
import { fetchParsed } from './http.ts';
import { POWER_POLL_MS, chargerPath } from './queries.ts';

export const POWER_ERROR_RETRY_MS = 10_000;

/** One question to `/powerProfile`: a closed range of 5-minute slot starts. */
export interface PowerProfileRequest {
  /** Epoch ms, 5-minute aligned so tablets ask identical questions and share the server's answer. */
  fromMs: number;
  toMs: number;
}

/**
 * How a view of the power profile is fetched and kept. The cached data is the view itself (the
 * chart's grid, a month of the session history's off-peak split), so a poll can ask only for what
 * is new: `next` says what to ask given the data so far (everything on the first fetch, the tail
 * since the newest point afterwards, nothing when up to date), `merge` folds the answer in and
 * trims what slid out of the window. The one factory for `/powerProfile` (DESIGN §6, §7).
 */
export interface PowerProfilePlan<T> {
  /** Names the view in the cache key, e.g. `last:24h` or `day:2026-03-01`. */
  view: string;
  /** Comma list for the charger, e.g. `connector1,building,cluster`. */
  measure: string;
  /** The view reaches the present: poll for new points. */
  live: boolean;
  /** Poll interval while live; the chart's 60 s (a new 5-minute point) when absent. */
  pollMs?: number;
  /**
   * The data can no longer change: never stale, not polled. When absent, a view that is not
   * `live` is settled. A view that has ended but may still lack its last points says no, so it is
   * asked once more (by `next`) instead of being kept incomplete forever.
   */
  settled?(data: T | undefined, nowMs: number): boolean;
  next(previous: T | undefined, nowMs: number): PowerProfileRequest | null;
  /** `request` is what was asked (null: nothing, the data is up to date). */
  merge(previous: T | undefined, points: PowerPointWire[], nowMs: number, request?: PowerProfileRequest | null): T;
}

export const powerProfileQuery = <T>(chargerId: string, plan: PowerProfilePlan<T>) => {
  const queryKey = ['charger', chargerId, 'powerProfile', plan.view, plan.measure] as const;
  const pollMs = plan.pollMs ?? POWER_POLL_MS;
  const settled = (data: T | undefined) => (plan.settled ? plan.settled(data, Date.now()) : !plan.live);
  return queryOptions({
    queryKey,
    queryFn: async ({ client, signal }): Promise<T> => {
      const previous = client.getQueryData<T>(queryKey);
      const now = Date.now();
      const request = plan.next(previous, now);
      if (!request) return plan.merge(previous, [], now, null);
      const search = new URLSearchParams({
        fromTime: new Date(request.fromMs).toISOString(),
        toTime: new Date(request.toMs).toISOString(),
        measure: plan.measure,
      });
      const points = await queued(chargerId, signal, () =>
        fetchParsed(`${chargerPath(chargerId, 'powerProfile')}?${search.toString()}`, powerProfileSchema, signal),
      );
      return plan.merge(previous, points, now, request);
    },
    // After a failure try again soon, also for a past day, which otherwise never refetches.
    refetchInterval: (query) => (query.state.status === 'error' ? POWER_ERROR_RETRY_MS : settled(query.state.data) ? false : pollMs),
    // A past day never changes; a live view is brought up to date by its poll.
    staleTime: (query) => (settled(query.state.data) ? Number.POSITIVE_INFINITY : pollMs / 2),
    // The data is folded, not replaced: a deep compare would only cost time.
    structuralSharing: false,
    retry: 1,
  });
};
