import { describe, expect, it } from 'vitest';
import { alignedRows } from './downsample.ts';
import { STEP_MS } from './power-range.ts';
import { coincidingSeries } from './series-overlap.ts';

const NaN_ = Number.NaN;

describe('coincidingSeries', () => {
  it('finds a series equal to an earlier one (the cluster of one charger)', () => {
    const values = {
      connector1: Float64Array.from([0, 7.4, 7.4, NaN_]),
      building: Float64Array.from([1, 8.4, 8.4, NaN_]),
      cluster: Float64Array.from([0, 7.401, 7.4, NaN_]),
    };
    expect(coincidingSeries(values, ['connector1', 'building', 'cluster'])).toEqual(new Map([['cluster', 'connector1']]));
  });

  it('does not merge series that differ anywhere, or that have no values', () => {
    expect(coincidingSeries({ a: Float64Array.from([1, 2]), b: Float64Array.from([1, 2.1]) }, ['a', 'b']).size).toBe(0);
    expect(coincidingSeries({ a: Float64Array.from([1, NaN_]), b: Float64Array.from([1, 1]) }, ['a', 'b']).size).toBe(0);
    expect(coincidingSeries({ a: Float64Array.from([NaN_]), b: Float64Array.from([NaN_]) }, ['a', 'b']).size).toBe(0);
  });
});

describe('alignedRows', () => {
  it('gives every row every series’ exact value, null where a series has none', () => {
    const values = { a: Float64Array.from([1, NaN_, 3]), b: Float64Array.from([5, 6, 7]) };
    expect(alignedRows(values, ['a', 'b'], 0, 100)).toEqual([
      { t: 0, a: 1, b: 5 },
      { t: STEP_MS, a: null, b: 6 },
      { t: 2 * STEP_MS, a: 3, b: 7 },
    ]);
  });

  it('keeps each series’ peak when downsampling a long window', () => {
    const n = 8640;
    const a = new Float64Array(n).fill(0.4);
    const b = new Float64Array(n).fill(2);
    a[1234] = 11.04;
    b[5000] = 30;
    const rows = alignedRows({ a, b }, ['a', 'b'], 0, 400);
    expect(rows.length).toBeLessThan(900);
    expect(Math.max(...rows.map((r) => r.a ?? 0))).toBe(11.04);
    expect(Math.max(...rows.map((r) => r.b ?? 0))).toBe(30);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.t).toBeGreaterThan(rows[i - 1]!.t);
  });

  it('gives a few hundred rows for a month of three series, breaking the lines at every gap', () => {
    const n = 8640;
    const make = (k: number) => Float64Array.from({ length: n }, (_, i) => (i % 997 < 5 ? NaN_ : Math.sin(i / 7) * k + k));
    const rows = alignedRows({ a: make(1), b: make(2), c: make(3) }, ['a', 'b', 'c'], 0, 452);
    expect(rows.length).toBeLessThan(520);
    for (let i = 0; i < n; i++) if (i % 997 < 5) expect(rows.find((r) => r.t === i * STEP_MS)).toEqual({ t: i * STEP_MS, a: null, b: null, c: null });
    expect(Math.max(...rows.map((r) => r.c ?? 0))).toBeCloseTo(6, 2);
  });
});
