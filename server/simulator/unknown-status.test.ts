import { describe, expect, it } from 'vitest';
import { generalStatusSchema } from '../../contract/charger-schemas.ts';
import { isKnownStatus, stateKindOf } from '../../contract/status-names.ts';
import { parseSimulatorArgs } from './cli-options.ts';
import { startSimulator, unknownStatusName, type RunningSimulator, type SimulatorOptions } from './simulator.ts';
import { getJson, type Loose } from './test-client.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const TOKEN = 'unknown';
// Seed 9: both connectors of the first charger are charging at START.
const common: SimulatorOptions = { seed: 9, chargers: 2, connectorsPerCharger: 2, clockRate: 0, startTime: START, historyDays: 5, staticToken: TOKEN, quiet: true };

async function statusesOf(sim: RunningSimulator): Promise<Loose[]> {
  return Promise.all(sim.chargers.map((c) => getJson(`${c.baseUrl}/api/generalStatus/`, TOKEN)));
}

describe('a long unknown status', () => {
  it('makes up CamelCase names of any length up to 200 that no vocabulary knows', () => {
    const sixty = unknownStatusName(60);
    expect(sixty).toHaveLength(60);
    expect(sixty).toMatch(/^WaitingForExternalLoad[A-Za-z]+$/);
    for (let length = 1; length <= 200; length++) {
      const name = unknownStatusName(length);
      expect(name).toHaveLength(length);
      expect(isKnownStatus(name), name).toBe(false);
      expect(stateKindOf(name)).toBe('unknown');
    }
    expect(() => unknownStatusName(0)).toThrow(/1-200 characters/);
    expect(() => unknownStatusName(201)).toThrow(/1-200 characters/);
  });

  it('reports the name on the chosen connector from the start, with the model\'s power and session', async () => {
    const [plain, sixty, named] = await Promise.all([
      startSimulator(common),
      startSimulator({ ...common, unknownStatus: 60 }),
      startSimulator({ ...common, unknownStatus: { status: 'WaitingForGridCapacity', charger: 'platz5', evseId: 2 } }),
    ]);
    try {
      const [model, withSixty, withNamed] = await Promise.all([statusesOf(plain), statusesOf(sixty), statusesOf(named)]);
      const onlineData = (status: Loose, evse: number) => status.evses[evse].connectors[0].onlineData;
      expect(onlineData(withSixty[0], 0).status).toBe(unknownStatusName(60));
      expect(generalStatusSchema.safeParse(withSixty[0]).success).toBe(true);
      // Only the name differs from the model's reading: the car goes on charging under it.
      expect(onlineData(model[0], 0)).toMatchObject({ status: 'Charging', power: expect.any(Number) });
      expect(onlineData(withSixty[0], 0).power).toBeGreaterThan(3);
      expect({ ...onlineData(withSixty[0], 0), status: null }).toEqual({ ...onlineData(model[0], 0), status: null });
      expect(withSixty[1]).toEqual(model[1]);
      expect(onlineData(withSixty[0], 1)).toEqual(onlineData(model[0], 1));

      expect(onlineData(withNamed[1], 1).status).toBe('WaitingForGridCapacity');
      expect(withNamed[0]).toEqual(model[0]);
      const state: Loose = await (await fetch(`${named.url}/_sim/state`)).json();
      expect(state.chargers[1].connectors[1].override).toEqual({ status: 'WaitingForGridCapacity', statusOnly: true });
    } finally {
      await Promise.all([plain.close(), sixty.close(), named.close()]);
    }
  });

  it('takes up to 200 characters over HTTP, status only or as a forced state', async () => {
    const sim = await startSimulator(common);
    try {
      const post = (body: object) => fetch(`${sim.url}/_sim/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ status: unknownStatusName(200), statusOnly: true })).status).toBe(200);
      expect((await statusesOf(sim))[0].evses[0].connectors[0].onlineData.status).toHaveLength(200);
      expect((await post({ status: 'x'.repeat(201) })).status).toBe(400);
    } finally {
      await sim.close();
    }
  });

  it('refuses a name it cannot report, and is read from the command line', async () => {
    await expect(startSimulator({ ...common, unknownStatus: 0 })).rejects.toThrow(/1-200 characters/);
    await expect(startSimulator({ ...common, unknownStatus: '' })).rejects.toThrow(/unknownStatus must be 1-200 characters/);
    await expect(startSimulator({ ...common, unknownStatus: { status: 60, charger: 'platz99' } })).rejects.toThrow(/unknownStatus: unknown charger "platz99"/);
    await expect(startSimulator({ ...common, unknownStatus: { status: 60, connectorId: 3 } })).rejects.toThrow(/unknownStatus: connectorId must be 1..2/);
    const cli = (text: string) => parseSimulatorArgs(['--unknown-status', text]);
    expect(cli('60')).toMatchObject({ options: { unknownStatus: 60 } });
    expect(cli('WaitingForGridCapacity')).toMatchObject({ options: { unknownStatus: 'WaitingForGridCapacity' } });
    expect(cli('60@platz5')).toMatchObject({ options: { unknownStatus: { status: 60, charger: 'platz5' } } });
    expect(cli('60@platz5:2')).toMatchObject({ options: { unknownStatus: { status: 60, charger: 'platz5', connectorId: 2 } } });
    expect(cli('60@platz5:two')).toMatchObject({ error: expect.stringMatching(/connector number/) });
  });
});
