import { describe, expect, it } from 'vitest';
import { hoverRows, linePath } from './chart-paths.ts';
import type { ChartPoint } from './downsample.ts';
import { STEP_MS } from './power-range.ts';

const T0 = Date.UTC(2026, 0, 1);
/** 1 px per slot from x = 0; y = 100 − 10 × kW. */
const x = (t: number) => (t - T0) / STEP_MS;
const y = (v: number) => 100 - 10 * v;
const pts = (...values: Array<number | null>): ChartPoint[] => values.map((v, i) => ({ t: T0 + i * STEP_MS, v }));

describe('linePath', () => {
  it('draws one subpath through a run of values', () => {
    expect(linePath(pts(1, 2, 3), x, y)).toBe('M0,90L1,80L2,70');
  });

  it('lifts the pen at a null point: a gap is never bridged', () => {
    expect(linePath(pts(1, 2, null, 4, 5), x, y)).toBe('M0,90L1,80M3,60L4,50');
  });

  it('draws a value with gaps on both sides as a short stroke (a dot with round caps)', () => {
    expect(linePath(pts(1, 2, null, 3, null, 4, 5), x, y)).toBe('M0,90L1,80M2,70h2M5,60L6,50');
  });

  it('leaves out points the scale cannot place', () => {
    const bounded = (t: number) => (t > T0 + STEP_MS ? undefined : x(t));
    expect(linePath(pts(1, 2, 3), bounded, y)).toBe('M0,90L1,80');
    expect(linePath([], x, y)).toBe('');
  });

  it('rounds coordinates to a tenth of a pixel', () => {
    expect(linePath(pts(1.234, 1.2345), x, y)).toBe('M0,87.7L1,87.7');
  });
});

describe('hoverRows', () => {
  it('gives every slot a row when the plot has a pixel for each', () => {
    const rows = hoverRows(72, T0, 650);
    expect(rows).toHaveLength(72);
    expect(rows.map((r) => r.t)).toEqual(Array.from({ length: 72 }, (_, i) => T0 + i * STEP_MS));
  });

  it('thins a long window to one row per pixel column, first and last slot included, in order', () => {
    const slots = 8640;
    const rows = hoverRows(slots, T0, 793);
    expect(rows).toHaveLength(793);
    expect(rows[0]!.t).toBe(T0);
    expect(rows.at(-1)!.t).toBe(T0 + (slots - 1) * STEP_MS);
    for (let i = 1; i < rows.length; i++) {
      const step = (rows[i]!.t - rows[i - 1]!.t) / STEP_MS;
      expect(Number.isInteger(step)).toBe(true);
      expect(step).toBeGreaterThanOrEqual(10);
      expect(step).toBeLessThanOrEqual(12);
    }
  });

  it('is frozen, rows included (Recharts keeps it in its Immer store)', () => {
    const rows = hoverRows(2016, T0, 800);
    expect(Object.isFrozen(rows)).toBe(true);
    expect(rows.every((r) => Object.isFrozen(r))).toBe(true);
  });
});
