/**
 * The live view's household figures as read from the server, a chunk of its own: it brings the
 * archive's schemas, which the first card does not need, and is loaded by the first query of
 * `use-household-figures.ts` once the view is on screen.
 *
 * Today and this month are the charger's: the archive's daily energy (`/power?step=1d`) is cut into
 * local days of the charger's zone (`CHARGER_TIMEZONE`) by the server, and each day's point is
 * dated at that day's local midnight. The days are therefore read from those dates, never from the
 * tablet's calendar.
 */
import type { PowerResponse } from '../../api/archive-schemas.ts';
import { fetchPower } from '../power/api/power-query.ts';
import { settingsQuery } from '../sessions/api/settings-query.ts';

const DAY_MS = 86_400_000;
/** The longest local day (a day the clocks go back). */
const LONGEST_DAY_MS = 25 * 3_600_000;
/** Enough days back to hold the whole current month, whatever its length and today's date. */
const DAYS_BACK = 32;

/** kWh so far; null while unknown (no point for today, an incomplete answer): never a zero for no data. */
export interface EnergySoFar {
  todayKwh: number | null;
  monthKwh: number | null;
}

/**
 * The local calendar date of a day that starts at `dayStartMs` (the charger's local midnight),
 * without knowing the charger's zone: for any zone within ±12 h of UTC, local midnight + 12 h falls
 * on the same date in UTC. (A zone beyond that, +13 h and +14 h in the Pacific, would be misdated.)
 */
export function chargerDateOf(dayStartMs: number): { year: number; month: number; day: number } {
  const noonish = new Date(dayStartMs + DAY_MS / 2);
  return { year: noonish.getUTCFullYear(), month: noonish.getUTCMonth() + 1, day: noonish.getUTCDate() };
}

/** The charger's energy in one step: the sum of its connectors' series (not building or cluster). */
function connectorsKwh(energyKWh: Record<string, number>): number | null {
  const values = Object.entries(energyKWh)
    .filter(([series]) => /^connector\d+$/.test(series))
    .map(([, kWh]) => kWh);
  return values.length === 0 ? null : values.reduce((sum, kWh) => sum + kWh, 0);
}

/**
 * Today's and this month's energy from an answer of daily steps reaching up to now. Today is the
 * step that began within the last (longest) day; the month is every step of today's local month.
 * Without a step for today nothing is known (not even the month: its end is not known to be now).
 * An incomplete answer (a part the server could read neither from the archive nor the charger)
 * leaves the month unknown; today still counts when its step is there.
 */
export function energySoFar(answer: Pick<PowerResponse, 'points' | 'complete'>, nowMs: number): EnergySoFar {
  const today = answer.points.findLast((p) => p.time <= nowMs && nowMs - p.time < LONGEST_DAY_MS);
  if (!today) return { todayKwh: null, monthKwh: null };
  const todayKwh = connectorsKwh(today.energyKWh);
  if (!answer.complete || todayKwh === null) return { todayKwh, monthKwh: null };
  const { year, month } = chargerDateOf(today.time);
  let monthKwh = 0;
  for (const point of answer.points) {
    if (point.time > today.time) continue;
    const date = chargerDateOf(point.time);
    if (date.year !== year || date.month !== month) continue;
    monthKwh += connectorsKwh(point.energyKWh) ?? 0;
  }
  return { todayKwh, monthKwh };
}

/** The last 32 days in daily steps, up to the end of today: one small request for both figures. */
export async function readEnergySoFar(chargerId: string, signal: AbortSignal): Promise<EnergySoFar> {
  const now = Date.now();
  const answer = await fetchPower(chargerId, now - DAYS_BACK * DAY_MS, now + DAY_MS, '1d', signal);
  return energySoFar(answer, now);
}

/** `GET /api/settings`, read and parsed exactly as every other view reads it. */
export const readSettings: NonNullable<ReturnType<typeof settingsQuery>['queryFn']> = (context) => settingsQuery().queryFn!(context);
