/**
 * At most a few of our bulk requests per charger at a time (history pages, power-profile months),
 * however many queries ask at once. The history of "this year" is a query per month and the
 * off-peak split a query per month and connector: started together they would be two dozen
 * requests for one small embedded web server, which our proxy serves over two connections. Queued
 * there, they would sit ahead of every tablet's status poll for that charger (the same two
 * connections), and the browser's own request timeout (http.ts) would run while they wait; queued
 * here, a tablet never puts more than two bulk requests in front of a charger, and a request's
 * clock starts when it is sent.
 *
 * Per charger, so a slow charger never delays another; entries are removed when idle, so the map
 * stays as small as the set of chargers busy right now.
 */

/** The proxy's connections per charger (server/charger/scheduler.ts; one of them is kept for the status). */
export const CHARGER_CONCURRENCY = 2;

interface Lane {
  running: number;
  waiting: Array<() => void>;
}

const lanes = new Map<string, Lane>();

/** Runs `task` when one of the charger's slots is free; an abort while waiting gives the turn up. */
export async function queued<T>(chargerId: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
  let lane = lanes.get(chargerId);
  if (!lane) {
    lane = { running: 0, waiting: [] };
    lanes.set(chargerId, lane);
  }
  const own = lane;
  if (own.running >= CHARGER_CONCURRENCY) {
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = own.waiting.indexOf(start);
        if (index >= 0) own.waiting.splice(index, 1);
        release(chargerId, own, false);
        reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      own.waiting.push(start);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  } else {
    own.running++;
  }
  try {
    return await task();
  } finally {
    release(chargerId, own, true);
  }
}

/** Hands a finished slot to the next waiting task, or frees it; forgets an idle charger. */
function release(chargerId: string, lane: Lane, finished: boolean) {
  if (finished) {
    const next = lane.waiting.shift();
    if (next) {
      next(); // the slot passes on: `running` stays
      return;
    }
    lane.running--;
  }
  if (lane.running === 0 && lane.waiting.length === 0 && lanes.get(chargerId) === lane) lanes.delete(chargerId);
}

/** For tests: chargers with a task running or waiting. */
export function busyChargers(): number {
  return lanes.size;
}
