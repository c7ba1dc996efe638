/**
 * The power chart's reads, all from the archive-backed `GET /api/chargers/:id/power?from&to&step`
 * (server-side aggregation: a year of days is 365 points, not 105,120):
 * - `powerLinesQuery`: 5-minute points of the line ranges (6 h, 24 h, 7 days, one day);
 * - `energyBarsQuery`: kWh per local day (30 days, a calendar month) or per local month (12 months,
 *   from days);
 * - `energySoFarQuery` / `useTodayEnergy`: today's and this month's kWh per series, for any view
 *   that shows them (the live view's "today" figures).
 * The query functions only fetch and parse; what a view draws is derived in `select`.
 */
import { queryOptions } from '@tanstack/react-query';
import { powerResponseSchema, type PowerResponse, type PowerStep } from '../../../api/archive-schemas.ts';
import { fetchParsed } from '../../../api/http.ts';
import { chargerPath } from '../../../api/queries.ts';
import { formatIsoDate, startOfLocalDay } from '../../../shared/time/local-calendar.ts';
import { energyWindowAt, rangeKey, STEP_MS, windowAt, type EnergyRange, type EnergyWindow, type LinesRange, type PowerWindow } from '../power-range.ts';

/** A live range reads the archive again this often (a new 5-minute point arrives every 5 minutes). */
export const POWER_REFRESH_MS = 60_000;
/** Energy bars and today's energy change slowly: every 5 minutes is plenty. */
export const ENERGY_REFRESH_MS = 5 * 60_000;
/** After a failure try again soon, also for a past day, which otherwise never refetches. */
export const POWER_ERROR_RETRY_MS = 10_000;
/** A range read this long after its end is final once complete: the archive has its last point. */
export const POWER_SETTLE_MS = 10 * 60_000;

export function fetchPower(chargerId: string, fromMs: number, toMs: number, step: PowerStep, signal?: AbortSignal): Promise<PowerResponse> {
  const search = new URLSearchParams({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), step });
  return fetchParsed(`${chargerPath(chargerId, 'power')}?${search.toString()}`, powerResponseSchema, signal);
}

/** An answer with the window it was asked for: the grid is laid out on it. */
export interface PowerLines {
  window: PowerWindow;
  answer: PowerResponse;
  /** When it was asked (epoch ms). */
  askedAt: number;
}

const linesSettled = (data: PowerLines | undefined) => data !== undefined && !data.window.live && data.answer.complete && data.askedAt >= data.window.to + STEP_MS + POWER_SETTLE_MS;

/**
 * The 5-minute lines of a range. The key names the range, not the time: "last 24 h" stays one
 * cache entry that is read again every minute (the window computed when it is asked), so the
 * chart keeps its lines while the next answer comes.
 */
export const powerLinesQuery = (chargerId: string, range: LinesRange, zone: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'power', 'lines', range.kind === 'day' ? `day:${range.day}` : `last:${range.span}`, zone],
    queryFn: async ({ signal }): Promise<PowerLines> => {
      const askedAt = Date.now();
      const window = windowAt(range, askedAt, zone);
      // A day that has not begun has nothing to ask for.
      if (window.until < window.from) return { window, askedAt, answer: { step: '5m', series: [], points: [], energyKWh: {}, complete: true, source: 'archive' } };
      return { window, askedAt, answer: await fetchPower(chargerId, window.from, window.to + STEP_MS, '5m', signal) };
    },
    refetchInterval: (query) => (query.state.status === 'error' ? POWER_ERROR_RETRY_MS : linesSettled(query.state.data) ? false : POWER_REFRESH_MS),
    staleTime: (query) => (linesSettled(query.state.data) ? Number.POSITIVE_INFINITY : POWER_REFRESH_MS / 2),
    retry: 1,
  });

/** One bar: the first instant of its local day or month, that day (`YYYY-MM-DD`), and kWh per series. */
export interface EnergyBar {
  startMs: number;
  day: string;
  kWh: Record<string, number>;
}

export interface EnergyBars {
  unit: EnergyWindow['unit'];
  bars: EnergyBar[];
  /** Series present in the answer. */
  series: string[];
  /** kWh per series over the whole range. */
  totals: Record<string, number>;
  complete: boolean;
  source: string;
}

/**
 * Daily energy of 30 days, 12 months or a calendar month, asked at `step=1d`; a month's bar is the
 * sum of its days (the route has no month step, and days add up exactly).
 */
export const energyBarsQuery = (chargerId: string, range: EnergyRange, zone: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'power', 'energy', rangeKey(range), zone],
    queryFn: async ({ signal }) => {
      const window = energyWindowAt(range, Date.now(), zone);
      return { window, zone, answer: await fetchPower(chargerId, window.fromMs, window.toMs, '1d', signal) };
    },
    refetchInterval: (query) => (query.state.status === 'error' ? POWER_ERROR_RETRY_MS : ENERGY_REFRESH_MS),
    staleTime: ENERGY_REFRESH_MS / 2,
    select: selectEnergyBars,
    retry: 1,
  });

/** Module-level, so TanStack Query derives the bars once per answer. */
export function selectEnergyBars({ window, zone, answer }: { window: EnergyWindow; zone: string; answer: PowerResponse }): EnergyBars {
  const starts = window.buckets.map((date) => startOfLocalDay(date, zone));
  const bars: EnergyBar[] = starts.map((startMs, i) => ({ startMs, day: formatIsoDate(window.buckets[i]!), kWh: Object.fromEntries(answer.series.map((s) => [s, 0])) }));
  for (const point of answer.points) {
    // The bucket the day falls in: the last one starting at or before it.
    let index = -1;
    for (let i = starts.length - 1; i >= 0; i--) {
      if (starts[i]! <= point.time) {
        index = i;
        break;
      }
    }
    if (index < 0) continue;
    const kWh = bars[index]!.kWh;
    for (const [series, value] of Object.entries(point.energyKWh)) kWh[series] = (kWh[series] ?? 0) + value;
  }
  return { unit: window.unit, bars, series: answer.series, totals: answer.energyKWh, complete: answer.complete, source: answer.source };
}
