import { describe, expect, it } from 'vitest';
import type { ArchivePowerPoint } from '../../api/archive-schemas.ts';
import { readPowerKw } from '../../../contract/charger-schemas.ts';
import { droppedCount, energyKwh, findGaps, gridOf, lastPresent, slotCount } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';

const T0 = Date.UTC(2026, 2, 10, 0, 0);
const measures = ['connector1', 'building', 'cluster'] as const;
/** A parsed point of the archive's answer; values as a newer or broken server might send them. */
const point = (slot: number, c1: unknown, building: unknown = 1, cluster: unknown = c1): ArchivePowerPoint => ({
  time: T0 + slot * STEP_MS,
  kW: { connector1: c1, building, cluster } as Record<string, number | null>,
  energyKWh: {},
});
const window = (fromSlot: number, toSlot: number) => ({ from: T0 + fromSlot * STEP_MS, to: T0 + toSlot * STEP_MS });
const series = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

describe('gridOf', () => {
  it('puts each point in its slot and leaves missing slots empty', () => {
    const grid = gridOf([point(0, 1), point(1, 2), point(4, 5)], window(0, 5), measures);
    expect(slotCount(grid)).toBe(6);
    expect(series(grid.values.connector1!)).toEqual([1, 2, null, null, 5, null]);
    expect(Array.from(grid.present)).toEqual([1, 1, 0, 0, 1, 0]);
    expect(lastPresent(grid)).toBe(T0 + 4 * STEP_MS);
  });

  it('drops negative and implausible values by the shared rule, counts them, and does not plot them', () => {
    const grid = gridOf([point(0, 1.5), point(2, -3.2), point(3, null), point(4, 2, 1e9), point(5, 10_001, 1, 2)], window(0, 5), measures);
    expect(series(grid.values.connector1!)).toEqual([1.5, null, null, null, 2, null]);
    expect(series(grid.values.building!)).toEqual([1, null, 1, 1, null, 1]);
    // null is "no value", not bad data; the rest are bad.
    expect(droppedCount(grid)).toBe(2 /* -3.2 twice */ + 1 /* 1e9 */ + 1 /* 10,001 kW */);
    expect(Array.from(grid.present)).toEqual([1, 0, 1, 1, 1, 1]);
    // The same rule the off-peak split uses.
    expect(readPowerKw(10_001)).toBe('bad');
  });

  it('ignores points outside the window and measures it does not show', () => {
    const grid = gridOf([point(-1, 9), point(0, 1), point(3, 9)], window(0, 2), ['connector1']);
    expect(series(grid.values.connector1!)).toEqual([1, null, null]);
    expect(Object.keys(grid.values)).toEqual(['connector1']);
  });

  it('a connector the answer does not have is empty, not an error', () => {
    const grid = gridOf([point(0, 1)], window(0, 0), ['connector2']);
    expect(series(grid.values.connector2!)).toEqual([null]);
    expect(droppedCount(grid)).toBe(0);
  });
});

describe('findGaps', () => {
  it('finds runs of slots without a point between two points', () => {
    const present = Uint8Array.from([0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0]);
    expect(findGaps({ from: T0, present })).toEqual([
      { from: T0 + 3 * STEP_MS, to: T0 + 6 * STEP_MS },
      { from: T0 + 7 * STEP_MS, to: T0 + 8 * STEP_MS },
    ]);
  });

  it('finds a reboot gap in merged data, not a dropped value', () => {
    const points = [0, 1, 2, 9, 10].map((s) => point(s, 1));
    points.push(point(11, -1));
    const grid = gridOf(points, window(0, 12), measures);
    expect(findGaps(grid)).toEqual([{ from: T0 + 3 * STEP_MS, to: T0 + 9 * STEP_MS }]);
  });

  it('has no gaps for empty, full or edge-only-missing data', () => {
    expect(findGaps({ from: T0, present: new Uint8Array(5) })).toEqual([]);
    expect(findGaps({ from: T0, present: Uint8Array.from([1, 1, 1]) })).toEqual([]);
    expect(findGaps({ from: T0, present: Uint8Array.from([0, 0, 1, 1, 0]) })).toEqual([]);
  });
});

describe('energyKwh', () => {
  it('integrates 5-minute averages: 72 points of 10.368 kW are 62.208 kWh', () => {
    expect(energyKwh(new Float64Array(72).fill(10.368))).toBeCloseTo(62.208, 9);
  });

  it('counts empty slots as nothing', () => {
    const values = Float64Array.from([12, Number.NaN, 12, Number.NaN]);
    expect(energyKwh(values)).toBeCloseTo(2, 12);
    expect(energyKwh(new Float64Array(0))).toBe(0);
  });
});
