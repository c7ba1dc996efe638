import type { QueryClient } from '@tanstack/react-query';
import { chargersQuery } from '../api/queries.ts';
import { chooseCharger } from './charger-choice.ts';
import { pageStream, statusArrived } from './live-updates.ts';

/**
 * Starts the page's first requests before React renders anything: the charger list, then the event
 * stream for the chargers the first view shows (chosen by the same rule as the shell). Resolves
 * when their first statuses are in (or the list failed): a caller may wait for that, briefly, so
 * the first render already has the data. Failures are left to the queries and the stream.
 */
export function prefetchFirstScreen(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>): Promise<void> {
  return queryClient
    .fetchQuery(chargersQuery())
    .then((data) => {
      const requested = new URLSearchParams(location.search).get('charger');
      const { liveChargerIds } = chooseCharger(location.pathname, requested, data.chargers);
      const { stream } = pageStream(queryClient);
      stream.watch(liveChargerIds);
      return statusArrived(queryClient, liveChargerIds);
    })
    .catch(() => {});
}
