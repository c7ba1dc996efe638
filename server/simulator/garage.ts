/**
 * The garage model: a few (or many) households, each with a car and a wallbox, behind one building
 * meter and one cluster current limit. Pure and deterministic; no HTTP here. This class wires the
 * parts together and answers the questions the charger's API asks of it:
 *
 * - who is in the garage: `chargers-and-households.ts`
 * - the calendar of units (local 10:00 to 10:00): `units.ts`
 * - a household's day, planned: `household-day.ts`
 * - the building's own load: `building-load.ts`
 * - one unit simulated, the cluster shared every 5 minutes: `cluster-sharing.ts`
 * - the session history, extended as sim time advances: `history-index.ts`, `session-store.ts`
 */
import { BuildingLoad } from './building-load.ts';
import { garageLimits, makeCharger, makeHousehold, type ChargerSpec, type Household } from './chargers-and-households.ts';
import { UnitSimulator, type UnitData } from './cluster-sharing.ts';
import { MIN_CURRENT_A } from './electrics.ts';
import { COMMISSIONED_UTC, HistoryIndex } from './history-index.ts';
import { HistoryVariety, NEVER_STARTED, type HistoryVarietyOptions } from './history-variety.ts';
import { DayPlanner } from './household-day.ts';
import type { SessionStore } from './session-store.ts';
import { HOUR_MS, type ZoneClock } from './time-zone.ts';
import { STEP_MS, UnitCalendar } from './units.ts';

const STEP_H = STEP_MS / HOUR_MS;

export interface GarageOptions {
  seed: number;
  chargers: number;
  connectorsPerCharger: number;
  timeZone: string;
  /** The earliest instant the charger remembers; rounded back to a unit start. */
  historyStartMs: number;
  /** Outages and other departures from the everyday history; none by default. */
  variety?: HistoryVarietyOptions;
  /** The instant the simulator starts at: `variety`'s `daysAgo` counts back from it (default historyStartMs). */
  startMs?: number;
}


/** What a connector is doing at an instant, as generalStatus reports it. */
export interface ConnectorLive {
  status: 'Available' | 'Preparing' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Finishing';
  powerKW: number;
  targetA: number;
  currentA: number;
  /** Store index of the session whose cable is plugged in now (or -1). */
  plugged: number;
  /** Store index of the latest session that has ended (or -1). */
  last: number;
}

export interface SessionLive {
  running: boolean;
  energyKWh: number;
  maxPowerKW: number;
}

/**
 * Whether a power profile point stamped exactly `toTime` is part of the answer. The real
 * charger's choice is not documented; the simulator can play either so the code reading the
 * profile is tested against both.
 */
export type ProfileToTime = 'inclusive' | 'exclusive';
export const PROFILE_TO_TIME_MODES = ['inclusive', 'exclusive'] as const satisfies readonly ProfileToTime[];

export interface ProfilePoint {
  time: number;
  values: Array<[string, number]>;
}

export class GarageModel {
  readonly seed: number;
  readonly calendar: UnitCalendar;
  readonly chargers: ChargerSpec[];
  readonly households: Household[];
  readonly connectorsPerCharger: number;
  readonly slots: number;
  /** Cluster limit per phase (see `garageLimits`). */
  readonly clusterMaxA: number;
  /** Building main fuse per phase. */
  readonly loadGuardMaxA: number;
  readonly firstDay: number;
  readonly historyStartMs: number;
  readonly variety: HistoryVariety;

  private readonly history: HistoryIndex;
  private readonly building: BuildingLoad;
  private readonly simulator: UnitSimulator;
  private readonly cache = new Map<number, UnitData>();
  private readonly cacheLimit: number;

  constructor(options: GarageOptions) {
    this.seed = options.seed >>> 0;
    this.calendar = new UnitCalendar(options.timeZone);
    this.connectorsPerCharger = options.connectorsPerCharger;
    this.slots = options.chargers * options.connectorsPerCharger;
    const limits = garageLimits(options.chargers, this.slots);
    this.clusterMaxA = limits.clusterMaxA;
    this.loadGuardMaxA = limits.loadGuardMaxA;

    this.firstDay = this.unitOf(options.historyStartMs);
    this.historyStartMs = this.unitStart(this.firstDay);
    const commissionedDay = Math.min(this.unitOf(COMMISSIONED_UTC), this.firstDay);
    const commissionedMs = this.unitStart(commissionedDay);
    this.chargers = Array.from({ length: options.chargers }, (_, c) => makeCharger(this.seed, c, options.chargers, commissionedMs));
    this.households = Array.from({ length: this.slots }, (_, s) => makeHousehold(this.seed, s));
    this.variety = new HistoryVariety(options.variety ?? {}, {
      seed: this.seed,
      calendar: this.calendar,
      startMs: options.startMs ?? options.historyStartMs,
      chargerIds: this.chargers.map((charger) => charger.id),
    });

    const planner = new DayPlanner(this, this.calendar);
    this.building = new BuildingLoad(this.seed, this.calendar.clock, limits.baseScale);
    this.simulator = new UnitSimulator(this, this.calendar, planner, this.building);
    this.history = new HistoryIndex({
      seed: this.seed,
      chargers: options.chargers,
      slots: this.slots,
      commissionedDay,
      firstDay: this.firstDay,
      planner,
      variety: this.variety,
      unit: (day) => this.unit(day),
    });

    const unitBytes = this.slots * 288 * 13 + this.chargers.length * 288 + 288 * 8;
    this.cacheLimit = Math.max(8, Math.min(400, Math.floor(48_000_000 / unitBytes)));
  }

