/**
 * The simulator's days ("units"): local 10:00 to the next local 10:00, cut into 5-minute steps.
 *
 * Every plug-in starts and ends inside one unit (cars leave by 09:45, daytime visits start after
 * 10:30), so a unit can be simulated on its own from its plan alone. That is what makes any
 * window reproducible without global state, lets the power arrays live in a small LRU cache
 * instead of memory for the whole history, and makes the result independent of when the
 * simulator was started: two simulators with the same seed agree on every unit they both cover.
 */
import { PROFILE_STEP_MS } from '../../contract/charger-schemas.ts';
import { MINUTE_MS, ZoneClock } from './time-zone.ts';

/** One step of the simulation: the power profile's step, defined once with its schema. */
export const STEP_MS = PROFILE_STEP_MS;
/** Start of a unit, minutes after local midnight: the quiet hour when no car is plugged in. */
const UNIT_START_MINUTE = 600;

export class UnitCalendar {
  readonly clock: ZoneClock;

  constructor(timeZone: string) {
    this.clock = new ZoneClock(timeZone);
  }

  /** First instant of a unit (local 10:00 of local day `day`, on a step boundary). */
  unitStart(day: number): number {
    const start = this.clock.toUtc(day, UNIT_START_MINUTE * MINUTE_MS);
    return start - (((start % STEP_MS) + STEP_MS) % STEP_MS);
  }

  /** The unit an instant falls in. */
  unitOf(utcMs: number): number {
    const day = this.clock.localDay(utcMs);
    return utcMs < this.unitStart(day) ? day - 1 : day;
  }

  /** Steps in a unit: 288, or 276 / 300 on the days the clocks change. */
  stepsOf(day: number): number {
    return Math.round((this.unitStart(day + 1) - this.unitStart(day)) / STEP_MS);
  }
}
