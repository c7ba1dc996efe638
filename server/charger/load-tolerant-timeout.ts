/**
 * The timeout of one charger exchange, counted in time our own event loop was free to take the
 * answer. Timers fire only when the event loop gets to them: after a long synchronous job of ours
 * (a big answer serialised, a slow query) the timer of a request the charger answered long ago
 * fires first, in the same turn as the answer waits to be read, and would call a healthy charger
 * slow or unreachable. So a timer that fires late starts the charger's time again (we cannot
 * tell how much of it the charger had: while we were busy, even a connection it accepted may not
 * have carried our request yet), and an expired timeout is judged only after the answers already
 * waiting have been read.
 */
import { performance } from 'node:perf_hooks';

/** A timer this much later than planned shows our event loop was busy, not the charger slow. */
export const LATE_TOLERANCE_MS = 50;

export interface LoadTolerantTimeout {
  signal: AbortSignal;
  /** Ends the timer once the exchange is over. */
  clear(): void;
}

export function loadTolerantTimeout(ms: number, options: { now?: () => number; message?: string } = {}): LoadTolerantTimeout {
  const now = options.now ?? (() => performance.now());
  const controller = new AbortController();
  let due = now() + ms;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: ReturnType<typeof setImmediate> | null = null;

  const arm = (delay: number) => {
    timer = setTimeout(fire, delay);
    // Like AbortSignal.timeout: a waiting request alone does not keep the process running.
    timer.unref?.();
  };
  function fire() {
    timer = null;
    const late = now() - due;
    if (late > LATE_TOLERANCE_MS) {
      due = now() + ms;
      arm(ms);
      return;
    }
    // I/O is read after timers in each turn of the event loop: an answer that is already here
    // is taken before the timeout counts.
    pending = setImmediate(() => {
      pending = null;
      controller.abort(new DOMException(options.message ?? `no answer within ${ms} ms`, 'TimeoutError'));
    });
  }
  arm(ms);

  return {
    signal: controller.signal,
    clear() {
      if (timer) clearTimeout(timer);
      if (pending) clearImmediate(pending);
      timer = null;
      pending = null;
    },
  };
}