  get clock(): ZoneClock {
    return this.calendar.clock;
  }

  get store(): SessionStore {
    return this.history.store;
  }

  /** Store indices per charger, in start order. */
  get byCharger(): readonly number[][] {
    return this.history.byCharger;
  }

  /** Store indices per slot (connector of the garage), in start order. */
  get bySlot(): readonly number[][] {
    return this.history.bySlot;
  }

  unitStart(day: number): number {
    return this.calendar.unitStart(day);
  }

  unitOf(utcMs: number): number {
    return this.calendar.unitOf(utcMs);
  }

  slotOf(charger: number, connectorId: number): number {
    return charger * this.connectorsPerCharger + connectorId - 1;
  }

  /** Max current a slot's car can take, limited by the charger hardware. */
  maxCurrentOf(slot: number): number {
    const charger = this.chargers[Math.floor(slot / this.connectorsPerCharger)];
    return Math.min(this.households[slot]?.carMaxA ?? 16, charger?.hardwareMaxCurrent ?? 16);
  }

  /** Makes sure every session of every unit up to the one containing `now` is in the store. */
  ensureIndexed(now: number): void {
    this.history.extendThrough(this.unitOf(now));
  }

  /** A simulated unit, from a small LRU cache (a unit is recomputed the same when evicted). */
  unit(day: number): UnitData {
    const hit = this.cache.get(day);
    if (hit) {
      this.cache.delete(day);
      this.cache.set(day, hit);
      return hit;
    }
    const data = this.simulator.simulate(day);
    this.cache.set(day, data);
    if (this.cache.size > this.cacheLimit) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return data;
  }

  /** Building load without chargers (kW) per step of a unit, computed once and kept with it. */
  baseOf(data: UnitData): Float32Array {
    if (!data.base) {
      const curve = this.building.curve(data.start, data.steps);
      const base = new Float32Array(data.steps);
      for (let k = 0; k < data.steps; k++) base[k] = curve(k);
      data.base = base;
    }
    return data.base;
  }

  /** Energy and peak power of a session as of `now` (the final values once it has ended). */
  sessionLive(i: number, now: number): SessionLive {
    const store = this.store;
    if (now >= store.chargingEnded[i]!) return { running: false, energyKWh: store.energy[i]!, maxPowerKW: store.maxPower[i]! };
    const data = this.unit(store.unitDay[i]!);
    const slot = store.slot[i]!;
    let energy = 0;
    let maxPower = 0;
    const first = Math.max(0, Math.floor((store.started[i]! - data.start) / STEP_MS));
    for (let k = first; k < data.steps; k++) {
      const t0 = data.start + k * STEP_MS;
      if (t0 >= now) break;
      const at = slot * data.steps + k;
      const fraction = Math.min(1, (now - t0) / STEP_MS);
      energy += data.power[at]! * STEP_H * fraction;
      const inst = ((3 * data.volts[k]! * data.current[at]!) / 1000) * data.energyFactor;
      if (inst > maxPower) maxPower = inst;
    }
    return { running: true, energyKWh: Math.min(energy, store.energy[i]!), maxPowerKW: maxPower };
  }

