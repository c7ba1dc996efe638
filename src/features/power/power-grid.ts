/**
 * The power profile as the chart keeps it: one slot per 5 minutes of the window, a Float64Array
 * per measure with NaN where there is no value. A regular grid makes gaps explicit (a reboot is a
 * run of empty slots, never a line drawn across) and keeps memory fixed by the window. Built from
 * the archive's 5-minute answer by the chart query's `select`, once per answer.
 */
import type { ArchivePowerPoint } from '../../api/archive-schemas.ts';
import { readPowerKw } from '../../../contract/charger-schemas.ts';
import { STEP_MS, type PowerWindow } from './power-range.ts';

export interface PowerGrid {
  /** First slot's start, epoch ms. */
  from: number;
  /** Last slot's start; the window has `(to - from) / STEP_MS + 1` slots. */
  to: number;
  measures: readonly string[];
  /** kW per slot and measure; NaN = no value (missing point, or a dropped bad value). */
  values: Readonly<Record<string, Float64Array>>;
  /** 1 where the archive holds a point for the slot at all (a reboot leaves none). */
  present: Uint8Array;
  /** Values dropped as unusable by the shared rule (`readPowerKw`: negative, implausible), per slot. */
  dropped: Uint16Array;
}

export const slotCount = (grid: Pick<PowerGrid, 'from' | 'to'>) => Math.round((grid.to - grid.from) / STEP_MS) + 1;

/**
 * The answer's points on the slots of `window`, for `measures`. Values are read by the one rule
 * for power values (`readPowerKw`), the off-peak split's too: an unusable one is dropped and
 * counted, never drawn. Points outside the window are not ours to show.
 */
export function gridOf(points: readonly ArchivePowerPoint[], window: Pick<PowerWindow, 'from' | 'to'>, measures: readonly string[]): PowerGrid {
  const slots = Math.max(0, slotCount(window));
  const values: Record<string, Float64Array> = {};
  for (const m of measures) values[m] = new Float64Array(slots).fill(Number.NaN);
  const present = new Uint8Array(slots);
  const dropped = new Uint16Array(slots);
  for (const point of points) {
    const slot = Math.round((point.time - window.from) / STEP_MS);
    if (slot < 0 || slot >= slots) continue;
    present[slot] = 1;
    let bad = 0;
    for (const m of measures) {
      const value = readPowerKw(point.kW[m]);
      if (value === 'bad') bad++;
      values[m]![slot] = typeof value === 'number' ? value : Number.NaN;
    }
    dropped[slot] = bad;
  }
  return { from: window.from, to: window.to, measures, values, present, dropped };
}

/** Start of the newest slot the charger sent a point for, or null for an empty grid. */
export function lastPresent(grid: PowerGrid): number | null {
  for (let i = grid.present.length - 1; i >= 0; i--) if (grid.present[i]) return grid.from + i * STEP_MS;
  return null;
}

export const hasAnyPoint = (grid: PowerGrid) => lastPresent(grid) !== null;

export interface Gap {
  /** Start of the first empty slot. */
  from: number;
  /** Start of the next slot with a point, i.e. where the gap ends. */
  to: number;
}

/**
 * Runs of slots with no point at all between two slots that have one: the charger was off
 * (rebooting). Empty slots before the first or after the last point are not gaps, just no data yet.
 */
export function findGaps(grid: Pick<PowerGrid, 'from' | 'present'>): Gap[] {
  const gaps: Gap[] = [];
  let seenPoint = false;
  let gapStart = -1;
  for (let i = 0; i < grid.present.length; i++) {
    if (grid.present[i]) {
      if (gapStart >= 0) gaps.push({ from: grid.from + gapStart * STEP_MS, to: grid.from + i * STEP_MS });
      gapStart = -1;
      seenPoint = true;
    } else if (seenPoint && gapStart < 0) {
      gapStart = i;
    }
  }
  return gaps;
}

/** Energy of one series in kWh: each 5-minute average kW counts for 5/60 h; empty slots count nothing. */
export function energyKwh(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) sum += v; // NaN check without a call per slot
  }
  return (sum * STEP_MS) / 3_600_000;
}

/** Values the chart did not draw because they were unreadable. */
export function droppedCount(grid: PowerGrid): number {
  let count = 0;
  for (let i = 0; i < grid.dropped.length; i++) count += grid.dropped[i]!;
  return count;
}
