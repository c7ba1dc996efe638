/**
 * Min/max downsampling: a week of 5-minute points is 2,016 per series, a month 8,640, but a line
 * cannot show more than a couple of values per pixel column. Per bucket (a few pixels wide) we keep
 * the lowest and the highest value in their original order, so a short 11 kW charging peak is as
 * tall as in the raw data (averaging would shave it), plus the exact first and last point of every
 * run of values, so lines start and end where the data does. A missing slot becomes a `null` point,
 * which the line's path draws as a break (`linePath`): a gap is never bridged, not even inside one bucket.
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
