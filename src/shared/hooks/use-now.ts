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
    getSnapshot: () => now,
  };
}

export function useNow(periodMs = 1000): number {
  let ticker = tickers.get(periodMs);
  if (!ticker) {
    ticker = createTicker(periodMs);
    tickers.set(periodMs, ticker);
  }
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}
