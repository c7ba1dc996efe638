import { describe, expect, it } from 'vitest';
import { dataMax, linePath, yScale } from './PowerChart.tsx';

const cluster = { measure: 'cluster' as const, kw: 17.25 };
const building = { measure: 'building' as const, kw: 41.4 };

describe('yScale', () => {
  it('covers the data and the limits within reach with round ticks', () => {
    const s = yScale(12.9, [cluster, building], 250);
    expect(s.onScale).toEqual([cluster]); // 41.4 kW would squash 13 kW of data to a third
    expect(s.max).toBeGreaterThanOrEqual(17.25);
    expect(s.ticks[0]).toBe(0);
    expect(s.ticks.at(-1)).toBe(s.max);
    expect(s.ticks).toEqual([0, 5, 10, 15, 20]);
    expect(s.decimals).toBe(0);
  });

  it('does not magnify a quiet night into noise, and keeps far limits off the scale', () => {
    const s = yScale(0.42, [cluster, building], 250);
    expect(s.max).toBeGreaterThanOrEqual(1);
    expect(s.onScale).toEqual([]);
    expect(s.decimals).toBeGreaterThan(0);
  });

  it('finds the highest value, skipping missing ones', () => {
    expect(dataMax([Float64Array.from([1, Number.NaN, 3]), undefined, Float64Array.from([2])])).toBe(3);
    expect(dataMax([])).toBe(0);
  });
});

describe('linePath', () => {
  const x = (t: number) => t / 10;
  const y = (v: number) => 100 - v;
  it('draws through the points and lifts the pen at a gap', () => {
    const d = linePath(
      [
        { t: 0, v: 1 },
        { t: 10, v: 2.25 },
        { t: 20, v: null },
        { t: 30, v: 4 },
        { t: 40, v: 5 },
      ],
      x,
      y,
    );
    expect(d).toBe('M0,99L1,97.8M3,96L4,95');
  });

  it('skips points the scale cannot place', () => {
    expect(linePath([{ t: 0, v: 1 }, { t: 5, v: 2 }], (t) => (t === 5 ? undefined : 0), y)).toBe('M0,99');
  });
});
