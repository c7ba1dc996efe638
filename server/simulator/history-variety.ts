/**
 * The options that make the history unlike the everyday garage, resolved against the chargers'
 * calendar: outages (days the charger was off), and the questions the model asks of them. All are
 * decided per (seed, charger or connector, unit), so a unit is still simulated from its plan alone
 * and two simulators with the same seed and options agree on every unit they share.
 */
import { STREAM, unit4 } from './random.ts';
import type { UnitCalendar } from './units.ts';

/**
 * Whole units (local 10:00 to 10:00) during which a charger was switched off: no sessions, no
 * power-profile points. Starts `from` a local date or `daysAgo` days before the start's unit.
 */
export interface OutageOption {
  /** Local date in the chargers' zone, `YYYY-MM-DD`: off from 10:00 that day. */
  from?: string;
  /** Or this many days before the unit the simulator starts in (at least `days`: it is over by then). */
  daysAgo?: number;
  /** How many days (units) it lasts, 1–3650. */
  days: number;
  /** A charger id; default every charger. */
  charger?: string;
}

/**
 * A calendar month (in the chargers' zone) whose energy is `factor` times the everyday garage's:
 * a fleet charger, a heavy user. Named as `month` or as `monthsAgo` before the start's month.
 */
export interface HeavyMonthOption {
  /** `YYYY-MM` in the chargers' zone. */
  month?: string;
  /** Or this many months before the month the simulator starts in (0 = that month). */
  monthsAgo?: number;
  /** 1–1000, default 4: a one-connector month (about 370–1,040 kWh, median 720) becomes 1,460–4,170 kWh. */
  factor?: number;
}

export const DEFAULT_HEAVY_FACTOR = 4;
export const MAX_HEAVY_FACTOR = 1000;

export interface HistoryVarietyOptions {
  outages?: readonly OutageOption[];
  /**
   * Share (0–1) of sessions without `chargingStartedTime`: half of them the car was plugged in and
   * charging never started, half charged but the firmware left the start out.
   */
  sessionsWithoutStart?: number;
  /** Share (0–1) of sessions whose energy the charger does not know (`activeEnergyConsumed: null`). */
  sessionsWithUnknownEnergy?: number;
  heavyMonths?: readonly HeavyMonthOption[];
}

/** `startless` of a session: it has a start, … */
export const STARTED = 0;
/** … the car was plugged in and charging never started, … */
export const NEVER_STARTED = 1;
/** … or it charged and the firmware left the start out of its record. */
export const START_OMITTED = 2;

interface Outage {
  /** Charger index, or -1 for all. */
  charger: number;
  firstDay: number;
  /** First unit after it. */
  endDay: number;
}

export interface VarietyContext {
  seed: number;
  calendar: UnitCalendar;
  /** The instant the simulator starts at (its `startTime`): `daysAgo` counts back from its unit. */
  startMs: number;
  chargerIds: readonly string[];
}

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class HistoryVariety {
  private readonly outages: readonly Outage[];
  private readonly withoutStart: number;
  private readonly unknownEnergy: number;
  /** Factor per month, keyed year × 12 + month index. */
  private readonly heavy: ReadonlyMap<number, number>;

  constructor(options: HistoryVarietyOptions, private readonly context: VarietyContext) {
    const startDay = context.calendar.unitOf(context.startMs);
    this.outages = (options.outages ?? []).map((outage, n) => resolveOutage(outage, n, startDay, context.chargerIds));
    const startMonth = monthKeyOf(context.calendar.clock.localDay(context.startMs));
    this.heavy = new Map((options.heavyMonths ?? []).map((heavy, n) => resolveHeavyMonth(heavy, n, startMonth)));
    this.withoutStart = shareOption('sessionsWithoutStart', options.sessionsWithoutStart);
    this.unknownEnergy = shareOption('sessionsWithUnknownEnergy', options.sessionsWithUnknownEnergy);
  }

  /**
   * Whether a planned session has a start: by (connector, unit, daytime or evening visit), so the
   * lite plan that counts sessions before the history start decides alike.
   */
  startlessOf(slot: number, day: number, evening: boolean): number {
    if (this.withoutStart === 0) return STARTED;
    const roll = unit4(this.context.seed, STREAM.startless, slot, day * 2 + (evening ? 1 : 0));
    return roll < this.withoutStart / 2 ? NEVER_STARTED : roll < this.withoutStart ? START_OMITTED : STARTED;
  }

  /**
   * How many times the everyday energy a unit's sessions and power carry: the factor of the month
   * the unit's day (the local date of its 10:00 start) lies in, 1 outside heavy months. A unit is
   * scaled whole, so each session's energy stays the sum of its profile; the night after a heavy
   * month's last day is scaled with it.
   */
  energyFactorOf(day: number): number {
    return this.heavy.size === 0 ? 1 : (this.heavy.get(monthKeyOf(day)) ?? 1);
  }

  /** Whether the charger does not know a session's energy, by charger and session id. */
  isEnergyUnknown(charger: number, sessionId: number): boolean {
    return this.unknownEnergy > 0 && unit4(this.context.seed, STREAM.unknownEnergy, charger, sessionId) < this.unknownEnergy;
  }

  /** Whether the charger was switched off for the whole unit `day`. */
  isOff(charger: number, day: number): boolean {
    for (const outage of this.outages) {
      if ((outage.charger === -1 || outage.charger === charger) && day >= outage.firstDay && day < outage.endDay) return true;
    }
    return false;
  }

  /** The outages as `/_sim/state` shows them: from and to as instants (10:00 local). */
  describe() {
    const { calendar, chargerIds } = this.context;
    return {
      sessionsWithoutStart: this.withoutStart,
      sessionsWithUnknownEnergy: this.unknownEnergy,
      heavyMonths: [...this.heavy].map(([key, factor]) => ({ month: `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`, factor })),
      outages: this.outages.map((outage) => ({
        charger: outage.charger === -1 ? 'all' : chargerIds[outage.charger]!,
        from: new Date(calendar.unitStart(outage.firstDay)).toISOString(),
        to: new Date(calendar.unitStart(outage.endDay)).toISOString(),
        days: outage.endDay - outage.firstDay,
      })),
    };
  }
}

function monthKeyOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function resolveHeavyMonth(option: HeavyMonthOption, n: number, startMonth: number): [number, number] {
  const what = `simulator: heavyMonths[${n}]`;
  const factor = option.factor ?? DEFAULT_HEAVY_FACTOR;
  if (!Number.isFinite(factor) || factor < 1 || factor > MAX_HEAVY_FACTOR) throw new RangeError(`${what}.factor must be 1-${MAX_HEAVY_FACTOR}, got ${factor}`);
  if ((option.month === undefined) === (option.monthsAgo === undefined)) throw new RangeError(`${what} needs either month (YYYY-MM) or monthsAgo`);
  if (option.month !== undefined) {
    const match = /^(\d{4})-(\d{2})$/.exec(option.month.trim());
    const month = match ? Number(match[2]) : 0;
    if (!match || month < 1 || month > 12) throw new RangeError(`${what}.month must be YYYY-MM, got "${option.month}"`);
    return [Number(match[1]) * 12 + month - 1, factor];
  }
  const monthsAgo = option.monthsAgo!;
  if (!Number.isInteger(monthsAgo) || monthsAgo < 0) throw new RangeError(`${what}.monthsAgo must be a whole number of months, got ${monthsAgo}`);
  return [startMonth - monthsAgo, factor];
}

function shareOption(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`simulator: ${name} must be a share 0-1, got ${value}`);
  return value;
}

function resolveOutage(option: OutageOption, n: number, startDay: number, chargerIds: readonly string[]): Outage {
  const what = `simulator: outages[${n}]`;
  const { days } = option;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new RangeError(`${what}.days must be an integer 1-3650, got ${days}`);
  if ((option.from === undefined) === (option.daysAgo === undefined)) throw new RangeError(`${what} needs either from (YYYY-MM-DD) or daysAgo`);
  let firstDay: number;
  if (option.from !== undefined) {
    const day = localDateDay(option.from);
    if (day === null) throw new RangeError(`${what}.from must be a date YYYY-MM-DD, got "${option.from}"`);
    firstDay = day;
  } else {
    const daysAgo = option.daysAgo!;
    if (!Number.isInteger(daysAgo) || daysAgo < days) throw new RangeError(`${what}.daysAgo must be an integer of at least days (${days}), got ${daysAgo}`);
    firstDay = startDay - daysAgo;
  }
  if (firstDay + days > startDay) throw new RangeError(`${what} must be over before the simulator starts (it would end ${firstDay + days - startDay} day(s) after)`);
  let charger = -1;
  if (option.charger !== undefined) {
    charger = chargerIds.indexOf(option.charger);
    if (charger < 0) throw new RangeError(`${what} names unknown charger "${option.charger}" (known: ${chargerIds.join(', ')})`);
  }
  return { charger, firstDay, endDay: firstDay + days };
}

/** A local calendar date as the model's day number (days since 1970-01-01 on the local calendar). */
export function localDateDay(text: string): number | null {
  const match = LOCAL_DATE.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}
