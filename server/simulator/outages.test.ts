import { describe, expect, it } from 'vitest';
import { parseChargerTime } from '../../contract/charger-parse.ts';
import { parseSimulatorArgs } from './cli-options.ts';
import { GarageModel, type GarageOptions } from './garage.ts';
import { startSimulator } from './simulator.ts';
import { profile, sessionPage, type Loose } from './test-client.ts';
import { STEP_MS } from './units.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const DAY = 86_400_000;
const base: GarageOptions = { seed: 31, chargers: 2, connectorsPerCharger: 1, timeZone: 'Europe/Berlin', historyStartMs: START - 60 * DAY, startMs: START };

function garage(options: Partial<GarageOptions> = {}): GarageModel {
  const model = new GarageModel({ ...base, ...options });
  model.ensureIndexed(START);
  return model;
}

/** Every session of a charger as (connected, started, energy), in start order. */
function sessionsOf(model: GarageModel, charger: number) {
  const store = model.store;
  return model.byCharger[charger]!.map((i) => ({ connected: store.connected[i]!, disconnected: store.disconnected[i]!, energy: store.energy[i]! }));
}

describe('outages: a week without sessions or power', () => {
  const off = garage({ variety: { outages: [{ daysAgo: 20, days: 7, charger: 'platz5' }] } });
  const everyday = garage();
  const { from, to } = off.variety.describe().outages[0]!;
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);

  it('switches the charger off for whole units, 10:00 to 10:00 local, seven of them', () => {
    expect(toMs - fromMs).toBe(7 * DAY);
    expect(from).toBe(new Date(off.unitStart(off.unitOf(START) - 20)).toISOString());
    expect(new Date(fromMs).toISOString()).toMatch(/T09:00:00\.000Z$/);
  });

  it('has no sessions while off, and the same sessions as the everyday garage around it', () => {
    const during = (s: { connected: number }) => s.connected >= fromMs && s.connected < toMs;
    const sessions = sessionsOf(off, 1);
    expect(sessions.filter(during)).toEqual([]);
    expect(sessions).toEqual(sessionsOf(everyday, 1).filter((s) => !during(s)));
    expect(sessionsOf(everyday, 1).filter(during).length).toBeGreaterThan(3);
    // Nobody was plugged in across its edges: the last car before it left by 10:00.
    for (const s of sessions) expect(s.disconnected <= fromMs || s.connected >= toMs).toBe(true);
    // The other charger of the garage charged as ever.
    expect(sessionsOf(off, 0).filter(during).length).toBeGreaterThan(3);
  });

  it('keeps no power profile while off, and the everyday profile outside', () => {
    const all = ['connector1', 'building', 'cluster'];
    const points = off.profile(1, fromMs - DAY, toMs + DAY, START, all);
    const times = points.map((p) => p.time);
    expect(times.filter((t) => t >= fromMs && t < toMs)).toEqual([]);
    expect(times).toContain(fromMs - STEP_MS);
    expect(times).toContain(toMs);
    const outside = (t: number) => t < fromMs || t >= toMs;
    const mine = off.profile(1, fromMs - DAY, toMs + DAY, START, ['connector1']).filter((p) => outside(p.time));
    expect(mine).toEqual(everyday.profile(1, fromMs - DAY, toMs + DAY, START, ['connector1']).filter((p) => outside(p.time)));
    // The other charger kept its profile.
    expect(off.profile(0, fromMs, toMs, START, ['building']).length).toBeGreaterThan(7 * 280);
  });

  it('logs the week off as one fault, where it starts', () => {
    expect(off.countGaps(1, toMs - 1, toMs - 1 - fromMs)).toBe(1);
    expect(off.countGaps(1, toMs - 1, toMs - 1 - (fromMs + STEP_MS))).toBe(0);
  });

  it('reads dates in the chargers\' zone, and refuses outages that are not over by the start', () => {
    const zurich = garage({ timeZone: 'Europe/Zurich', variety: { outages: [{ from: '2025-11-01', days: 3 }] } });
    const la = garage({ timeZone: 'America/Los_Angeles', variety: { outages: [{ from: '2025-11-01', days: 3 }] } });
    expect(zurich.variety.describe().outages).toEqual([{ charger: 'all', from: '2025-11-01T09:00:00.000Z', to: '2025-11-04T09:00:00.000Z', days: 3 }]);
    // Daylight saving ends on 2 November in Los Angeles: the week's 10:00s move by an hour.
    expect(la.variety.describe().outages).toEqual([{ charger: 'all', from: '2025-11-01T17:00:00.000Z', to: '2025-11-04T18:00:00.000Z', days: 3 }]);
    expect(() => garage({ variety: { outages: [{ daysAgo: 3, days: 7 }] } })).toThrow(/daysAgo must be an integer of at least days \(7\)/);
    expect(() => garage({ variety: { outages: [{ from: '2025-11-19', days: 3 }] } })).toThrow(/over before the simulator starts/);
    expect(() => garage({ variety: { outages: [{ days: 3 }] } })).toThrow(/either from/);
    expect(() => garage({ variety: { outages: [{ from: '2025-02-30', days: 3 }] } })).toThrow(/from must be a date/);
    expect(() => garage({ variety: { outages: [{ daysAgo: 9, days: 0 }] } })).toThrow(/days must be an integer/);
    expect(() => garage({ variety: { outages: [{ daysAgo: 9, days: 3, charger: 'platz99' }] } })).toThrow(/unknown charger "platz99"/);
  });

  it('shows over HTTP: no sessions and no profile for ten days, everything before them', async () => {
    const sim = await startSimulator({ seed: 31, clockRate: 0, startTime: START, historyDays: 60, staticToken: 'off', quiet: true, outages: [{ daysAgo: 25, days: 10 }] });
    try {
      const state: Loose = await (await fetch(`${sim.url}/_sim/state`)).json();
      expect(state.outages).toHaveLength(1);
      const [gapFrom, gapTo] = [Date.parse(state.outages[0].from), Date.parse(state.outages[0].to)];
      expect(gapTo - gapFrom).toBe(10 * DAY);
      const sessions: Loose[] = (await sessionPage(sim.url, 'off', { pageSize: '1000' })).content;
      const started = sessions.map((s) => parseChargerTime(s.chargingStartedTime)!);
      expect(started.filter((t) => t >= gapFrom && t < gapTo)).toEqual([]);
      expect(started.filter((t) => t < gapFrom).length).toBeGreaterThan(20);
      const points = await profile(sim.url, 'off', gapFrom - DAY, gapTo + DAY, 'connector1');
      const times = points.map((p) => Date.parse(p.time));
      expect(times.filter((t) => t >= gapFrom && t < gapTo)).toEqual([]);
      expect(times.filter((t) => t < gapFrom).length).toBeGreaterThan(250);
      expect(times.filter((t) => t >= gapTo).length).toBeGreaterThan(250);
    } finally {
      await sim.close();
    }
    await expect(startSimulator({ quiet: true, outages: [{ daysAgo: 1, days: 2 }] })).rejects.toThrow(/outages\[0\]/);
  });

  it('is read from the command line', () => {
    expect(parseSimulatorArgs(['--outage', '30:7', '--outage', '2025-10-01:10@platz5'])).toMatchObject({
      options: { outages: [{ daysAgo: 30, days: 7 }, { from: '2025-10-01', days: 10, charger: 'platz5' }] },
    });
    expect(parseSimulatorArgs(['--outage', 'last week'])).toMatchObject({ error: expect.stringMatching(/--outage expects/) });
  });
});
