/**
 * The page's live connection, owned by the shell: one status stream per page (per query client),
 * watching the chargers the current view shows, and the server's build as the stream reports it.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { chargersQuery, snapshotQuery } from '../api/queries.ts';
import { StatusStream } from '../api/status-stream.ts';
import { timingsOf } from '../api/status-timings.ts';

interface PageStream {
  stream: StatusStream;
  build: string | undefined;
  listeners: Set<() => void>;
}

const pages = new WeakMap<QueryClient, PageStream>();

/** The page's stream; the timings are those of the charger list already loaded. */
export function pageStream(client: QueryClient): PageStream {
  let page = pages.get(client);
  if (!page) {
    const created: PageStream = {
      build: undefined,
      listeners: new Set(),
      stream: new StatusStream(client, {
        timings: timingsOf(client.getQueryData(chargersQuery().queryKey)),
        onBuild(build) {
          if (created.build === build) return;
          created.build = build;
          for (const listener of created.listeners) listener();
        },
        // After a break the server may have restarted: its list and timings are asked again.
        onReconnect: () => void client.invalidateQueries({ queryKey: chargersQuery().queryKey }),
      }),
    };
    page = created;
    pages.set(client, page);
  }
  return page;
}

/** Resolves once every one of these chargers has a status in the cache (or never; callers race it). */
export function statusArrived(client: QueryClient, chargerIds: readonly string[]): Promise<void> {
  const missing = () => chargerIds.some((id) => client.getQueryData(snapshotQuery(id).queryKey) === undefined);
  if (!missing()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = client.getQueryCache().subscribe(() => {
      if (missing()) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Keeps the page's stream on the chargers given (from the charger choice), and returns the build
 * the server last reported.
 */
export function useLiveUpdates(chargerIds: readonly string[] | null): string | undefined {
  const client = useQueryClient();
  const page = pageStream(client);
  const chargers = useQuery(chargersQuery());
  const timings = useMemo(() => (chargers.data ? timingsOf(chargers.data) : null), [chargers.data]);
  const idsKey = chargerIds?.join(',') ?? null;

  useEffect(() => {
    if (timings) page.stream.setTimings(timings);
  }, [page, timings]);
  // A layout effect: it runs before the views' queries subscribe (in passive effects), so a view
  // that mounts with the new chargers finds them streamed and asks nothing itself.
  useLayoutEffect(() => {
    // Nothing until the charger list is known: the stream needs its timings and the ids.
    if (idsKey === null || !timings) return;
    page.stream.watch(idsKey === '' ? [] : idsKey.split(','));
  }, [page, idsKey, timings]);
  useEffect(() => {
    const wake = () => {
      if (document.visibilityState === 'visible') page.stream.wake();
    };
    document.addEventListener('visibilitychange', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      page.stream.stop();
    };
  }, [page]);

  return useSyncExternalStore(
    (listener) => {
      page.listeners.add(listener);
      return () => page.listeners.delete(listener);
    },
    () => page.build,
  );
}
