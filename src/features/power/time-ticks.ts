/**
 * X-axis ticks on round local times (full hours, local midnights) in the charger's zone, the zone
 * the chart's days and labels are in (a tablet in another zone would otherwise put "midnight" at
 * 06:00). DST-proof: stepping is done in local calendar fields, so a tick reads 03:00 on the day
 * clocks jump, not 04:00 one tick later.
 */
import { TZDate } from '@date-fns/tz';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hours between ticks, then days; the first that fits the width wins. */
const HOUR_STEPS = [1, 2, 3, 6, 12];
const DAY_STEPS = [1, 2, 7, 14];

export interface TimeTicks {
  ticks: number[];
  /** Ticks are local midnights: label them with the day, not the time. */
  daily: boolean;
}

export function timeTicks(from: number, to: number, maxTicks: number, zone: string): TimeTicks {
  const span = to - from;
  const limit = Math.max(2, maxTicks);
  for (const hours of HOUR_STEPS) {
    if (span / (hours * HOUR) <= limit) return { ticks: hourTicks(from, to, hours, zone), daily: false };
  }
  const days = DAY_STEPS.find((d) => span / (d * DAY) <= limit) ?? Math.ceil(span / DAY / limit);
  return { ticks: dayTicks(from, to, days, zone), daily: true };
}

function hourTicks(from: number, to: number, step: number, zone: string): number[] {
  const d = new TZDate(from, zone);
  d.setMinutes(0, 0, 0);
  if (d.getTime() < from) d.setHours(d.getHours() + 1);
  while (d.getHours() % step !== 0) d.setHours(d.getHours() + 1);
  const ticks: number[] = [];
  for (let guard = 0; d.getTime() <= to && guard < 1000; guard++) {
    ticks.push(d.getTime());
    // Local fields: on a DST day 00, 03, 06… stay on those hours.
    const next = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours() + step, zone);
    if (next.getTime() <= d.getTime()) next.setTime(d.getTime() + step * HOUR);
    d.setTime(next.getTime());
  }
  return ticks;
}

function dayTicks(from: number, to: number, step: number, zone: string): number[] {
  const first = new TZDate(from, zone);
  const d = new TZDate(first.getFullYear(), first.getMonth(), first.getDate(), zone);
  if (d.getTime() < from) d.setDate(d.getDate() + 1);
  const ticks: number[] = [];
  for (let guard = 0; d.getTime() <= to && guard < 1000; guard++) {
    ticks.push(d.getTime());
    d.setDate(d.getDate() + step);
  }
  return ticks;
}

/** A midnight in `zone`: worth labelling with the day on an hourly axis. */
export function isLocalMidnight(epochMs: number, zone: string): boolean {
  const d = new TZDate(epochMs, zone);
  return d.getHours() === 0 && d.getMinutes() === 0;
}
