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
    // The one point left is alone, so it is drawn as a dot (a bare `M` before, which drew nothing).
    expect(linePath([{ t: 0, v: 1 }, { t: 5, v: 2 }], (t) => (t === 5 ? undefined : 0), y)).toBe('M-1,99h2');
  });

  it('draws a value with gaps on both sides as a dot, not as an invisible bare move', () => {
    const d = linePath(
      [
        { t: 0, v: 1 },
        { t: 10, v: 2 },
        { t: 20, v: null },
        { t: 30, v: 4 }, // alone
        { t: 40, v: null },
        { t: 50, v: 5 }, // alone, at the end
      ],
      x,
      y,
    );
    expect(d).toBe('M0,99L1,98M2,96h2M4,95h2');
    // Every subpath draws something: a move is always followed by a line or a stroke.
    for (const subpath of d.split('M').slice(1)) expect(subpath).toMatch(/[Lh]/);
    expect(linePath([{ t: 0, v: 3 }], x, y)).toBe('M-1,97h2');
  });
});
