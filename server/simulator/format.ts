/**
 * The charger's value formats, as a .NET app on the wallbox writes them (docs/architecture.md, "The charger and the simulator").
 */

/** .NET's `DateTime.MinValue`, the charger's "no value" for a timestamp. */
export const NET_MIN_VALUE = '0001-01-01T00:00:00';

/**
 * A UTC timestamp with 100 ns precision: `ms` plus `ticks` (0–9999, the 100 ns units below the
 * millisecond). System.Text.Json writes up to 7 fractional digits and trims trailing zeros, which
 * is why the notes show both `.9926007Z` and `.738429Z`.
 */
export function netTime(ms: number, ticks = 0): string {
  const iso = new Date(ms).toISOString();
  const fraction = String((((ms % 1000) + 1000) % 1000) * 10_000 + ticks)
    .padStart(7, '0')
    .replace(/0+$/, '');
  return fraction ? `${iso.slice(0, 19)}.${fraction}Z` : `${iso.slice(0, 19)}Z`;
}

/** A whole-second UTC timestamp without fraction (departure times, insert times). */
export function netTimeSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The power profile's `time`: `2022-10-08T02:50:00+00:00`. */
export function profileTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * A kW value as the charger's power profile writes it: rounded, then passed through a float32 as
 * the firmware stores it, which yields both `0.71041` and `0.79635996` like the notes.
 */
export function profileKw(value: number): number {
  if (value === 0) return 0;
  return Number(Math.fround(round(value, 5)).toPrecision(8));
}
