import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChargerTime, parseTimeSpan } from '../../contract/charger-parse.ts';
import { chargingSessionPageSchema } from '../../contract/session-schemas.ts';
import { parseSimulatorArgs } from './cli-options.ts';
import { GarageModel, type GarageOptions } from './garage.ts';
import { NEVER_STARTED, START_OMITTED, STARTED } from './history-variety.ts';
import { startSimulator, type RunningSimulator } from './simulator.ts';
import { generalStatusJson } from './status-json.ts';
import { profile, sessionPage, type Loose } from './test-client.ts';
import { ZoneClock } from './time-zone.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const DAY = 86_400_000;
const TOKEN = 'incomplete';
const base: GarageOptions = { seed: 12, chargers: 1, connectorsPerCharger: 1, timeZone: 'Europe/Berlin', historyStartMs: START - 90 * DAY, startMs: START };

function garage(variety: GarageOptions['variety'] = {}): GarageModel {
  const model = new GarageModel({ ...base, variety });
  model.ensureIndexed(START);
  return model;
}

/** A car that never charged does not move the meter: readings after it differ from the everyday garage's. */
const withoutMeters = ({ meterValueStart: _start, meterValueEnd: _end, ...rest }: Loose) => rest;

const indices = (model: GarageModel) => Array.from({ length: model.store.count }, (_, i) => i);

describe('sessions without a start (model)', () => {
  const model = garage({ sessionsWithoutStart: 0.3 });
  const everyday = garage();
  const { store } = model;
  const never = indices(model).filter((i) => store.startless[i] === NEVER_STARTED);
  const omitted = indices(model).filter((i) => store.startless[i] === START_OMITTED);

  it('makes about the share asked for, half never started and half with the start left out', () => {
    expect(never.length).toBeGreaterThan(5);
    expect(omitted.length).toBeGreaterThan(5);
    expect((never.length + omitted.length) / store.count).toBeGreaterThan(0.18);
    expect((never.length + omitted.length) / store.count).toBeLessThan(0.42);
    expect(garage({ sessionsWithoutStart: 0.3 }).store.startless).toEqual(store.startless);
  });

  it('never charges a car whose charging never started, and keeps it waiting until it leaves', () => {
    for (const i of never) {
      expect(store.energy[i]).toBe(0);
      expect(store.stopReason[i]).toBe(0);
      expect(store.chargingEnded[i]).toBeGreaterThan(store.disconnected[i]!);
      const slot = store.slot[i]!;
      const halfway = (store.connected[i]! + store.disconnected[i]!) / 2;
      if (halfway < START) expect(model.connectorLive(slot, halfway).status).toBe('Preparing');
      const power = model.profile(0, store.connected[i]!, store.disconnected[i]!, START, ['connector1']);
      expect(power.every((p) => p.values[0]![1] === 0)).toBe(true);
    }
  });

  it('leaves every other session as the everyday garage has it', () => {
    const same = (m: GarageModel, i: number) => ({ id: m.store.id[i], connected: m.store.connected[i], started: m.store.started[i], energy: m.store.energy[i], stop: m.store.stopReason[i] });
    expect(store.count).toBe(everyday.store.count);
    for (const i of indices(model)) if (store.startless[i] !== NEVER_STARTED) expect(same(model, i)).toEqual(same(everyday, i));
  });
});

