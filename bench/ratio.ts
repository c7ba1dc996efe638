/**
 * Targets as ratios: ours against a reference measured in the same process, on the same machine,
 * in runs that alternate (ours, reference, ours, …), so a noisy stretch of a shared machine falls
 * on both. The figure is the median of the per-pair ratios; every run is kept for the printout.
 */
import { median, round, type Figure, type RatioRuns } from './harness.ts';

export interface RatioSpec {
  name: string;
  ours: number[];
  reference: number[];
  /** Unit of the runs (ms, s, KB). */
  unit: string;
  referenceName: string;
  /** The ratio must be at most this. */
  atMost: number;
  note?: string;
}

/** Ours and the reference, run one after the other `count` times; each run's value as returned. */
export async function alternate(count: number, ours: () => Promise<number>, reference: () => Promise<number>): Promise<{ ours: number[]; reference: number[] }> {
  const result = { ours: [] as number[], reference: [] as number[] };
  for (let i = 0; i < count; i++) {
    // Which goes first swaps each pair: a slow start or a cache warmed by the other falls on both.
    if (i % 2 === 0) {
      result.ours.push(await ours());
      result.reference.push(await reference());
    } else {
      result.reference.push(await reference());
      result.ours.push(await ours());
    }
  }
  return result;
}

export function ratioFigure(spec: RatioSpec): Figure {
  const ratios = spec.ours.map((value, i) => value / spec.reference[i]!);
  const value = median(ratios);
  const ratio: RatioRuns = { ratios, ours: spec.ours, reference: spec.reference, unit: spec.unit, referenceName: spec.referenceName };
  return {
    name: spec.name,
    value: round(value, 2),
    unit: '×',
    target: `≤ ${spec.atMost} × ${spec.referenceName}`,
    pass: value <= spec.atMost,
    note: [`median of ${ratios.length} paired runs, ${describeRatio(ratio)}`, spec.note].filter(Boolean).join('; '),
    ratio,
  };
}

/** "0.41–0.52 ×; ours median 12.3 ms (runs …), reference median 27.1 ms (runs …)". */
export function describeRatio(r: RatioRuns): string {
  const list = (values: number[], decimals: number) => values.map((v) => round(v, decimals)).join(', ');
  const decimals = (values: number[]) => (Math.max(...values.map(Math.abs)) >= 100 ? 0 : 1);
  return (
    `ratios ${list(r.ratios, 2)} (spread ${round(Math.min(...r.ratios), 2)}–${round(Math.max(...r.ratios), 2)} ×); ` +
    `ours median ${round(median(r.ours), decimals(r.ours))} ${r.unit} (runs ${list(r.ours, decimals(r.ours))}); ` +
    `${r.referenceName} median ${round(median(r.reference), decimals(r.reference))} ${r.unit} (runs ${list(r.reference, decimals(r.reference))})`
  );
}
