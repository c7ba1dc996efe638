import type { QueryClient } from '@tanstack/react-query';
import { chargersQuery, generalStatusQuery } from '../api/queries.ts';

/**
 * Starts the first two requests before React renders anything. Resolves when both are answered
 * (or failed): a caller may wait for that, briefly, so the first render already has the data.
 * Failures are left to the queries, which retry and report them as usual.
 */
export function prefetchFirstScreen(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>): Promise<void> {
  return queryClient
    .fetchQuery(chargersQuery())
    .then(({ chargers }) => {
      const requested = new URLSearchParams(location.search).get('charger');
      const showsLive = location.pathname === '/' && (requested !== null || chargers.length === 1);
      const id = requested ?? chargers[0]?.id;
      if (showsLive && id && chargers.some((c) => c.id === id)) {
        return queryClient.prefetchQuery(generalStatusQuery(id));
      }
    })
    .catch(() => {});
}
