import { describe, expect, it } from 'vitest';
import { downsampleMinMax, type ChartPoint } from './downsample.ts';
import { STEP_MS } from './power-range.ts';

const T0 = Date.UTC(2026, 0, 1);
const slotOf = (p: ChartPoint) => (p.t - T0) / STEP_MS;

/** A deterministic, bumpy series (LCG noise plus a daily shape). */
function noisy(n: number, seed = 1): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    out[i] = 2 + 2 * Math.sin(i / 40) + (s / 2 ** 31) * 3;
  }
  return out;
}

describe('downsampleMinMax', () => {
  it('passes short series through point for point', () => {
    const values = Float64Array.from([1, 2, 3]);
    expect(downsampleMinMax(values, T0, 10)).toEqual([
      { t: T0, v: 1 },
      { t: T0 + STEP_MS, v: 2 },
      { t: T0 + 2 * STEP_MS, v: 3 },
    ]);
  });

  it('keeps every bucket’s min and max, and the first and last point', () => {
    const n = 8640;
    const values = noisy(n);
    const maxPoints = 1200;
    const out = downsampleMinMax(values, T0, maxPoints);
    expect(out.length).toBeLessThanOrEqual(maxPoints + 2);
    expect(out.length).toBeGreaterThan(maxPoints * 0.9);
    expect(out[0]).toEqual({ t: T0, v: values[0] });
    expect(out.at(-1)).toEqual({ t: T0 + (n - 1) * STEP_MS, v: values[n - 1] });
    const buckets = maxPoints / 2;
    const size = n / buckets;
    const kept = new Map(out.map((p) => [slotOf(p), p.v]));
    for (let b = 0; b < buckets; b++) {
      const lo = Math.floor(b * size);
      const hi = Math.floor((b + 1) * size);
      const slice = Array.from(values.subarray(lo, hi));
      const min = slice.indexOf(Math.min(...slice)) + lo;
      const max = slice.indexOf(Math.max(...slice)) + lo;
      expect(kept.get(min), `bucket ${b} min`).toBe(values[min]);
      expect(kept.get(max), `bucket ${b} max`).toBe(values[max]);
    }
    // Time order, no duplicates.
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t);
  });

  it('keeps a one-slot spike at full height', () => {
    const values = new Float64Array(2016).fill(0.4);
    values[1000] = 11.04;
    const out = downsampleMinMax(values, T0, 200);
    expect(Math.max(...out.map((p) => p.v ?? 0))).toBe(11.04);
  });

  it('breaks the line at a gap, also inside one bucket, and never bridges it', () => {
    const values = new Float64Array(8640).fill(3);
    values.fill(Number.NaN, 4000, 4004); // a 20-minute reboot, much narrower than a bucket
    const out = downsampleMinMax(values, T0, 600);
    const breaks = out.filter((p) => p.v === null);
    expect(breaks).toEqual([{ t: T0 + 4000 * STEP_MS, v: null }]);
    const i = out.indexOf(breaks[0]!);
    expect(slotOf(out[i - 1]!)).toBe(3999); // the line ends on the last value before the gap…
    expect(slotOf(out[i + 1]!)).toBe(4004); // …and starts again on the first after it
  });

  it('breaks short series at gaps too, without leading or trailing breaks', () => {
    const values = Float64Array.from([Number.NaN, 1, Number.NaN, Number.NaN, 2, Number.NaN]);
    expect(downsampleMinMax(values, T0, 100)).toEqual([
      { t: T0 + STEP_MS, v: 1 },
      { t: T0 + 2 * STEP_MS, v: null },
      { t: T0 + 4 * STEP_MS, v: 2 },
    ]);
  });

  it('returns nothing for a series without values', () => {
    expect(downsampleMinMax(new Float64Array(5000).fill(Number.NaN), T0, 100)).toEqual([]);
  });
});
