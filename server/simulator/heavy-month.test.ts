import { describe, expect, it } from 'vitest';
import { powerProfileSchema } from '../../contract/charger-schemas.ts';
import { chargingSessionPageSchema } from '../../contract/session-schemas.ts';
import { parseSimulatorArgs } from './cli-options.ts';
import { GarageModel, type GarageOptions } from './garage.ts';
import { startSimulator } from './simulator.ts';
import { profile, sessionPage, type Loose } from './test-client.ts';
import { ZoneClock } from './time-zone.ts';
import { STEP_MS } from './units.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const DAY = 86_400_000;
const BERLIN = new ZoneClock('Europe/Berlin');
const base: GarageOptions = { seed: 17, chargers: 1, connectorsPerCharger: 1, timeZone: 'Europe/Berlin', historyStartMs: START - 120 * DAY, startMs: START };

function garage(variety: GarageOptions['variety'] = {}): GarageModel {
  const model = new GarageModel({ ...base, variety });
  model.ensureIndexed(START);
  return model;
}

/** `YYYY-MM` of an instant on the Berlin calendar. */
const monthOf = (ms: number) => new Date(BERLIN.localDay(ms) * DAY).toISOString().slice(0, 7);
const indices = (model: GarageModel) => Array.from({ length: model.store.count }, (_, i) => i);

describe('a month of four-digit kWh', () => {
  const heavy = garage({ heavyMonths: [{ monthsAgo: 1 }] });
  const everyday = garage();
  const { store } = heavy;
  const inOctober = (i: number) => monthOf(heavy.unitStart(store.unitDay[i]!)) === '2025-10';

  it('takes the month before the start\'s, times 4 by default', () => {
    expect(heavy.variety.describe().heavyMonths).toEqual([{ month: '2025-10', factor: 4 }]);
  });

  it('passes 1,000 kWh in that month alone, and leaves the other months as they are', () => {
    const total = (model: GarageModel, month: string) =>
      indices(model)
        .filter((i) => monthOf(model.store.started[i]!) === month)
        .reduce((sum, i) => sum + model.store.energy[i]!, 0);
    expect(total(everyday, '2025-10')).toBeLessThan(1000);
    expect(total(heavy, '2025-10')).toBeGreaterThan(1000);
    expect(total(heavy, '2025-10')).toBeLessThan(10_000);
    expect(total(heavy, '2025-09')).toBe(total(everyday, '2025-09'));
    for (const i of indices(heavy)) {
      // The same cars at the same times; only what the charger reports is scaled.
      expect(store.started[i]).toBe(everyday.store.started[i]);
      expect(store.chargingEnded[i]).toBe(everyday.store.chargingEnded[i]);
      if (inOctober(i)) expect(store.energy[i]! / everyday.store.energy[i]!).toBeCloseTo(4, 5);
      else expect(store.energy[i]).toBe(everyday.store.energy[i]);
    }
  });

  it('keeps each session the sum of its profile, live power on the same scale, and the meter rising', () => {
    const october = indices(heavy).filter(inOctober);
    for (const i of october) {
      const points = heavy.profile(0, Math.floor(store.started[i]! / STEP_MS) * STEP_MS, store.chargingEnded[i]!, START, ['connector1']);
      const kwh = points.filter((p) => p.time < store.chargingEnded[i]!).reduce((sum, p) => sum + (p.values[0]![1] * STEP_MS) / 3_600_000, 0);
      expect(Math.abs(kwh - store.energy[i]!)).toBeLessThan(0.01);
    }
    const charging = october.find((i) => heavy.connectorLive(0, store.started[i]! + 3_600_000).status === 'Charging')!;
    const at = store.started[charging]! + 3_600_000;
    expect(heavy.connectorLive(0, at).powerKW / everyday.connectorLive(0, at).powerKW).toBeCloseTo(4, 6);
    expect(heavy.connectorLive(0, at).currentA).toBe(everyday.connectorLive(0, at).currentA);
    for (let i = 1; i < store.count; i++) expect(store.meterStart[i]!).toBeGreaterThanOrEqual(store.meterStart[i - 1]! + Math.round(store.energy[i - 1]! * 1e6));
  });

  it('gives five-digit sessions that are still JSON the contract takes', async () => {
    // 800 keeps a charging car's 5-minute power (up to 11 kW × 800) under the contract's 10 MW.
    const sim = await startSimulator({ seed: 17, clockRate: 0, startTime: START, historyDays: 60, staticToken: 'heavy', quiet: true, heavyMonths: [{ month: '2025-10', factor: 800 }] });
    try {
      const raw = await (await fetch(`${sim.url}/api/chargingSession/`, { method: 'POST', headers: { authorization: 'Bearer heavy' }, body: new URLSearchParams({ pageSize: '1000' }) })).text();
      const page = chargingSessionPageSchema.parse(JSON.parse(raw));
      const october = page.content.filter((s) => monthOf(s.chargingStartedTime!) === '2025-10');
      const biggest = Math.max(...october.map((s) => s.activeEnergyConsumed!));
      expect(biggest).toBeGreaterThan(10_000);
      expect(biggest).toBeLessThan(99_999.9);
      for (const s of october) {
        expect(Number.isSafeInteger(s.meterValueEnd)).toBe(true);
        expect((s.meterValueEnd! - s.meterValueStart!) / 1e6).toBeCloseTo(s.activeEnergyConsumed!, 4);
      }
      const points = await profile(sim.url, 'heavy', Date.parse('2025-10-10T00:00:00Z'), Date.parse('2025-10-12T00:00:00Z'));
      const parsed = powerProfileSchema.parse(points);
      expect(parsed.every((p) => p.unreadable === 0)).toBe(true);
      expect(Math.max(...points.map((p: Loose) => p.connector1))).toBeGreaterThan(1000);
      const september: Loose[] = (await sessionPage(sim.url, 'heavy', { chargingStartedTimeFrom: '2025-09-22', chargingStartedTimeTo: '2025-09-30' })).content;
      expect(Math.max(...september.map((s) => s.activeEnergyConsumed))).toBeLessThan(70);
    } finally {
      await sim.close();
    }
  });

  it('refuses what it cannot play, and is read from the command line', async () => {
    expect(() => garage({ heavyMonths: [{ month: '2025-13' }] })).toThrow(/month must be YYYY-MM/);
    expect(() => garage({ heavyMonths: [{ month: '2025-10', factor: 0.5 }] })).toThrow(/factor must be 1-1000/);
    expect(() => garage({ heavyMonths: [{ month: '2025-10', monthsAgo: 1 }] })).toThrow(/either month/);
    await expect(startSimulator({ quiet: true, heavyMonths: [{ monthsAgo: -1 }] })).rejects.toThrow(/monthsAgo must be a whole number/);
    expect(parseSimulatorArgs(['--heavy-month', '2025-10', '--heavy-month', '1:10'])).toMatchObject({ options: { heavyMonths: [{ month: '2025-10' }, { monthsAgo: 1, factor: 10 }] } });
    expect(parseSimulatorArgs(['--heavy-month', 'October'])).toMatchObject({ error: expect.stringMatching(/--heavy-month expects/) });
  });
});
