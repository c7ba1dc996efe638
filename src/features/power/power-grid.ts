/**
 * The power profile as the chart keeps it: one slot per 5 minutes of the window, a Float64Array
 * per measure with NaN where there is no value. A regular grid makes gaps explicit (a reboot is a
 * run of empty slots, never a line drawn across), keeps memory fixed by the window, not by uptime,
 * and lets a 60-second poll fold a few new points in without touching the rest.
 */
import type { PowerPointWire } from '../../api/charger-schemas.ts';
import { parseChargerTime } from '../../api/charger-parse.ts';
import { STEP_MS, type PowerWindow } from './power-range.ts';

export interface PowerGrid {
  /** First slot's start, epoch ms. */
  from: number;
  /** Last slot's start; the window has `(to - from) / STEP_MS + 1` slots. */
  to: number;
  measures: readonly string[];
  /** kW per slot and measure; NaN = no value (missing point, or a dropped bad value). */
  values: Readonly<Record<string, Float64Array>>;
  /** 1 where the charger sent a point for the slot at all (a reboot leaves none). */
  present: Uint8Array;
  /**
   * Values dropped as unreadable (non-numeric, negative), per slot; a point whose time cannot be
   * read counts in the slot of its neighbour in the answer (see `mergePoints`).
   */
  dropped: Uint16Array;
  /** Points of the latest answer whose time could not be read and that had no readable neighbour. */
  unplaced: number;
}

/**
 * Above this a value is a meter glitch, not a measurement: a household connection or a cluster of
 * wallboxes never draws 10 MW, and one such value would flatten every real line to the axis.
 */
const IMPLAUSIBLE_KW = 10_000;

/** A profile value: a kW number, `null` for "no value", or `'bad'` to be dropped and counted. */
export function readValue(raw: unknown): number | null | 'bad' {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > IMPLAUSIBLE_KW) return 'bad';
  return raw;
}

export const slotCount = (grid: Pick<PowerGrid, 'from' | 'to'>) => Math.round((grid.to - grid.from) / STEP_MS) + 1;

/**
 * Folds an answer into the data so far, on the slots of `window`: the previous grid is shifted
 * onto the new window (what slid out is dropped, so memory stays bounded however long the tablet
 * runs), then each point overwrites its slot (a newer answer wins). Returns `previous` itself when
 * nothing changed, so the chart keeps its memoized data.
 *
 * A point whose time cannot be read has no slot of its own. It is counted in the slot of the point
 * before it in the answer (the charger sends them in time order; the one after it when it comes
 * first), so a tail that is asked again every minute replaces that count instead of adding to it,
 * and the count leaves with the slot when it slides out. Only an answer without a single readable
 * time keeps its count apart, in `unplaced`, replaced by the next answer.
 */
export function mergePoints(
  previous: PowerGrid | undefined,
  points: readonly PowerPointWire[],
  window: Pick<PowerWindow, 'from' | 'to'>,
  measures: readonly string[],
): PowerGrid {
  const reusable = previous && sameMeasures(previous.measures, measures) ? previous : undefined;
  if (reusable && points.length === 0 && reusable.from === window.from && reusable.to === window.to) return reusable;

  const slots = Math.max(0, slotCount(window));
  const values: Record<string, Float64Array> = {};
  for (const m of measures) values[m] = new Float64Array(slots).fill(Number.NaN);
  const present = new Uint8Array(slots);
  const dropped = new Uint16Array(slots);
  let unplaced = 0;

  if (reusable) {
    const shift = Math.round((reusable.from - window.from) / STEP_MS);
    const start = Math.max(0, -shift);
    const end = Math.min(reusable.present.length, slots - shift);
    if (end > start) {
      for (const m of measures) values[m]!.set(reusable.values[m]!.subarray(start, end), start + shift);
      present.set(reusable.present.subarray(start, end), start + shift);
      dropped.set(reusable.dropped.subarray(start, end), start + shift);
    }
    // An answer with no points (nothing asked) leaves the previous count standing.
    if (points.length === 0) unplaced = reusable.unplaced;
  }

  const slotOf = points.map((point) => {
    const time = typeof point.time === 'string' ? parseChargerTime(point.time) : null;
    return time === null ? null : Math.round((time - window.from) / STEP_MS);
  });
  const inWindow = (slot: number) => slot >= 0 && slot < slots; // outside: not ours to show
  points.forEach((point, i) => {
    const slot = slotOf[i];
    if (slot == null || !inWindow(slot)) return;
    present[slot] = 1;
    let bad = 0;
    for (const m of measures) {
      const value = readValue(point[m]);
      if (value === 'bad') bad++;
      values[m]![slot] = typeof value === 'number' ? value : Number.NaN;
    }
    dropped[slot] = bad;
  });
  // After every slot of this answer is written, so a later point for the same slot cannot wipe it.
  let neighbour: number | null = slotOf.find((slot) => slot != null) ?? null;
  slotOf.forEach((slot) => {
    if (slot != null) neighbour = slot;
    else if (neighbour === null) unplaced++;
    else if (inWindow(neighbour)) dropped[neighbour] = Math.min(0xffff, dropped[neighbour]! + 1);
  });

  return { from: window.from, to: window.to, measures, values, present, dropped, unplaced };
}

function sameMeasures(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
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
  let count = grid.unplaced;
  for (let i = 0; i < grid.dropped.length; i++) count += grid.dropped[i]!;
  return count;
}
