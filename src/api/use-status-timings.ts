import { useQuery } from '@tanstack/react-query';
import { chargersQuery } from './queries.ts';
import { timingsOf } from './status-timings.ts';
import type { StreamTimings } from './status-stream.ts';

/** The server's status timings, from the charger list the shell has already loaded. */
export function useStatusTimings(): StreamTimings {
  const { data } = useQuery({ ...chargersQuery(), select: timingsOf });
  return data ?? timingsOf(undefined);
}
