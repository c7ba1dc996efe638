/**
 * How loaded the machine was while a bench ran: the load averages (1, 5 and 15 minutes) before and
 * after, against the number of cores. A figure measured at a load of 4 on 2 cores is read
 * differently from one measured at 0.3; the ratios hold up better than absolute times, and the
 * load says how far either can be trusted.
 */
import { cpus, loadavg } from 'node:os';

export interface LoadSpan {
  /** [1 min, 5 min, 15 min] load averages when the span began. */
  before: number[];
  after: number[];
  cores: number;
}

const rounded = () => loadavg().map((value) => Math.round(value * 100) / 100);

export function startLoadSpan(): () => LoadSpan {
  const before = rounded();
  return () => ({ before, after: rounded(), cores: cpus().length });
}

/** "load 1.20 → 2.35 (1 min; 5 min 1.10 → 1.80) on 2 cores" */
export function describeLoad(span: LoadSpan): string {
  const f = (n: number | undefined) => (n ?? 0).toFixed(2);
  return `load ${f(span.before[0])} → ${f(span.after[0])} (1 min; 5 min ${f(span.before[1])} → ${f(span.after[1])}) on ${span.cores} cores`;
}
