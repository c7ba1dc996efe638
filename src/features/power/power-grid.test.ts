import { describe, expect, it } from 'vitest';
import type { PowerPointWire } from '../../api/charger-schemas.ts';
import { droppedCount, energyKwh, findGaps, lastPresent, mergePoints, readValue, slotCount } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';

const T0 = Date.UTC(2026, 2, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
const measures = ['connector1', 'building', 'cluster'] as const;
const point = (slot: number, c1: unknown, building: unknown = 1, cluster: unknown = c1): PowerPointWire => ({
  time: iso(T0 + slot * STEP_MS),
  connector1: c1,
  building,
  cluster,
});
const window = (fromSlot: number, toSlot: number) => ({ from: T0 + fromSlot * STEP_MS, to: T0 + toSlot * STEP_MS });
const series = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

describe('mergePoints', () => {
  it('puts each point in its slot and leaves missing slots empty', () => {
    const grid = mergePoints(undefined, [point(0, 1), point(1, 2), point(4, 5)], window(0, 5), measures);
    expect(slotCount(grid)).toBe(6);
    expect(series(grid.values.connector1!)).toEqual([1, 2, null, null, 5, null]);
    expect(Array.from(grid.present)).toEqual([1, 1, 0, 0, 1, 0]);
    expect(lastPresent(grid)).toBe(T0 + 4 * STEP_MS);
  });

  it('reads the charger time formats, 7 fractional digits included', () => {
    const grid = mergePoints(
      undefined,
      [{ time: '2026-03-10T00:05:00.0000000Z', connector1: 3 }, { time: '2026-03-10T01:10:00+01:00', connector1: 4 }],
      window(0, 2),
      ['connector1'],
    );
    expect(series(grid.values.connector1!)).toEqual([null, 3, 4]);
  });

  it('drops non-numeric, negative and absurd values, counts them, and does not plot them', () => {
    const grid = mergePoints(
      undefined,
      [point(0, 1.5), point(1, 'NaN'), point(2, -3.2), point(3, null), point(4, 2, 1e9), point(5, { kw: 1 }, 'x', 2)],
      window(0, 5),
      measures,
    );
    expect(series(grid.values.connector1!)).toEqual([1.5, null, null, null, 2, null]);
    expect(series(grid.values.building!)).toEqual([1, 1, 1, 1, null, null]);
    // null is "no value", not bad data; the rest are bad.
    expect(droppedCount(grid)).toBe(2 /* 'NaN' in c1 + cluster */ + 2 /* -3.2 twice */ + 1 /* 1e9 */ + 2 /* object, 'x' */);
    expect(Array.from(grid.present)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('counts points whose time cannot be read', () => {
    const grid = mergePoints(undefined, [point(0, 1), { time: 'yesterday', connector1: 1 }], window(0, 1), ['connector1']);
    expect(droppedCount(grid)).toBe(1);
    expect(series(grid.values.connector1!)).toEqual([1, null]);
  });

  it('counts a point with an unreadable time once, however often the tail brings it again', () => {
    // The charger's newest point (slot 4) has a broken time. The poll re-asks from the newest point
    // it could place (slot 3) every minute, so the broken one comes back every time.
    const broken = { time: 'garbage', connector1: 1 };
    let grid = mergePoints(undefined, [...[0, 1, 2, 3].map((s) => point(s, 1)), broken], window(0, 4), measures);
    expect(droppedCount(grid)).toBe(1);
    for (let minute = 0; minute < 10; minute++) {
      grid = mergePoints(grid, [point(3, 1), broken], window(0, 4), measures);
      expect(droppedCount(grid)).toBe(1);
    }
    // New points arrive after it and the window slides on: still one, until it slides out.
    grid = mergePoints(grid, [point(3, 1), broken, point(5, 1)], window(1, 5), measures);
    expect(droppedCount(grid)).toBe(1);
    for (let slot = 6; slot < 8; slot++) {
      grid = mergePoints(grid, [point(slot - 1, 1), point(slot, 1)], window(slot - 4, slot), measures);
      expect(droppedCount(grid)).toBe(1);
    }
    // An answer of nothing but unreadable times is counted apart, and replaced by the next one.
    grid = mergePoints(grid, [broken, broken], window(3, 7), measures);
    expect(droppedCount(grid)).toBe(1 + 2);
    grid = mergePoints(grid, [broken, broken], window(3, 7), measures);
    expect(droppedCount(grid)).toBe(1 + 2);
    // When the slot it belongs to slides out of the window, its count goes with it.
    grid = mergePoints(grid, [point(8, 1)], window(8, 11), measures);
    expect(droppedCount(grid)).toBe(0);
  });

  it('ignores points outside the window', () => {
    const grid = mergePoints(undefined, [point(-1, 9), point(0, 1), point(3, 9)], window(0, 2), measures);
    expect(series(grid.values.connector1!)).toEqual([1, null, null]);
    expect(droppedCount(grid)).toBe(0);
  });

  it('merges a tail: the window slides, old slots are trimmed, new ones appended, the newer answer wins', () => {
    const first = mergePoints(undefined, [0, 1, 2, 3].map((s) => point(s, s)), window(0, 3), measures);
    // Five minutes later: the window moved by one slot; the tail re-sends slot 3 (corrected) and adds 4.
    const next = mergePoints(first, [point(3, 30), point(4, 4, 'bad')], window(1, 4), measures);
    expect(next.from).toBe(T0 + STEP_MS);
    expect(series(next.values.connector1!)).toEqual([1, 2, 30, 4]);
    expect(droppedCount(next)).toBe(1);
    expect(next.present.length).toBe(4);
    // The first grid is untouched (TanStack Query may still hold it).
    expect(series(first.values.connector1!)).toEqual([0, 1, 2, 3]);
  });

  it('keeps memory bounded by the window over weeks of polling', () => {
    let grid = mergePoints(undefined, [], window(0, 287), measures);
    for (let slot = 288; slot < 288 + 12 * 24 * 21; slot++) grid = mergePoints(grid, [point(slot, 1)], window(slot - 287, slot), measures);
    expect(grid.present.length).toBe(288);
    expect(grid.values.connector1!.length).toBe(288);
    expect(energyKwh(grid.values.connector1!)).toBeCloseTo(24, 9);
  });

  it('returns the previous grid itself when nothing changed', () => {
    const grid = mergePoints(undefined, [point(0, 1)], window(0, 3), measures);
    expect(mergePoints(grid, [], window(0, 3), measures)).toBe(grid);
    expect(mergePoints(grid, [], window(1, 4), measures)).not.toBe(grid);
  });

  it('starts over when the measures differ', () => {
    const grid = mergePoints(undefined, [point(0, 1)], window(0, 1), measures);
    const other = mergePoints(grid, [], window(0, 1), ['connector1', 'connector2', 'building', 'cluster']);
    expect(lastPresent(other)).toBeNull();
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
    const grid = mergePoints(undefined, points, window(0, 12), measures);
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

describe('readValue', () => {
  it('keeps zero and positive numbers', () => {
    expect(readValue(0)).toBe(0);
    expect(readValue(-0)).toBe(-0);
    expect(readValue(11.04)).toBe(11.04);
    expect(readValue(undefined)).toBeNull();
    expect(readValue(Number.POSITIVE_INFINITY)).toBe('bad');
    expect(readValue('3')).toBe('bad');
  });
});
