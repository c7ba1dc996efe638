/**
 * Min/max downsampling: a week of 5-minute points is 2,016 per series, a month 8,640, but a line
 * cannot show more than a couple of values per pixel column. Per bucket (a few pixels wide) we keep
 * the lowest and the highest value in their original order, so a short 11 kW charging peak is as
 * tall as in the raw data (averaging would shave it), plus the exact first and last point of every
 * run of values, so lines start and end where the data does. A missing slot becomes a `null` point,
 * which Recharts draws as a break: a gap is never bridged, not even inside one bucket.
 */
import { STEP_MS } from './power-range.ts';

export interface ChartPoint {
  /** Slot start, epoch ms. */
  t: number;
  /** kW; null breaks the line. */
  v: number | null;
}

/**
 * `values[i]` belongs to the slot starting at `from + i × 5 min` (NaN = no value). Returns at most
 * about `maxPoints` points (two per bucket, plus run ends and gap breaks); series that already fit
 * are passed through point for point.
 */
export function downsampleMinMax(values: Float64Array, from: number, maxPoints: number): ChartPoint[] {
  const n = values.length;
  const out: ChartPoint[] = [];
  const at = (i: number): ChartPoint => ({ t: from + i * STEP_MS, v: values[i]! });
  const isValue = (i: number) => i >= 0 && i < n && !Number.isNaN(values[i]!);

  // A break is written once, when the next value shows there was a hole (not before the first value).
  let pendingBreak = -1;
  const emit = (i: number) => {
    if (pendingBreak >= 0) {
      if (out.length > 0) out.push({ t: from + pendingBreak * STEP_MS, v: null });
      pendingBreak = -1;
    }
    out.push(at(i));
  };
  const markHole = (i: number) => {
    if (pendingBreak < 0) pendingBreak = i;
  };

  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) {
      if (isValue(i)) emit(i);
      else markHole(i);
    }
    return out;
  }

  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = n / buckets;
  const picks: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor(b * size);
    const hi = b === buckets - 1 ? n : Math.floor((b + 1) * size);
    let i = lo;
    while (i < hi) {
      if (!isValue(i)) {
        markHole(i);
        i++;
        continue;
      }
      // One stretch of values inside the bucket.
      const start = i;
      let min = i;
      let max = i;
      while (i < hi && isValue(i)) {
        if (values[i]! < values[min]!) min = i;
        if (values[i]! > values[max]!) max = i;
        i++;
      }
      const end = i - 1;
      picks.length = 0;
      if (!isValue(start - 1)) picks.push(start); // a run begins here
      picks.push(min, max);
      if (!isValue(end + 1)) picks.push(end); // a run ends here
      picks.sort((a, c) => a - c);
      for (let k = 0; k < picks.length; k++) if (k === 0 || picks[k] !== picks[k - 1]) emit(picks[k]!);
    }
  }
  return out;
}

/** One row of the chart's data: a slot's start and every series' kW there (null breaks a line). */
export interface ChartRow {
  t: number;
  [measure: string]: number | null;
}

/**
 * The rows Recharts draws, shared by every series so one Tooltip and one X axis serve all lines.
 * Short windows (at most `maxPoints` slots) pass through slot for slot. Longer ones are cut into
 * `maxPoints / 2` buckets of consecutive slots (a few pixels each) and every bucket becomes two
 * rows, at its first and its last slot: each series puts its bucket minimum and maximum there, in
 * their original order, so a one-slot spike keeps its full height and the row count no longer
 * grows with the number of series (a union of each series' own picks did: nearly every slot of a
 * week with three series). A value is drawn at most one bucket (a few pixels) from its slot; the
 * tooltip reads the full-resolution grid, not the rows. A slot where any series misses its value
 * is a row of its own, so a gap is broken exactly where it is and never bridged.
 */
export function alignedRows(values: Readonly<Record<string, Float64Array>>, measures: readonly string[], from: number, maxPoints: number): ChartRow[] {
  const series = measures.map((measure) => [measure, values[measure]] as const).filter((e): e is readonly [string, Float64Array] => e[1] !== undefined);
  const n = series.reduce((most, [, v]) => Math.max(most, v.length), 0);
  const rows: ChartRow[] = [];
  const exactRow = (slot: number) => {
    const row: ChartRow = { t: from + slot * STEP_MS };
    for (const [measure, v] of series) {
      const x = v[slot];
      row[measure] = x === undefined || Number.isNaN(x) ? null : x;
    }
    rows.push(row);
  };
  if (n <= maxPoints) {
    for (let slot = 0; slot < n; slot++) exactRow(slot);
    return rows;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = n / buckets;
  const complete = (slot: number) => series.every(([, v]) => slot < v.length && !Number.isNaN(v[slot]!));
  // Two rows for a stretch of slots where every series has a value: each series' min and max.
  const minMaxRows = (lo: number, hi: number) => {
    if (hi - lo <= 2) {
      for (let slot = lo; slot < hi; slot++) exactRow(slot);
      return;
    }
    const first: ChartRow = { t: from + lo * STEP_MS };
    const last: ChartRow = { t: from + (hi - 1) * STEP_MS };
    for (const [measure, v] of series) {
      let min = lo;
      let max = lo;
      for (let i = lo + 1; i < hi; i++) {
        if (v[i]! < v[min]!) min = i;
        if (v[i]! > v[max]!) max = i;
      }
      first[measure] = v[Math.min(min, max)]!;
      last[measure] = v[Math.max(min, max)]!;
    }
    rows.push(first, last);
  };
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor(b * size);
    const hi = b === buckets - 1 ? n : Math.floor((b + 1) * size);
    // A slot where any series misses its value is a row of its own (the break), the stretches
    // between are downsampled as usual.
    let start = lo;
    for (let slot = lo; slot < hi; slot++) {
      if (complete(slot)) continue;
      minMaxRows(start, slot);
      exactRow(slot);
      start = slot + 1;
    }
    minMaxRows(start, hi);
  }
  return rows;
}