describe('sessions without a start and with unknown energy (HTTP)', () => {
  let sim: RunningSimulator;
  let twin: RunningSimulator;
  let all: Loose[];
  let twins: Map<number, Loose>;

  beforeAll(async () => {
    const common = { seed: 12, clockRate: 0, startTime: START, historyDays: 90, staticToken: TOKEN, quiet: true };
    [sim, twin] = await Promise.all([startSimulator({ ...common, sessionsWithoutStart: 0.3, sessionsWithUnknownEnergy: 0.2 }), startSimulator(common)]);
    all = (await sessionPage(sim.url, TOKEN, { pageSize: '1000' })).content;
    twins = new Map(((await sessionPage(twin.url, TOKEN, { pageSize: '1000' })).content as Loose[]).map((s) => [s.chargingSessionId, s]));
  });
  afterAll(() => Promise.all([sim.close(), twin.close()]));

  it('sends chargingStartedTime null, which the contract takes', async () => {
    const page = await sessionPage(sim.url, TOKEN, { pageSize: '1000' });
    expect(chargingSessionPageSchema.safeParse(page).success).toBe(true);
    const startless = all.filter((s) => s.chargingStartedTime === null);
    const never = startless.filter((s) => parseTimeSpan(s.timeSpentCharging) === 0);
    const omitted = startless.filter((s) => parseTimeSpan(s.timeSpentCharging)! > 0);
    expect(never.length).toBeGreaterThan(3);
    expect(omitted.length).toBeGreaterThan(3);
    for (const s of never) {
      expect(s).toMatchObject({ chargingSessionStatus: 'Finished', chargingSessionStopReason: 'LocalStopUserDisconnectedCableFromVehicle', timeSpentCharging: '00:00:00', maxSessionPower: 0 });
      if (s.activeEnergyConsumed !== null) expect(s.activeEnergyConsumed).toBe(0);
      if (s.meterValueEnd !== null) expect(s.meterValueEnd).toBe(s.meterValueStart);
      expect(parseChargerTime(s.chargingEndedTime)!).toBeGreaterThan(parseChargerTime(s.vehicleDisconnectedTime)!);
    }
    // A start left out: the session charged as the everyday garage's did.
    for (const s of omitted) {
      const everyday = twins.get(s.chargingSessionId);
      expect({ ...withoutMeters(s), chargingStartedTime: everyday.chargingStartedTime, activeEnergyConsumed: everyday.activeEnergyConsumed }).toEqual(withoutMeters(everyday));
    }
  });

  it('finds a session without a start by its plug-in time, in the date filter and the order', async () => {
    const key = (s: Loose) => parseChargerTime(s.chargingStartedTime ?? s.vehicleConnectedTime)!;
    for (let i = 1; i < all.length; i++) expect(key(all[i - 1])).toBeGreaterThanOrEqual(key(all[i]));
    const clock = new ZoneClock('Europe/Berlin');
    const startless = all.find((s) => s.chargingStartedTime === null)!;
    const day = new Date(clock.localDay(parseChargerTime(startless.vehicleConnectedTime)!) * DAY).toISOString().slice(0, 10);
    const window = await sessionPage(sim.url, TOKEN, { chargingStartedTimeFrom: `${day} 00:00:00`, chargingStartedTimeTo: `${day} 23:59:59` });
    expect(window.content.map((s: Loose) => s.chargingSessionId)).toContain(startless.chargingSessionId);
  });

  it('sends activeEnergyConsumed and meterValueEnd null where the energy is unknown, the rest as known', () => {
    const unknown = all.filter((s) => s.activeEnergyConsumed === null);
    expect(unknown.length / all.length).toBeGreaterThan(0.1);
    expect(unknown.length / all.length).toBeLessThan(0.35);
    for (const s of unknown) {
      expect(s.meterValueEnd).toBeNull();
      expect(s.meterValueStart).toEqual(expect.any(Number));
      expect(s.maxSessionPower).toEqual(expect.any(Number));
    }
    const known = all.filter((s) => s.activeEnergyConsumed !== null && s.chargingStartedTime !== null);
    for (const s of known) {
      const everyday = twins.get(s.chargingSessionId);
      expect(withoutMeters(s)).toEqual(withoutMeters(everyday));
      expect(s.meterValueEnd - s.meterValueStart).toBe(everyday.meterValueEnd - everyday.meterValueStart);
    }
  });

  it('keeps the power profile whatever the sessions say', async () => {
    const [mine, everyday] = await Promise.all([profile(sim.url, TOKEN, START - 20 * DAY, START), profile(twin.url, TOKEN, START - 20 * DAY, START)]);
    const [a, b] = [mine.map((p) => p.time), everyday.map((p) => p.time)];
    expect(a).toEqual(b);
  });

  it('says nothing of an unknown energy in generalStatus either', () => {
    const model = garage({ sessionsWithUnknownEnergy: 0.5 });
    const { store } = model;
    const i = indices(model).find((n) => store.energyUnknown[n] === 1 && store.started[n]! + 3_600_000 < store.chargingEnded[n]!)!;
    const status = (now: number) => generalStatusJson({ model, charger: model.chargers[0]!, now, overrides: new Map(), allChargersConnected: true, numbering: 'charger', statusNames: 'ocpp16' });
    const running = status(store.started[i]! + 3_600_000).evses[0]!.connectors[0]!;
    expect(running.onlineData!.sessionId).toBe(store.id[i]);
    expect(running.onlineData!.consumedEnergy).toBeNull();
    const after = status(store.chargingEnded[i]! + 60_000).evses[0]!.connectors[0]!;
    expect(after.lastSession!.energyConsumed).toBeNull();
    expect(after.onlineData!.consumedEnergy).toBeNull();
  });

  it('refuses shares outside 0–1, and is read from the command line', async () => {
    await expect(startSimulator({ quiet: true, sessionsWithoutStart: 1.5 })).rejects.toThrow(/sessionsWithoutStart must be a share 0-1/);
    await expect(startSimulator({ quiet: true, sessionsWithUnknownEnergy: -0.1 })).rejects.toThrow(/sessionsWithUnknownEnergy must be a share 0-1/);
    expect(parseSimulatorArgs(['--sessions-without-start', '0.1', '--unknown-energy', '0.05'])).toMatchObject({ options: { sessionsWithoutStart: 0.1, sessionsWithUnknownEnergy: 0.05 } });
    expect(STARTED).toBe(0);
  });
});
