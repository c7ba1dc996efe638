import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generalStatusSchema } from '../../contract/charger-schemas.ts';
import { chargingSessionPageSchema } from '../../contract/session-schemas.ts';
import { parseSimulatorArgs } from './cli-options.ts';
import { startSimulator, type RunningSimulator } from './simulator.ts';
import { getJson, profile, sessionPage, type Loose } from './test-client.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const DAY = 86_400_000;
const TOKEN = 'numbering';

let evse: RunningSimulator;
let duo: RunningSimulator;

beforeAll(async () => {
  const common = { seed: 21, chargers: 1, connectorsPerCharger: 2, clockRate: 0, startTime: START, historyDays: 40, staticToken: TOKEN, quiet: true };
  [evse, duo] = await Promise.all([startSimulator({ ...common, connectorNumbering: 'evse' }), startSimulator(common)]);
});
afterAll(() => Promise.all([evse.close(), duo.close()]));

const status = (sim: RunningSimulator) => getJson(`${sim.url}/api/generalStatus/`, TOKEN);
const shape = (raw: Loose) => raw.evses.map((e: Loose) => ({ evseId: e.evseId, connectors: e.connectors.map((c: Loose) => ({ connectorId: c.connectorId })) }));

describe('two EVSEs that each number their connector 1 (OCPP 2.0)', () => {
  it('numbers both connectors 1 in generalStatus, and reports otherwise what the INCH Duo numbering does', async () => {
    const [raw, twin] = await Promise.all([status(evse), status(duo)]);
    expect(shape(raw)).toEqual([
      { evseId: 1, connectors: [{ connectorId: 1 }] },
      { evseId: 2, connectors: [{ connectorId: 1 }] },
    ]);
    expect(shape(twin)).toEqual([
      { evseId: 1, connectors: [{ connectorId: 1 }] },
      { evseId: 2, connectors: [{ connectorId: 2 }] },
    ]);
    expect(generalStatusSchema.safeParse(raw).success).toBe(true);
    // The same garage otherwise: each EVSE's connector is the Duo's connector of that EVSE.
    twin.evses[1].connectors[0].connectorId = 1;
    expect(raw).toEqual(twin);
  });

  it('names the power profile measures connector1 and connector2 by the connectors\' order across EVSEs', async () => {
    const [points, twin] = await Promise.all([profile(evse.url, TOKEN, START - DAY, START, ''), profile(duo.url, TOKEN, START - DAY, START, '')]);
    expect(Object.keys(points[0])).toEqual(['time', 'connector1', 'connector2', 'building', 'cluster']);
    expect(points).toEqual(twin);
    expect(points.some((p: Loose) => p.connector2 > 1)).toBe(true);
  });

  it('reports each session on connector 1 with the EVSE it ran on', async () => {
    const [page, twin] = await Promise.all([sessionPage(evse.url, TOKEN, { pageSize: '1000' }), sessionPage(duo.url, TOKEN, { pageSize: '1000' })]);
    expect(chargingSessionPageSchema.safeParse(page).success).toBe(true);
    expect(new Set(page.content.map((s: Loose) => s.connectorId))).toEqual(new Set([1]));
    expect(page.content.filter((s: Loose) => s.evseId === 2).length).toBeGreaterThan(10);
    expect(page.content.filter((s: Loose) => s.evseId === 1).length).toBeGreaterThan(10);
    const asDuo = page.content.map(({ evseId, ...s }: Loose) => ({ ...s, connectorId: evseId }));
    expect(asDuo).toEqual(twin.content);
    // The Duo numbering has no evseId in its sessions, as before.
    expect(twin.content.some((s: Loose) => 'evseId' in s)).toBe(false);
  });

  it('forces a connector by its EVSE, in code and over HTTP', async () => {
    const before = await status(evse);
    try {
      evse.setConnector('platz13', { evseId: 2 }, { status: 'Charging', power: 5 });
      const raw = await status(evse);
      expect(raw.evses[1].connectors[0].onlineData).toMatchObject({ status: 'Charging', power: 5 });
      expect(raw.evses[0]).toEqual(before.evses[0]);
      expect(() => evse.setConnector('platz13', { evseId: 2, connectorId: 2 }, null)).toThrow(/EVSE 2 of platz13 has connectorId 1 only/);
      expect(() => evse.setConnector('platz13', { evseId: 3 }, null)).toThrow(/evseId must be 1..2/);

      const res = await fetch(`${evse.url}/_sim/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ evseId: 1, connectorId: 1, status: 'Faulted' }) });
      expect(res.status).toBe(200);
      const state: Loose = await res.json();
      expect(state.chargers[0].connectorNumbering).toBe('evse');
      expect(state.chargers[0].connectors).toMatchObject([
        { evseId: 1, connectorId: 1, series: 'connector1', status: 'Faulted', override: { status: 'Faulted' } },
        { evseId: 2, connectorId: 1, series: 'connector2', status: 'Charging', override: { status: 'Charging', power: 5 } },
      ]);
      const cleared: Loose = await (await fetch(`${evse.url}/_sim/connectors?evseId=2`, { method: 'DELETE' })).json();
      expect(cleared.chargers[0].connectors.map((c: Loose) => c.override?.status ?? null)).toEqual(['Faulted', null]);
    } finally {
      evse.setConnector('platz13', 1, null);
      evse.setConnector('platz13', 2, null);
    }
    expect(await status(evse)).toEqual(before);
  });

  it('can differ per charger, and is read from the command line', async () => {
    const mixed = await startSimulator({ seed: 21, chargers: 2, connectorsPerCharger: 2, clockRate: 0, startTime: START, historyDays: 3, staticToken: TOKEN, quiet: true, connectorNumbering: { platz5: 'evse' } });
    try {
      const [a, b] = await Promise.all(mixed.chargers.map((c) => getJson(`${c.baseUrl}/api/generalStatus/`, TOKEN)));
      expect(shape(a).map((e: Loose) => e.connectors[0].connectorId)).toEqual([1, 2]);
      expect(shape(b).map((e: Loose) => e.connectors[0].connectorId)).toEqual([1, 1]);
    } finally {
      await mixed.close();
    }
    await expect(startSimulator({ quiet: true, connectorNumbering: 'ocpp201' as never })).rejects.toThrow(/connectorNumbering must be "charger" or "evse"/);
    expect(parseSimulatorArgs(['--connectors', '2', '--connector-numbering', 'evse'])).toEqual({ options: { port: 9100, quiet: true, connectorsPerCharger: 2, connectorNumbering: 'evse' } });
    expect(parseSimulatorArgs(['--connector-numbering', 'platz5=evse'])).toMatchObject({ options: { connectorNumbering: { platz5: 'evse' } } });
  });
});
