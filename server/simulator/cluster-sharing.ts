/**
 * One unit (local 10:00 to 10:00) simulated: every charger of the garage stepped together in
 * 5-minute steps, so the cluster limit (and the load guard's building limit) holds at every step
 * across the garage. Each step, the cars that want current share the budget (water-filling, at
 * least 6 A each, first come first served when there is not enough for everyone); the result is
 * each connector's power, current and offered current per step, and each session's energy.
 */
import type { BuildingLoad } from './building-load.ts';
import { KW_PER_A, MIN_CURRENT_A } from './electrics.ts';
import { chargeStopOf, STOP_ENERGY, STOP_UNPLUG, type DayPlanner, type PlannedGarage, type PlannedSession } from './household-day.ts';
import { STREAM, unit4 } from './random.ts';
import { HOUR_MS } from './time-zone.ts';
import { STEP_MS, type UnitCalendar } from './units.ts';

const STEP_H = STEP_MS / HOUR_MS;

/** A simulated session: the plan plus what the 5-minute simulation made of it. */
export interface SimSession extends PlannedSession {
  energyKWh: number;
  maxPowerKW: number;
  /** When the car was full (or the energy limit reached); NaN when it never was. */
  fullAtMs: number;
  chargingEndedMs: number;
}

/** Power arrays of one unit, slot-major (`slot * steps + step`). */
export interface UnitData {
  day: number;
  start: number;
  steps: number;
  /** Average kW of each connector over each step: the power profile's value. */
  power: Float32Array;
  /** Current the car draws while charging, A per phase; 0 when not charging. */
  current: Float32Array;
  /** Current the charger offers (its share of the cluster), A. */
  target: Uint8Array;
  volts: Float32Array;
  /** Building load without the chargers, kW; filled lazily by `GarageModel.baseOf`. */
  base: Float32Array | null;
  /** 1 where that charger was rebooting: no profile points, no charging (charger-major). */
  gap: Uint8Array;
  sessions: SimSession[];
  /** Reported power and energy per physical kW and kWh: above 1 in a heavy month. */
  energyFactor: number;
}

/** What the unit simulation needs to know about the garage. */
export interface SharedGarage extends PlannedGarage {
  slots: number;
  clusterMaxA: number;
  loadGuardMaxA: number;
  /** Max current a slot's car can take, limited by the charger hardware. */
  maxCurrentOf(slot: number): number;
}

/** Per-step work buffers: the connectors that want current this step, in arrival order. */
interface Scratch {
  slot: Int32Array;
  from: Float64Array;
  to: Float64Array;
  alloc: Float64Array;
  order: Int32Array;
  sessions: SimSession[];
}

/** The state of one unit's simulation while it steps. */
interface UnitRun {
  data: UnitData;
  bySlot: SimSession[][];
  /** Energy each session still needs, kWh. */
  remaining: Map<SimSession, number>;
  /** Per slot, the index in `bySlot` of the first session not yet over. */
  pointer: Int32Array;
}

export class UnitSimulator {
  private scratchBuffers: Scratch | null = null;

  constructor(
    private readonly garage: SharedGarage,
    private readonly calendar: UnitCalendar,
    private readonly planner: DayPlanner,
    private readonly building: BuildingLoad,
  ) {}

  simulate(day: number): UnitData {
    const run = this.planned(day);
    const { data } = run;
    const scratch = this.scratch();
    // The building load is only needed here when a car wants current (the load guard's
    // budget); the full curve is filled in lazily for the profile, which keeps a long
    // history cheap to index.
    const baseAtStep = this.building.curve(data.start, data.steps);

    for (let k = 0; k < data.steps; k++) {
      if (data.sessions.length === 0) break;
      const n = this.collectDemand(run, k, scratch);
      if (n === 0) continue;
      const stepIndex = (data.start + k * STEP_MS) / STEP_MS;
      const v = 226 + 6 * unit4(this.garage.seed, STREAM.voltage, stepIndex);
      data.volts[k] = v;
      const budget = Math.min(this.garage.clusterMaxA, this.garage.loadGuardMaxA - baseAtStep(k) / KW_PER_A);
      this.allocate(budget, n, scratch);
      this.charge(run, k, n, v, scratch);
    }
    finishSessions(data.sessions, data.energyFactor);
    return data;
  }

  /** The unit's arrays, empty, and its planned sessions; reboot gaps marked. */
  private planned(day: number): UnitRun {
    const start = this.calendar.unitStart(day);
    const steps = this.calendar.stepsOf(day);
    const { slots } = this.garage;
    const chargerCount = this.garage.chargers.length;
    const gap = new Uint8Array(chargerCount * steps);
    const sessions: SimSession[] = [];
    const bySlot: SimSession[][] = Array.from({ length: slots }, () => []);
    for (let c = 0; c < chargerCount; c++) {
      const plan = this.planner.planCharger(c, day, false);
      for (const planned of plan.sessions) {
        const session: SimSession = { ...planned, energyKWh: 0, maxPowerKW: 0, fullAtMs: NaN, chargingEndedMs: NaN };
        sessions.push(session);
        bySlot[planned.slot]!.push(session);
      }
      if (plan.gapStart >= 0) gap.fill(1, c * steps + plan.gapStart, c * steps + plan.gapStart + plan.gapSteps);
    }
    const data: UnitData = {
      day,
      start,
      steps,
      power: new Float32Array(slots * steps),
      current: new Float32Array(slots * steps),
      target: new Uint8Array(slots * steps),
      volts: new Float32Array(steps),
      base: null,
      gap,
      sessions,
      energyFactor: this.garage.variety.energyFactorOf(day),
    };
    return { data, bySlot, remaining: new Map(sessions.map((s) => [s, s.needKWh])), pointer: new Int32Array(slots) };
  }

