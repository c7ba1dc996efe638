/**
 * "No successful answer for too long", read from the query cache once a second without
 * subscribing to every poll: a tile re-renders only when the answer flips, not every 5 s.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { snapshotQuery } from '../../api/queries.ts';
import { useNowSelector } from '../../shared/hooks/use-now.ts';
import { isTooOld, NOW_TICK_MS } from '../../api/staleness.ts';
import { useStatusTimings } from '../../api/use-status-timings.ts';

export function useStatusTooOld(chargerId: string): boolean {
  const client = useQueryClient();
  const key = useMemo(() => snapshotQuery(chargerId).queryKey, [chargerId]);
  const timings = useStatusTimings();
  return useNowSelector(NOW_TICK_MS, (now) => isTooOld(client.getQueryState(key)?.dataUpdatedAt ?? 0, now, timings));
}

/** The ids (of those given) whose status is too old, joined into one string so equal answers are equal. */
export function useStatusTooOldIds(chargerIds: readonly string[]): string {
  const client = useQueryClient();
  const keys = useMemo(() => chargerIds.map((id) => [id, snapshotQuery(id).queryKey] as const), [chargerIds]);
  const timings = useStatusTimings();
  return useNowSelector(NOW_TICK_MS, (now) =>
    keys
      .filter(([, key]) => isTooOld(client.getQueryState(key)?.dataUpdatedAt ?? 0, now, timings))
      .map(([id]) => id)
      .join('\n'),
  );
}
