import { describe, expect, it } from 'vitest';
import { dataMax, yScale } from './y-scale.ts';

const cluster = { measure: 'cluster' as const, kw: 17.25 };
const building = { measure: 'building' as const, kw: 41.4 };

describe('yScale', () => {
  it('covers the data and the limits within reach with round ticks', () => {
    const s = yScale(14.2, [cluster, building], 250);
    expect(s.onScale).toEqual([cluster]); // 41.4 kW would squash 14 kW of data to a third
    expect(s.max).toBeGreaterThanOrEqual(17.25);
    expect(s.ticks[0]).toBe(0);
    expect(s.ticks.at(-1)).toBe(s.max);
    expect(s.ticks).toEqual([0, 5, 10, 15, 20]);
    expect(s.decimals).toBe(0);
  });

  it('fits the axis to the data: a limit well above it is listed, not drawn', () => {
    // A 10 kW car under a 17.3 kW cluster limit: the axis ends near 10, not at 20.
    const s = yScale(10.6, [cluster, building], 250);
    expect(s.onScale).toEqual([]);
    expect(s.max).toBeLessThanOrEqual(15);
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