  /** The connector's state at `now` from the model (overrides are applied by the caller). */
  connectorLive(slot: number, now: number): ConnectorLive {
    this.ensureIndexed(now);
    const store = this.store;
    const list = this.bySlot[slot]!;
    let plugged = -1;
    let last = -1;
    for (let j = list.length - 1; j >= 0; j--) {
      const i = list[j]!;
      if (store.connected[i]! > now) continue;
      if (plugged < 0 && last < 0 && now < store.disconnected[i]!) {
        plugged = i;
        if (store.chargingEnded[i]! <= now) last = i;
        continue;
      }
      if (store.chargingEnded[i]! <= now) {
        if (last < 0) last = i;
        break;
      }
    }
    const live: ConnectorLive = { status: 'Available', powerKW: 0, targetA: MIN_CURRENT_A, currentA: 0, plugged, last };
    if (plugged < 0) return live;
    // Plugged in, and charging never starts: waiting until the car leaves.
    if (store.startless[plugged] === NEVER_STARTED) return { ...live, status: 'Preparing' };
    if (now < store.started[plugged]!) return { ...live, status: 'Preparing' };
    if (now >= store.chargingEnded[plugged]!) return { ...live, status: 'Finishing' };
    const data = this.unit(store.unitDay[plugged]!);
    const k = Math.min(data.steps - 1, Math.floor((now - data.start) / STEP_MS));
    const at = slot * data.steps + k;
    const drawn = data.current[at]!;
    const fullAt = store.fullAt[plugged]!;
    if (drawn > 0 && !(fullAt <= now)) {
      return { ...live, status: 'Charging', powerKW: ((3 * data.volts[k]! * drawn) / 1000) * data.energyFactor, targetA: data.target[at]!, currentA: drawn };
    }
    if (fullAt <= now) return { ...live, status: 'SuspendedEV' };
    // Not full, not charging: the cluster has no share for it, or the charger is rebooting.
    return { ...live, status: 'SuspendedEVSE', targetA: 0 };
  }

  /** Building base load (without chargers) at `now`, kW. */
  baseAt(now: number): number {
    const data = this.unit(this.unitOf(now));
    const k = Math.min(data.steps - 1, Math.max(0, Math.floor((now - data.start) / STEP_MS)));
    return this.baseOf(data)[k]!;
  }

  /**
   * Reboot gaps of a charger in the last `spanMs` before `now`: the charger's fault log. An
   * outage of several days is one gap, counted where it starts.
   */
  countGaps(charger: number, now: number, spanMs: number): number {
    let count = 0;
    for (let day = this.unitOf(now - spanMs); day <= this.unitOf(now); day++) {
      if (day < this.firstDay) continue;
      const data = this.unit(day);
      const row = charger * data.steps;
      const goesOn = this.variety.isOff(charger, day) && this.variety.isOff(charger, day - 1);
      for (let k = 0; k < data.steps; k++) {
        const t0 = data.start + k * STEP_MS;
        const starts = k === 0 ? !goesOn : data.gap[row + k - 1] === 0;
        if (data.gap[row + k] === 1 && starts && t0 <= now && t0 >= now - spanMs) count++;
      }
    }
    return count;
  }

  /**
   * Power profile points of one charger: every 5-minute step whose start lies in [from, to]
   * (or [from, to) with `toTime: 'exclusive'`) and whose interval has ended by `now`, except
   * while the charger was rebooting.
   */
  profile(charger: number, from: number, to: number, now: number, measures: readonly string[], toTime: ProfileToTime = 'inclusive'): ProfilePoint[] {
    const lo = Math.max(from, this.historyStartMs);
    // Step starts are whole milliseconds, so "before `to`" is "at most `to` - 1".
    const hi = Math.min(toTime === 'exclusive' ? to - 1 : to, now - STEP_MS);
    const points: ProfilePoint[] = [];
    if (hi < lo) return points;
    const wantConnectors: Array<[string, number]> = [];
    let wantBuilding = false;
    let wantCluster = false;
    for (const measure of measures) {
      if (measure === 'building') wantBuilding = true;
      else if (measure === 'cluster') wantCluster = true;
      else {
        const n = Number(measure.slice('connector'.length));
        if (n >= 1 && n <= this.connectorsPerCharger) wantConnectors.push([measure, this.slotOf(charger, n)]);
      }
    }
    for (let day = this.unitOf(lo); day <= this.unitOf(hi); day++) {
      const data = this.unit(day);
      const base = wantBuilding ? this.baseOf(data) : null;
      const first = Math.max(0, Math.ceil((lo - data.start) / STEP_MS));
      for (let k = first; k < data.steps; k++) {
        const t0 = data.start + k * STEP_MS;
        if (t0 > hi) break;
        if (data.gap[charger * data.steps + k] === 1) continue;
        let cluster = 0;
        if (wantBuilding || wantCluster) for (let s = 0; s < this.slots; s++) cluster += data.power[s * data.steps + k]!;
        const point: ProfilePoint = { time: t0, values: [] };
        for (const [name, slot] of wantConnectors) point.values.push([name, data.power[slot * data.steps + k]!]);
        if (base) point.values.push(['building', base[k]! + cluster]);
        if (wantCluster) point.values.push(['cluster', cluster]);
        points.push(point);
      }
    }
    return points;
  }
}
