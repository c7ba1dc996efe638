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

/**
 * Daily energies are sums of 288 five-minute values, each rounded by the charger on its own: the
 * same power, read twice, can differ by a few hundredths of a kWh a day.
 */
const SAME_KWH = 0.05;
const SAME_SHARE = 0.005;

/**
 * The energy bars' version: is the cluster's energy the connectors' sum on every bar (a charger
 * alone in its cluster)? Then it adds nothing and is not drawn; a cluster shared with other
 * chargers differs and can be shown. False when nothing was charged at all.
 */
export function clusterIsConnectorsSum(bars: ReadonlyArray<{ kWh: Readonly<Record<string, number>> }>, connectors: readonly string[]): boolean {
  let any = false;
  for (const bar of bars) {
    const cluster = bar.kWh.cluster;
    if (cluster === undefined) return false;
    const sum = connectors.reduce((total, c) => total + (bar.kWh[c] ?? 0), 0);
    if (Math.abs(cluster - sum) > Math.max(SAME_KWH, SAME_SHARE * sum)) return false;
    if (sum > 0) any = true;
  }
  return any;
}
