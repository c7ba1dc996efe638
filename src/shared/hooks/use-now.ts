/**
 * The current time, re-rendering every `periodMs`. All components asking for the same period
 * share one timer, so a screen full of ticking durations costs one interval, not one per card,
 * and the timer stops when the last of them unmounts.
 */
import { useSyncExternalStore } from 'react';

interface Ticker {
  subscribe(listener: () => void): () => void;
  getSnapshot(): number;
}

const tickers = new Map<number, Ticker>();

function createTicker(periodMs: number): Ticker {
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of listeners) l();
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    // A timer starved by a busy main thread (or throttled in a background tab) fires late; a
    // reading that arrived meanwhile would be compared with a `now` older than itself. Reading
    // the clock when the last tick is a whole period behind bounds that lag to one period.
    getSnapshot: () => {
      const current = Date.now();
      if (current - now >= periodMs) now = current;
      return now;
    },
  };
}

function tickerFor(periodMs: number): Ticker {
  let ticker = tickers.get(periodMs);
  if (!ticker) {
    ticker = createTicker(periodMs);
    tickers.set(periodMs, ticker);
  }
  return ticker;
}

export function useNow(periodMs = 1000): number {
  const ticker = tickerFor(periodMs);
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}

/**
 * Like `useNow`, but re-renders only when `select(now)` changes. Fifty tiles can each ask "has my
 * data been without an update for too long?" every second and render only when the answer flips.
 * `select` must return a primitive (or the same object for the same answer).
 */
export function useNowSelector<T>(periodMs: number, select: (now: number) => T): T {
  const ticker = tickerFor(periodMs);
  return useSyncExternalStore(ticker.subscribe, () => select(ticker.getSnapshot()));
}
