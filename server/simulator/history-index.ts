/**
 * The session history, generated unit by unit as sim time advances: each unit's simulated
 * sessions get their charger's next session id and their connector's meter reading and go into
 * the store. Ids and meters count from commissioning (2019-01-01, or the history start if that
 * is earlier), so two simulators with the same seed agree on them however much history each
 * was asked for.
 */
import type { UnitData } from './cluster-sharing.ts';
import type { HistoryVariety } from './history-variety.ts';
import type { DayPlanner } from './household-day.ts';
import { hash4, STREAM } from './random.ts';
import { SessionStore } from './session-store.ts';

/** Session ids and meters count from here (or from the history start, if that is earlier). */
export const COMMISSIONED_UTC = Date.UTC(2019, 0, 1);

export interface HistoryOptions {
  seed: number;
  chargers: number;
  slots: number;
  /** Unit of commissioning: ids and meters count from here. */
  commissionedDay: number;
  /** First unit the charger remembers. */
  firstDay: number;
  planner: DayPlanner;
  variety: HistoryVariety;
  /** The simulated unit (cached by the model). */
  unit: (day: number) => UnitData;
}

export class HistoryIndex {
  readonly store = new SessionStore();
  /** Store indices per charger and per slot, in start order. */
  readonly byCharger: number[][];
  readonly bySlot: number[][];

  private readonly nextId: number[];
  private readonly meterMWh: number[];
  private indexedThrough: number;
  private readonly unit: (day: number) => UnitData;
  private readonly variety: HistoryVariety;

  constructor(options: HistoryOptions) {
    const { seed, chargers, slots, planner } = options;
    this.unit = options.unit;
    this.variety = options.variety;
    this.indexedThrough = options.firstDay - 1;
    this.byCharger = Array.from({ length: chargers }, () => []);
    this.bySlot = Array.from({ length: slots }, () => []);
    // Only counts and energy needs matter before the history start, which the plan gives
    // without simulating.
    this.nextId = Array.from({ length: chargers }, () => 1);
    this.meterMWh = Array.from({ length: slots }, (_, s) => 3_000_000 + (hash4(seed, STREAM.household, s, 99) % 400_000_000));
    for (let day = options.commissionedDay; day < options.firstDay; day++) {
      for (let c = 0; c < chargers; c++) {
        for (const planned of planner.planCharger(c, day, true).sessions) {
          this.nextId[c]!++;
          this.meterMWh[planned.slot]! += Math.round(planned.needKWh * this.variety.energyFactorOf(day) * 1_000_000);
        }
      }
    }
  }

  /** Makes sure every session of every unit up to and including `throughDay` is in the store. */
  extendThrough(throughDay: number): void {
    while (this.indexedThrough < throughDay) {
      const day = this.indexedThrough + 1;
      const data = this.unit(day);
      for (const session of data.sessions) {
        const id = this.nextId[session.charger]!++;
        const meterStart = this.meterMWh[session.slot]!;
        this.meterMWh[session.slot] = meterStart + Math.round(session.needKWh * 1_000_000);
        const i = this.store.push(session, day, id, meterStart, this.variety.isEnergyUnknown(session.charger, id));
        this.byCharger[session.charger]!.push(i);
        this.bySlot[session.slot]!.push(i);
      }
      this.indexedThrough = day;
    }
  }
}
