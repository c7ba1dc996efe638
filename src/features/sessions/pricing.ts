/**
 * Reading the price form's fields. The price itself is kept by the server (api/settings-query.ts),
 * so every tablet shows the same costs.
 */

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