  /** Fills `scratch` with the connectors that want current in step k, in arrival order. */
  private collectDemand(run: UnitRun, k: number, scratch: Scratch): number {
    const { data, bySlot, remaining, pointer } = run;
    const t0 = data.start + k * STEP_MS;
    const t1 = t0 + STEP_MS;
    let n = 0;
    for (let s = 0; s < this.garage.slots; s++) {
      const list = bySlot[s]!;
      let p = pointer[s]!;
      while (p < list.length && chargeStopOf(list[p]!) <= t0) p++;
      pointer[s] = p;
      const session = list[p];
      if (!session) continue;
      const from = Math.max(t0, session.startedMs);
      const to = Math.min(t1, chargeStopOf(session));
      if (to <= from) continue;
      if ((remaining.get(session) ?? 0) <= 1e-9) continue;
      if (data.gap[session.charger * data.steps + k] === 1) continue;
      // Arrival order: first come, first served when the cluster cannot give everyone 6 A.
      let at = n;
      while (at > 0 && scratch.sessions[at - 1]!.connectedMs > session.connectedMs) {
        scratch.slot[at] = scratch.slot[at - 1]!;
        scratch.sessions[at] = scratch.sessions[at - 1]!;
        scratch.from[at] = scratch.from[at - 1]!;
        scratch.to[at] = scratch.to[at - 1]!;
        at--;
      }
      scratch.slot[at] = s;
      scratch.sessions[at] = session;
      scratch.from[at] = from;
      scratch.to[at] = to;
      n++;
    }
    return n;
  }

  /** Applies the shares of step k at voltage v: power, current and energy of each connector. */
  private charge(run: UnitRun, k: number, n: number, v: number, scratch: Scratch): void {
    const { data, remaining } = run;
    const { steps, power, current, target, energyFactor } = data;
    const stepIndex = (data.start + k * STEP_MS) / STEP_MS;
    for (let i = 0; i < n; i++) {
      const s = scratch.slot[i]!;
      const a = Math.floor(scratch.alloc[i]!);
      if (a < MIN_CURRENT_A) continue;
      const session = scratch.sessions[i]!;
      const from = scratch.from[i]!;
      const drawn = a * (0.95 + 0.035 * unit4(this.garage.seed, STREAM.draw, s, stepIndex));
      const instKW = (3 * v * drawn) / 1000;
      let energy = (instKW * (scratch.to[i]! - from)) / HOUR_MS;
      const left = remaining.get(session) ?? 0;
      if (energy >= left) {
        energy = left;
        session.fullAtMs = Math.floor(from + (left / instKW) * HOUR_MS);
        remaining.set(session, 0);
      } else remaining.set(session, left - energy);
      // The car takes physical energy from what it needs; the charger reports it scaled.
      const average = Math.fround((energy / STEP_H) * energyFactor);
      power[s * steps + k] = average;
      current[s * steps + k] = drawn;
      target[s * steps + k] = a;
      // The session's energy is the sum of the stored profile values, so integrating the
      // power profile over a session gives exactly its activeEnergyConsumed.
      session.energyKWh += average * STEP_H;
      if (instKW * energyFactor > session.maxPowerKW) session.maxPowerKW = instKW * energyFactor;
    }
  }

  /** Per-step work buffers, reused across steps and units (one simulation runs at a time). */
  private scratch(): Scratch {
    if (!this.scratchBuffers) {
      const n = this.garage.slots;
      this.scratchBuffers = {
        slot: new Int32Array(n),
        from: new Float64Array(n),
        to: new Float64Array(n),
        alloc: new Float64Array(n),
        order: new Int32Array(n),
        sessions: new Array<SimSession>(n),
      };
    }
    return this.scratchBuffers;
  }

  /** Water-filling share of `budget` among the first `n` demanders, at least 6 A each. */
  private allocate(budget: number, n: number, scratch: Scratch): void {
    const { alloc, order, slot } = scratch;
    const maxCurrentOf = (s: number) => this.garage.maxCurrentOf(s);
    alloc.fill(0, 0, n);
    const served = Math.min(n, Math.floor(budget / MIN_CURRENT_A));
    if (served <= 0) return;
    // Smallest cars first, so what they cannot take is shared among the others.
    for (let i = 0; i < served; i++) {
      const max = maxCurrentOf(slot[i]!);
      let at = i;
      while (at > 0 && maxCurrentOf(slot[order[at - 1]!]!) > max) {
        order[at] = order[at - 1]!;
        at--;
      }
      order[at] = i;
    }
    let left = budget;
    for (let j = 0; j < served; j++) {
      const i = order[j]!;
      const share = Math.min(maxCurrentOf(slot[i]!), left / (served - j));
      alloc[i] = share;
      left -= share;
    }
  }
}

/**
 * How each session ended, now that the unit is simulated: energy limit met or not, end time. Its
 * energy need and limit are then reported in the unit's scale, like its energy (the meter moves by
 * the scaled need).
 */
function finishSessions(sessions: readonly SimSession[], energyFactor: number): void {
  for (const session of sessions) {
    if (session.stopReason === STOP_ENERGY) {
      if (session.fullAtMs < session.disconnectedMs) session.chargingEndedMs = session.fullAtMs + 1_000;
      else session.stopReason = STOP_UNPLUG;
    }
    if (Number.isNaN(session.chargingEndedMs)) {
      session.chargingEndedMs = Number.isNaN(session.plannedEndMs) ? session.disconnectedMs + session.endDelayMs : session.plannedEndMs;
    }
    session.energyKWh = Math.min(session.energyKWh, session.needKWh * energyFactor);
    if (energyFactor !== 1) {
      session.needKWh *= energyFactor;
      session.requiredEnergy *= energyFactor;
    }
  }
}
