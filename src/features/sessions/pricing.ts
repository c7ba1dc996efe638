/**
 * The price per kWh: set in the UI and kept in this browser (localStorage), else the server's
 * default (PRICE_PER_KWH, CURRENCY). Pure helpers here; the hook is in use-pricing.ts.
 */
import type { Pricing } from './session-rows.ts';

export const PRICING_STORAGE_KEY = 'inch-dashboard.sessions.pricing';

/** `0.35`, `0,35`, `12`: a non-negative price with up to 6 decimals; null otherwise. */
export function parsePriceInput(text: string): number | null {
  const match = /^\s*(\d{1,5})(?:[.,](\d{1,6}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(`${match[1]}.${match[2] ?? '0'}`);
}

/** An ISO 4217 code Intl knows, upper-cased; null otherwise. */
export function parseCurrencyInput(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return null;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return code;
  } catch {
    return null;
  }
}

/** What was saved, if it is still readable; anything else counts as nothing saved. */
export function readStoredPricing(raw: string | null): Pricing | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { pricePerKwh?: unknown; currency?: unknown };
    if (typeof value.pricePerKwh !== 'number' || !Number.isFinite(value.pricePerKwh) || value.pricePerKwh < 0) return null;
    const currency = typeof value.currency === 'string' ? parseCurrencyInput(value.currency) : null;
    return currency ? { pricePerKwh: value.pricePerKwh, currency, offPeak: readOffPeak((value as { offPeak?: unknown }).offPeak) } : null;
  } catch {
    return null;
  }
}

function readOffPeak(raw: unknown): Pricing['offPeak'] {
  if (typeof raw !== 'object' || raw === null) return null;
  const { pricePerKwh, window } = raw as { pricePerKwh?: unknown; window?: { from?: unknown; to?: unknown } };
  const minute = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1440;
  if (typeof pricePerKwh !== 'number' || !Number.isFinite(pricePerKwh) || pricePerKwh < 0) return null;
  if (!window || !minute(window.from) || !minute(window.to) || window.from === window.to) return null;
  return { pricePerKwh, window: { from: window.from as number, to: window.to as number } };
}

export function effectivePricing(stored: Pricing | null, serverDefault: { pricePerKwh: number | null; currency: string }): { pricing: Pricing | null; source: 'browser' | 'server' | 'none' } {
  if (stored) return { pricing: stored, source: 'browser' };
  if (serverDefault.pricePerKwh !== null) return { pricing: { pricePerKwh: serverDefault.pricePerKwh, currency: serverDefault.currency }, source: 'server' };
  return { pricing: null, source: 'none' };
}
