/**
 * The chart's Y axis: fitted to the data shown, round ticks, and which limits are close enough to
 * draw as lines (the others are named beside the chart instead of squashing the lines).
 */
import type { PowerLimit } from './chart-inputs.ts';

/** A limit higher than this times the data's top is not drawn (it would squash the lines); it is listed. */
export const NEAR_FACTOR = 1.3;
/** The Y axis shows at least this much, so a quiet night is not magnified into noise. */
const MIN_Y_KW = 1;

export interface YScale {
  max: number;
  ticks: number[];
  decimals: number;
  /** Limits within reach of the data, drawn as lines; the rest are listed beside the chart. */
  onScale: readonly PowerLimit[];
}

/** Highest value of the given series (NaN = no value), 0 for none. */
export function dataMax(values: ReadonlyArray<Float64Array | undefined>): number {
  let max = 0;
  for (const series of values) {
    if (!series) continue;
    for (let i = 0; i < series.length; i++) if (series[i]! > max) max = series[i]!;
  }
  return max;
}

/** A round top and 3–6 round ticks (1, 2, 2.5, 5 × 10ⁿ kW) covering the data and the nearby limits. */
export function yScale(max: number, limits: readonly PowerLimit[], plotHeight: number): YScale {
  const maxTicks = Math.max(3, Math.floor(plotHeight / 50));
  let top = Math.max(max, MIN_Y_KW);
  const onScale = limits.filter((l) => l.kw <= NEAR_FACTOR * top);
  for (const l of onScale) top = Math.max(top, l.kw);
  const target = top * 1.04;
  const raw = target / Math.max(2, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= raw) ?? 10) * magnitude;
  const count = Math.ceil(target / step - 1e-9);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
  const decimals = Number.isInteger(step) ? 0 : Number.isInteger(step * 10) ? 1 : 2;
  return { max: ticks.at(-1)!, ticks, decimals, onScale };
}
