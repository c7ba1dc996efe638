import { describe, expect, it } from 'vitest';
import { generalStatusSchema } from '../../contract/charger-schemas.ts';
import { isKnownStatus, stateKindOf } from '../../contract/status-names.ts';
import { ETREL_CONNECTOR_STATES, ETREL_STATUS_NAMES, wireStatusName } from './charger-styles.ts';
import { parseSimulatorArgs } from './cli-options.ts';
import { GarageModel, type ConnectorLive } from './garage.ts';
import { startSimulator } from './simulator.ts';
import { generalStatusJson, type StatusContext } from './status-json.ts';
import { getJson, type Loose } from './test-client.ts';
import { STEP_MS } from './units.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const DAY = 86_400_000;
const MODEL_STATES: ReadonlyArray<ConnectorLive['status']> = ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing'];

/** An instant at which the model shows each of its states on some connector. */
function instantsOfEachState(model: GarageModel): Map<string, { slot: number; at: number }> {
  const found = new Map<string, { slot: number; at: number }>();
  const store = model.store;
  const look = (slot: number, at: number) => {
    const { status } = model.connectorLive(slot, at);
    if (!found.has(status)) found.set(status, { slot, at });
  };
  // The short states last seconds: look just after each session's moments.
  for (let i = 0; i < store.count && found.size < MODEL_STATES.length; i++) {
    const slot = store.slot[i]!;
    for (const at of [store.connected[i]! + 1, store.started[i]! + 60_000, store.fullAt[i]! + 1, store.chargingEnded[i]! + 1, store.disconnected[i]! + 1]) {
      if (Number.isFinite(at) && at < START) look(slot, at);
    }
  }
  // A paused-by-charger moment: a reboot while a car is plugged in and not yet full.
  for (let t = model.historyStartMs + STEP_MS / 2; t < START && !found.has('SuspendedEVSE'); t += STEP_MS) {
    for (let slot = 0; slot < model.slots; slot++) look(slot, t);
  }
  return found;
}

describe('Etrel\'s own status names', () => {
  it('maps the model\'s states onto Etrel\'s names, which the product\'s vocabulary reads as the same kinds', () => {
    for (const [ocpp, etrel] of Object.entries(ETREL_STATUS_NAMES)) {
      expect(ETREL_CONNECTOR_STATES).toContain(etrel);
      expect(isKnownStatus(etrel)).toBe(true);
      expect(stateKindOf(etrel), `${ocpp} → ${etrel}`).toBe(stateKindOf(ocpp));
    }
    expect(ETREL_STATUS_NAMES).toMatchObject({
      Available: 'SocketAvailable',
      Preparing: 'WaitingForVehicleToStart',
      SuspendedEV: 'ChargingPausedByEv',
      SuspendedEVSE: 'ChargingPausedByEvse',
      Finishing: 'ChargingEnded',
      Faulted: 'ChargingFault',
    });
    // Names without an Etrel counterpart, and names already Etrel's, pass as they are.
    expect(wireStatusName('Reserved', 'etrel')).toBe('Reserved');
    expect(wireStatusName('UnpausingCharging', 'etrel')).toBe('UnpausingCharging');
    expect(wireStatusName('SuspendedEV', 'ocpp16')).toBe('SuspendedEV');
  });

  it('renders every state of the model in Etrel\'s words and changes nothing else', () => {
    const model = new GarageModel({ seed: 4, chargers: 2, connectorsPerCharger: 1, timeZone: 'Europe/Berlin', historyStartMs: START - 60 * DAY });
    model.ensureIndexed(START);
    const instants = instantsOfEachState(model);
    expect([...instants.keys()].sort()).toEqual([...MODEL_STATES].sort());
    for (const [state, { slot, at }] of instants) {
      const charger = model.chargers[slot]!;
      const context: StatusContext = { model, charger, now: at, overrides: new Map(), allChargersConnected: true, numbering: 'charger', statusNames: 'ocpp16' };
      const ocpp = generalStatusJson(context);
      const etrel = generalStatusJson({ ...context, statusNames: 'etrel' });
      expect(ocpp.evses[0]!.connectors[0]!.onlineData!.status).toBe(state);
      expect(etrel.evses[0]!.connectors[0]!.onlineData!.status).toBe(ETREL_STATUS_NAMES[state]);
      etrel.evses[0]!.connectors[0]!.onlineData!.status = state;
      expect(etrel).toEqual(ocpp);
    }
  });

  it('speaks Etrel over HTTP, per charger, switchable while running, with forced states translated', async () => {
    const sim = await startSimulator({ seed: 4, chargers: 2, clockRate: 0, startTime: START, historyDays: 5, staticToken: 'names', quiet: true, statusNames: { platz4: 'etrel' } });
    try {
      const read = () => Promise.all(sim.chargers.map((c) => getJson(`${c.baseUrl}/api/generalStatus/`, 'names')));
      const statusOf = (raw: Loose) => raw.evses[0].connectors[0].onlineData.status as string;
      sim.setConnector('platz4', 1, { status: 'SuspendedEV' });
      sim.setConnector('platz5', 1, { status: 'SuspendedEV' });
      let [etrel, ocpp] = await read();
      expect(generalStatusSchema.safeParse(etrel).success).toBe(true);
      expect([statusOf(etrel), statusOf(ocpp)]).toEqual(['ChargingPausedByEv', 'SuspendedEV']);

      sim.setConnector('platz4', 1, { status: 'Faulted' });
      [etrel] = await read();
      expect(etrel.evses[0].connectors[0].onlineData).toMatchObject({ status: 'ChargingFault', faultEventType: 'GroundFailure' });
      sim.setConnector('platz4', 1, { status: 'UnpausingCharging' });
      [etrel] = await read();
      expect(statusOf(etrel)).toBe('UnpausingCharging');

      const switched = await fetch(`${sim.url}/_sim/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statusNames: 'etrel' }) });
      expect(switched.status).toBe(200);
      expect(((await switched.json()) as Loose).chargers.map((c: Loose) => c.statusNames)).toEqual(['etrel', 'etrel']);
      [, ocpp] = await read();
      expect(statusOf(ocpp)).toBe('ChargingPausedByEv');
      sim.setStatusNames('ocpp16');
      [etrel] = await read();
      expect(statusOf(etrel)).toBe('UnpausingCharging');
      sim.setConnector('platz4', 1, { status: 'Available' });
      [etrel] = await read();
      expect(statusOf(etrel)).toBe('Available');

      const refused = await fetch(`${sim.url}/_sim/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statusNames: { platz99: 'etrel' } }) });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as Loose).error).toMatch(/unknown charger "platz99"/);
    } finally {
      await sim.close();
    }
    await expect(startSimulator({ quiet: true, statusNames: 'ocpp201' as never })).rejects.toThrow(/statusNames must be "ocpp16" or "etrel"/);
    expect(parseSimulatorArgs(['--status-names', 'etrel'])).toMatchObject({ options: { statusNames: 'etrel' } });
    expect(parseSimulatorArgs(['--status-names', 'platz4=etrel,platz5=ocpp16'])).toMatchObject({ options: { statusNames: { platz4: 'etrel', platz5: 'ocpp16' } } });
  });
});
