/**
 * A household's day, planned: who plugs in when, needing how much, how the session will end, and
 * when a charger reboots. A plan depends on (seed, connector, unit) only, never on what was
 * planned before, so any day can be planned on its own.
 */
import type { ChargerSpec, Household } from './chargers-and-households.ts';
import { NEVER_STARTED, STARTED, type HistoryVariety } from './history-variety.ts';
import { gauss, hash4, mulberry32, STREAM, unit4, type Rng } from './random.ts';
import { HOUR_MS, MINUTE_MS, ZoneClock } from './time-zone.ts';
import { STEP_MS, type UnitCalendar } from './units.ts';

export const STOP_REASONS = [
  'LocalStopUserDisconnectedCableFromVehicle',
  'LocalStopUserStoppedCharging',
  'EnergyLimitReached',
  'DepartureTimeReached',
  'PowerLoss',
] as const;
export const STOP_UNPLUG = 0;
const STOP_USER = 1;
export const STOP_ENERGY = 2;
const STOP_DEPARTURE = 3;
const STOP_POWER_LOSS = 4;

export const CHARGING_MODES = ['Fast', 'Eco', 'Scheduled'] as const;
const MODE_NONE = -1;
const MODE_FAST = 0;
const MODE_ECO = 1;
const MODE_SCHEDULED = 2;

/** `user` value of a session started by a card that is on the whitelist but assigned to nobody. */
export const USER_GUEST_CARD = -2;
/** `user` value of a session without any identification (free start). */
export const USER_NONE = -1;

/** One plug-in as planned, before the simulation decides how much energy it gets. */
export interface PlannedSession {
  slot: number;
  charger: number;
  connectorId: number;
  connectedMs: number;
  startedMs: number;
  disconnectedMs: number;
  /** Stop reason as planned; energy limit and departure may fall back to unplugging. */
  stopReason: number;
  /** When charging stops before the car leaves (user stop, departure, power loss); NaN if not. */
  plannedEndMs: number;
  /** Delay between unplugging and the charger closing the session. */
  endDelayMs: number;
  needKWh: number;
  user: number;
  mode: number;
  selectedDepartureMs: number;
  requiredEnergy: number;
  /** STARTED, NEVER_STARTED or START_OMITTED (`history-variety.ts`). */
  startless: number;
}

export interface ChargerDayPlan {
  sessions: PlannedSession[];
  /** First step of the charger's reboot in this unit, -1 for none. */
  gapStart: number;
  gapSteps: number;
}

/** What the planner needs to know about the garage. */
export interface PlannedGarage {
  seed: number;
  chargers: readonly ChargerSpec[];
  households: readonly Household[];
  connectorsPerCharger: number;
  variety: HistoryVariety;
}

export class DayPlanner {
  constructor(
    private readonly garage: PlannedGarage,
    private readonly calendar: UnitCalendar,
  ) {}

  /**
   * The plug-ins of one charger's connectors in a unit, in arrival order. `lite` skips the times
   * (and the reboot): enough to count sessions and energy since commissioning.
   */
  planCharger(c: number, day: number, lite: boolean): ChargerDayPlan {
    // Switched off: nobody charges, and the charger keeps no profile for the whole unit.
    if (this.garage.variety.isOff(c, day)) return { sessions: [], gapStart: lite ? -1 : 0, gapSteps: lite ? 0 : this.calendar.stepsOf(day) };
    const sessions: PlannedSession[] = [];
    const weekday = ZoneClock.weekday(day);
    const weekend = weekday === 0 || weekday === 6;
    for (let k = 0; k < this.garage.connectorsPerCharger; k++) {
      const slot = c * this.garage.connectorsPerCharger + k;
      const house = this.garage.households[slot]!;
      const rng = mulberry32(hash4(this.garage.seed, STREAM.schedule, slot, day));
      // A week away now and then: weeks counted from a Monday.
      const week = Math.floor((day - 4) / 7);
      const away = unit4(this.garage.seed, STREAM.vacation, slot, week) < 0.04;
      const daytime = rng() < (weekend ? 0.35 : 0.04);
      const evening = rng() < house.pEvening * (weekend ? 0.8 : 1);
      if (away) continue;
      if (daytime) {
        const arrive = 630 + 150 * rng();
        const stay = 60 + Math.min(150, 960 - arrive - 60) * rng();
        const session = this.planSession(rng, c, slot, day, arrive, day, arrive + stay, 10 + 15 * rng(), false, lite);
        sessions.push(withStartless(session, this.garage.variety.startlessOf(slot, day, false)));
      }
      if (evening) {
        const arrive = clamp(house.arriveMean + 50 * gauss(rng), 16.5 * 60, 21 * 60);
        const depart = clamp(house.departMean + (weekend ? 45 : 0) + 30 * gauss(rng), 5.75 * 60, weekend ? 9.6 * 60 : 9.5 * 60);
        const need = 10 + 50 * rng() ** 1.8;
        const session = this.planSession(rng, c, slot, day, arrive, day + 1, depart, need, true, lite);
        sessions.push(withStartless(session, this.garage.variety.startlessOf(slot, day, true)));
      }
    }
    sessions.sort((a, b) => a.connectedMs - b.connectedMs || a.slot - b.slot);

    let gapStart = -1;
    let gapSteps = 0;
    if (!lite) {
      const start = this.calendar.unitStart(day);
      const steps = Math.round((this.calendar.unitStart(day + 1) - start) / STEP_MS);
      const rng = mulberry32(hash4(this.garage.seed, STREAM.gap, c, day));
      const powerLoss = sessions.find((s) => s.stopReason === STOP_POWER_LOSS);
      const roll = rng();
      const at = rng();
      gapSteps = 3 + Math.floor(rng() * 4);
      if (powerLoss) gapStart = Math.floor((powerLoss.plannedEndMs - start) / STEP_MS) + 1;
      else if (roll < 0.22) gapStart = Math.floor(at * (steps - gapSteps));
      if (gapStart < 0 || gapStart + gapSteps > steps) gapStart = -1;
    }
    return { sessions, gapStart, gapSteps };
  }

