import type { QueryClient } from '@tanstack/react-query';
import { chargersQuery, generalStatusQuery } from '../api/queries.ts';

/**
 * Starts the first two requests while React is still evaluating and rendering: on a slow tablet
 * that work takes longer than the requests, so the first connector card can show data in the
 * very first render instead of two round trips later. Failures are left to the queries, which
 * retry and report them as usual.
 */
export function prefetchFirstScreen(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>): void {
  void queryClient
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
