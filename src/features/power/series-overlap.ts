/**
 * Series that coincide: with one charger the cluster's power is that connector's, slot for slot,
 * and two identical lines hide each other. Such a series is drawn once (the first in legend
 * order) and the legend says which it equals.
 */

/** Values closer than this (kW) count as equal: the charger rounds each series on its own. */
const SAME_KW = 0.005;

/**
 * For each series identical to an earlier one over the whole window (same slots with values,
 * same values), the earlier one it equals. A series without any value never "equals" another.
 */
export function coincidingSeries(values: Readonly<Record<string, Float64Array>>, measures: readonly string[]): Map<string, string> {
  const same = new Map<string, string>();
  for (let j = 0; j < measures.length; j++) {
    const b = values[measures[j]!];
    if (!b) continue;
    for (let i = 0; i < j; i++) {
      if (same.has(measures[i]!)) continue;
      const a = values[measures[i]!];
      if (a && equalSeries(a, b)) {
        same.set(measures[j]!, measures[i]!);
        break;
      }
    }
  }
  return same;
}

function equalSeries(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  let any = false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    const nx = Number.isNaN(x);
    if (nx !== Number.isNaN(y)) return false;
    if (nx) continue;
    if (Math.abs(x - y) > SAME_KW) return false;
    any = true;
  }
  return any;
}