  private planSession(
    rng: Rng,
    c: number,
    slot: number,
    day: number,
    arriveMinute: number,
    departDay: number,
    departMinute: number,
    need: number,
    overnight: boolean,
    lite: boolean,
  ): PlannedSession {
    const charger = this.garage.chargers[c]!;
    // All draws happen in a fixed order whatever the branch, so the lite plan (used to count
    // sessions since commissioning) consumes the stream exactly like the full one.
    const connectJitter = rng() * 60_000;
    const startDelay = 3_000 + rng() * 37_000;
    const departJitter = rng() * 60_000;
    const endDelay = 1_500 + Math.floor(rng() * 1_000);
    const userRoll = rng();
    const userPick = rng();
    const modeRoll = rng();
    const stopRoll = rng();
    const stopAt = rng();

    const user = pickUser(userRoll, userPick, charger.users.length);
    const stopReason = pickStopReason(stopRoll, overnight);
    let mode = modeRoll < 0.12 ? MODE_NONE : modeRoll < 0.22 ? MODE_ECO : MODE_FAST;
    if (stopReason === STOP_DEPARTURE) mode = MODE_SCHEDULED;
    // Whole kWh when the driver set a limit; otherwise to the meter's mWh.
    const needKWh = stopReason === STOP_ENERGY ? Math.round(need) : Math.round(need * 1_000_000) / 1_000_000;

    const planned: PlannedSession = {
      slot,
      charger: c,
      connectorId: slot - c * this.garage.connectorsPerCharger + 1,
      connectedMs: NaN,
      startedMs: NaN,
      disconnectedMs: NaN,
      stopReason,
      plannedEndMs: NaN,
      endDelayMs: endDelay,
      needKWh,
      user,
      mode,
      selectedDepartureMs: NaN,
      requiredEnergy: stopReason === STOP_ENERGY ? needKWh : NaN,
      startless: STARTED,
    };
    if (lite) return planned;

    planned.connectedMs = Math.floor(this.calendar.clock.toUtc(day, arriveMinute * MINUTE_MS) + connectJitter);
    planned.startedMs = planned.connectedMs + Math.floor(startDelay);
    planned.disconnectedMs = Math.floor(this.calendar.clock.toUtc(departDay, departMinute * MINUTE_MS) + departJitter);
    if (mode !== MODE_NONE && overnight) {
      // The departure the driver set in the app: their usual time, on the half hour.
      planned.selectedDepartureMs = this.calendar.clock.toUtc(departDay, Math.floor(departMinute / 30) * 30 * MINUTE_MS);
    }
    const span = planned.disconnectedMs - planned.startedMs;
    if (stopReason === STOP_USER) planned.plannedEndMs = planned.disconnectedMs - Math.floor(20_000 + stopAt * 580_000);
    else if (stopReason === STOP_POWER_LOSS) planned.plannedEndMs = planned.startedMs + Math.floor(HOUR_MS + stopAt * (span - 2 * HOUR_MS));
    else if (stopReason === STOP_DEPARTURE) {
      if (planned.selectedDepartureMs < planned.disconnectedMs) planned.plannedEndMs = planned.selectedDepartureMs;
      else planned.stopReason = STOP_UNPLUG;
    }
    return planned;
  }
}

/**
 * A session that never started charging wants no energy and ends when the car is unplugged; one
 * whose start the firmware leaves out is planned like any other.
 */
function withStartless(session: PlannedSession, startless: number): PlannedSession {
  if (startless === STARTED) return session;
  if (startless !== NEVER_STARTED) return { ...session, startless };
  return { ...session, startless, needKWh: 0, requiredEnergy: NaN, stopReason: STOP_UNPLUG, plannedEndMs: NaN };
}

/** When energy stops flowing: the planned early end, or the car leaving. */
export function chargeStopOf(session: PlannedSession): number {
  return Number.isNaN(session.plannedEndMs) ? session.disconnectedMs : session.plannedEndMs;
}

/** Who started the session: a user of the charger (by habit), the guest card, or nobody. */
function pickUser(userRoll: number, userPick: number, users: number): number {
  if (userRoll < 0.035) return USER_NONE;
  if (userRoll < 0.055) return USER_GUEST_CARD;
  const weights = [0.72, 0.2, 0.08].slice(0, users);
  let pick = userPick * weights.reduce((a, b) => a + b, 0);
  let user = 0;
  while (user < weights.length - 1 && pick >= weights[user]!) pick -= weights[user++]!;
  return user;
}

/** How the session is planned to end; most cars are simply unplugged in the morning. */
function pickStopReason(stopRoll: number, overnight: boolean): number {
  if (!overnight) return stopRoll < 0.1 ? STOP_USER : STOP_UNPLUG;
  if (stopRoll < 0.86) return STOP_UNPLUG;
  if (stopRoll < 0.92) return STOP_USER;
  if (stopRoll < 0.96) return STOP_ENERGY;
  if (stopRoll < 0.98) return STOP_DEPARTURE;
  return STOP_POWER_LOSS;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
