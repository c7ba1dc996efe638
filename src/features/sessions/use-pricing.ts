import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { effectivePricing, PRICING_STORAGE_KEY, readStoredPricing } from './pricing.ts';
import type { Pricing } from './session-rows.ts';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changing the price updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === PRICING_STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function snapshot(): string | null {
  try {
    return window.localStorage.getItem(PRICING_STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode on some tablets)
  }
}

/**
 * The price in effect and a way to change it. `pricing` is the same object for as long as the
 * stored text and the server's defaults are the same, so everything computed from it (every row's
 * cost) is computed again only when the price changes, not on every render.
 */
export function usePricing(serverDefault: { pricePerKwh: number | null; currency: string }) {
  const raw = useSyncExternalStore(subscribe, snapshot, () => null);
  const stored = useMemo(() => readStoredPricing(raw), [raw]);
  const { pricePerKwh, currency } = serverDefault;
  const { pricing, source } = useMemo(() => effectivePricing(stored, { pricePerKwh, currency }), [stored, pricePerKwh, currency]);
  const save = useCallback((next: Pricing | null) => {
    try {
      if (next) window.localStorage.setItem(PRICING_STORAGE_KEY, JSON.stringify(next));
      else window.localStorage.removeItem(PRICING_STORAGE_KEY);
    } catch {
      // Not kept across reloads, but nothing else breaks.
    }
    for (const listener of listeners) listener();
  }, []);
  return { pricing, source, save };
}
