/**
 * The server's timings as the browser uses them: how often readings come, when one is stale, when a
 * silent stream counts as broken. All from `/api/chargers`.
 */
import type { ChargersResponse } from './server-schemas.ts';
import type { StreamTimings } from './status-stream.ts';

/**
 * Only for a server that predates these fields (a page loaded before an update, answered by the
 * old server): its fixed 5 s status cadence. A current server always sends its own.
 */
const OLDER_SERVER: StreamTimings = { statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 30_000 };

export function timingsOf(data: ChargersResponse | undefined): StreamTimings {
  return {
    statusIntervalMs: data?.statusIntervalMs ?? OLDER_SERVER.statusIntervalMs,
    staleAfterMs: data?.staleAfterMs ?? OLDER_SERVER.staleAfterMs,
    streamSilenceMs: data?.streamSilenceMs ?? OLDER_SERVER.streamSilenceMs,
  };
}
