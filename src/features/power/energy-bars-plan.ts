/**
 * What the energy bars draw, decided before Recharts sees it: which bars (a day, a week, a month),
 * how wide, the Y axis' round ticks, and where a tap on a bar leads. Pure, so each rule is tested
 * without a browser.
 */
import { getNiceTickValues } from 'recharts';
import { parseIsoDate } from '../../shared/time/local-calendar.ts';
import type { EnergyBar, EnergyBars } from './api/power-query.ts';
import type { PowerRange } from './power-range.ts';

/** Narrower than this a bar is a hairline, hard to see and to tap. */
export const MIN_BAR_PX = 6;
/** Wider than this a bar (12 months on a big screen) is a block, not a bar. */
export const MAX_BAR_PX = 56;
/** Room left on each side of a day's (week's, month's) bars, as a share of its band. */
export const BAR_CATEGORY_GAP = 0.15;
/** Between the bars of one band (connectors, building, cluster side by side). */
export const BAR_GAP_PX = 2;
/** Least height between two Y ticks, px: labels never crowd. */
const TICK_SPACING_PX = 40;
const MAX_TICKS = 6;

export type BarUnit = 'day' | 'week' | 'month';

/** One bar as drawn: a day, a calendar week (Monday to Sunday, cut at the range's ends) or a month. */
export interface BarRow {
  /** First instant of the bar. */
  t: number;
  /** First and last local day the bar covers (`YYYY-MM-DD`). */
  firstDay: string;
  lastDay: string;
  /** First instant of its last day, for the tooltip's "to". */
  lastStartMs: number;
  kWh: Readonly<Record<string, number>>;
}

/**
 * Width of each bar when `count` bands share the plot and each band holds `columns` bars side by
 * side (the connectors are one stacked column; the building and the cluster, when shown, one each).
 */
export function barWidth(plotWidth: number, count: number, columns: number): number {
  if (count < 1 || columns < 1) return 0;
  const band = plotWidth / count;
  const usable = band * (1 - 2 * BAR_CATEGORY_GAP) - (columns - 1) * BAR_GAP_PX;
  return Math.min(MAX_BAR_PX, Math.max(0, Math.floor(usable / columns)));
}

const dayRow = (bar: EnergyBar): BarRow => ({ t: bar.startMs, firstDay: bar.day, lastDay: bar.day, lastStartMs: bar.startMs, kWh: bar.kWh });

/** Monday = 0 … Sunday = 6, of a `YYYY-MM-DD` calendar day (ISO weeks: the week the tablet's users live in). */
function weekdayOf(day: string): number {
  const date = parseIsoDate(day);
  if (!date) return 0;
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

/** Daily bars summed per calendar week (Monday to Sunday); the first and last week may be short. */
export function weeksOf(bars: readonly EnergyBar[]): BarRow[] {
  const weeks: Array<BarRow & { kWh: Record<string, number> }> = [];
  for (const bar of bars) {
    const current = weeks.at(-1);
    if (!current || weekdayOf(bar.day) === 0) {
      weeks.push({ ...dayRow(bar), kWh: { ...bar.kWh } });
      continue;
    }
    current.lastDay = bar.day;
    current.lastStartMs = bar.startMs;
    for (const [series, kWh] of Object.entries(bar.kWh)) current.kWh[series] = (current.kWh[series] ?? 0) + kWh;
  }
  return weeks;
}

export interface BarPlan {
  unit: BarUnit;
  rows: BarRow[];
  /** Each bar's width, px (given to Recharts as `barSize`). */
  barSize: number;
}

/**
 * Days as they come while each bar gets at least `MIN_BAR_PX` at this plot width; otherwise weeks
 * (30 days on a phone, or with the building beside the connectors on a narrow tablet). Months
 * always fit: 12 bands need some 120 px.
 */
export function planBars(data: Pick<EnergyBars, 'unit' | 'bars'>, columns: number, plotWidth: number): BarPlan {
  if (data.unit === 'month') return { unit: 'month', rows: data.bars.map(dayRow), barSize: barWidth(plotWidth, data.bars.length, columns) };
  const days = barWidth(plotWidth, data.bars.length, columns);
  if (days >= MIN_BAR_PX) return { unit: 'day', rows: data.bars.map(dayRow), barSize: days };
  const rows = weeksOf(data.bars);
  return { unit: 'week', rows, barSize: Math.max(1, barWidth(plotWidth, rows.length, columns)) };
}

/** Decimals that show every tick of this step exactly (0.25 → 2, 5 → 0), at most 3. */
function decimalsOf(step: number): number {
  for (let decimals = 0; decimals < 3; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return decimals;
  }
  return 3;
}

export interface EnergyTicks {
  ticks: number[];
  decimals: number;
}

/**
 * Round ticks from 0 (Recharts' own 1-2-2.5-5 rule, `getNiceTickValues` with `snap125`) covering
 * `max`: of the tick counts the plot's height has room for, the one whose top is closest to the
 * data, so the bars use the height (7.9 kWh: 0, 2, 4, 6, 8, not 0, 5, 10, 15). Decimals only as the
 * step needs them: "0, 10, 20", never "0.0, 25.0".
 */
export function energyTicks(max: number, plotHeight: number): EnergyTicks {
  const top = max > 0 ? max : 1;
  const most = Math.max(3, Math.min(MAX_TICKS, Math.floor(plotHeight / TICK_SPACING_PX) + 1));
  let best: number[] = [];
  for (let count = 3; count <= most; count++) {
    const ticks = getNiceTickValues([0, top], count, true, 'snap125');
    if (best.length === 0 || ticks.at(-1)! <= best.at(-1)!) best = ticks;
  }
  return { ticks: best, decimals: decimalsOf(best[1]! - best[0]!) };
}

/**
 * Where a tap on a bar leads: a day's bar to that day's lines, a week's to its first day (the
 * lines show one day at a time), a month's to that month's daily bars.
 */
export function barTarget(row: Pick<BarRow, 'firstDay'>, unit: BarUnit): PowerRange {
  return unit === 'month' ? { kind: 'month', month: row.firstDay.slice(0, 7) } : { kind: 'day', day: row.firstDay };
}
