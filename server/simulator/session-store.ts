/**
 * Where the history's sessions are kept: one growable typed array per field, so a garage with
 * years of history keeps ~100 bytes a session instead of an object each.
 */
import type { SimSession } from './cluster-sharing.ts';

/** Growable struct-of-arrays session store: ~100 bytes a session, however long the history. */
export class SessionStore {
  count = 0;
  private capacity = 0;
  charger = new Uint16Array(0);
  slot = new Uint16Array(0);
  connectorId = new Uint8Array(0);
  unitDay = new Int32Array(0);
  id = new Float64Array(0);
  connected = new Float64Array(0);
  started = new Float64Array(0);
  chargingEnded = new Float64Array(0);
  disconnected = new Float64Array(0);
  fullAt = new Float64Array(0);
  selectedDeparture = new Float64Array(0);
  energy = new Float64Array(0);
  maxPower = new Float32Array(0);
  meterStart = new Float64Array(0);
  required = new Float32Array(0);
  user = new Int8Array(0);
  mode = new Int8Array(0);
  stopReason = new Uint8Array(0);
  /** STARTED, NEVER_STARTED or START_OMITTED (`history-variety.ts`). */
  startless = new Uint8Array(0);
  /** 1 where the charger does not know the session's energy. */
  energyUnknown = new Uint8Array(0);

  push(session: SimSession, day: number, id: number, meterStart: number, energyUnknown: boolean): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.charger[i] = session.charger;
    this.slot[i] = session.slot;
    this.connectorId[i] = session.connectorId;
    this.unitDay[i] = day;
    this.id[i] = id;
    this.connected[i] = session.connectedMs;
    this.started[i] = session.startedMs;
    this.chargingEnded[i] = session.chargingEndedMs;
    this.disconnected[i] = session.disconnectedMs;
    this.fullAt[i] = session.fullAtMs;
    this.selectedDeparture[i] = session.selectedDepartureMs;
    this.energy[i] = session.energyKWh;
    this.maxPower[i] = session.maxPowerKW;
    this.meterStart[i] = meterStart;
    this.required[i] = session.requiredEnergy;
    this.user[i] = session.user;
    this.mode[i] = session.mode;
    this.stopReason[i] = session.stopReason;
    this.startless[i] = session.startless;
    this.energyUnknown[i] = energyUnknown ? 1 : 0;
    return i;
  }

  private grow(): void {
    const next = Math.max(1024, this.capacity * 2);
    const grow = <T extends Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array | Int8Array>(old: T, make: (n: number) => T): T => {
      const fresh = make(next);
      fresh.set(old);
      return fresh;
    };
    this.charger = grow(this.charger, (n) => new Uint16Array(n));
    this.slot = grow(this.slot, (n) => new Uint16Array(n));
    this.connectorId = grow(this.connectorId, (n) => new Uint8Array(n));
    this.unitDay = grow(this.unitDay, (n) => new Int32Array(n));
    this.id = grow(this.id, (n) => new Float64Array(n));
    this.connected = grow(this.connected, (n) => new Float64Array(n));
    this.started = grow(this.started, (n) => new Float64Array(n));
    this.chargingEnded = grow(this.chargingEnded, (n) => new Float64Array(n));
    this.disconnected = grow(this.disconnected, (n) => new Float64Array(n));
    this.fullAt = grow(this.fullAt, (n) => new Float64Array(n));
    this.selectedDeparture = grow(this.selectedDeparture, (n) => new Float64Array(n));
    this.energy = grow(this.energy, (n) => new Float64Array(n));
    this.maxPower = grow(this.maxPower, (n) => new Float32Array(n));
    this.meterStart = grow(this.meterStart, (n) => new Float64Array(n));
    this.required = grow(this.required, (n) => new Float32Array(n));
    this.user = grow(this.user, (n) => new Int8Array(n));
    this.mode = grow(this.mode, (n) => new Int8Array(n));
    this.stopReason = grow(this.stopReason, (n) => new Uint8Array(n));
    this.startless = grow(this.startless, (n) => new Uint8Array(n));
    this.energyUnknown = grow(this.energyUnknown, (n) => new Uint8Array(n));
    this.capacity = next;
  }
}
