import { describe, expect, it } from 'vitest';
import { hoverRows, linePath, markerPath, markerShape } from './chart-paths.ts';
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

describe('markerPath', () => {
  /** How many markers a path draws, and where (each shape's path starts with one M). */
  const starts = (d: string) => [...d.matchAll(/M([\d.-]+),([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const flat = (n: number, v: number | null = 1) => pts(...Array.from({ length: n }, () => v));

  it('puts a marker every spacing along the line, the first a phase of a spacing in', () => {
    // 1 px per slot: 500 px of line, a marker every 100 px from 50 px on.
    const d = markerPath(flat(501), x, y, 'square', 100, 0.5);
    expect(starts(d).map(([px]) => Math.round(px! + 0.85 * 4.5))).toEqual([50, 150, 250, 350, 450]);
    // A few per line whatever the number of points.
    expect(starts(markerPath(flat(8640), x, y, 'circle', 130, 0.25))).toHaveLength(67);
  });

  it('lets another line’s markers fall between the first one’s', () => {
    const a = starts(markerPath(flat(401), x, y, 'triangle', 100, 0.25)).map(([px]) => px);
    const b = starts(markerPath(flat(401), x, y, 'triangle', 100, 0.75)).map(([px]) => px);
    expect(a).toEqual([25, 125, 225, 325]);
    expect(b).toEqual([75, 175, 275, 375]);
  });

  it('sits on the line, and leaves out a place that falls into a gap', () => {
    const values = [...Array.from({ length: 120 }, (_, i) => i / 10), ...Array.from({ length: 100 }, () => null), ...Array.from({ length: 100 }, () => 2)];
    const d = markerPath(pts(...values), x, y, 'diamond', 100, 0.5);
    // At 50 px the line is at 5 kW (y = 50); 150 px falls into the gap (slots 120–219): no marker there.
    expect(starts(d).map(([px, py]) => [px, Math.round(py! + 4.5 * 1.15)])).toEqual([
      [50, 50],
      [250, 80],
    ]);
    expect(markerPath([], x, y, 'circle', 100, 0.5)).toBe('');
  });

  it('draws each shape as a closed path', () => {
    for (const shape of ['circle', 'square', 'triangle', 'diamond'] as const) expect(markerShape(shape, 10, 10)).toMatch(/^M[\d.]+,[\d.]+.*Z$/);
  });
});
