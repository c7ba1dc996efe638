import { afterEach, describe, expect, it, vi } from 'vitest';
import { inWindow, minuteOfDay, parseClock, profileChunks, profileShare, seriesOf, timeShare } from './off-peak.ts';
import { costOf, totalsOf, toRow } from './session-rows.ts';
import { chargingSessionSchema, type ChargingSessionWire } from '../../api/session-schemas.ts';
import chargingSessionJson from '../../api/fixtures/charging-session.json' with { type: 'json' };

const BERLIN = 'Europe/Berlin';
const NIGHT = { from: 22 * 60, to: 6 * 60 };
const at = (iso: string) => Date.parse(iso);

describe('the off-peak window', () => {
  it('wraps midnight, start included, end excluded', () => {
    expect([21 * 60 + 59, 22 * 60, 0, 5 * 60 + 59, 6 * 60].map((m) => inWindow(m, NIGHT))).toEqual([false, true, true, true, false]);
    expect([7 * 60, 12 * 60, 13 * 60].map((m) => inWindow(m, { from: 12 * 60, to: 13 * 60 }))).toEqual([false, true, false]);
  });

  it('reads local clock times, across the clock changes', () => {
    expect(minuteOfDay(at('2026-03-29T00:30:00Z'), BERLIN)).toBe(90); // 01:30 CET
    expect(minuteOfDay(at('2026-03-29T01:30:00Z'), BERLIN)).toBe(3 * 60 + 30); // 03:30 CEST
    expect(minuteOfDay(at('2026-10-25T00:30:00Z'), BERLIN)).toBe(2 * 60 + 30); // first 02:30
    expect(minuteOfDay(at('2026-10-25T01:30:00Z'), BERLIN)).toBe(2 * 60 + 30); // second 02:30
    expect(parseClock('22:00')).toBe(1320);
    expect(parseClock('24:00')).toBeNull();
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('splitting a session', () => {
  // 20:00–02:00 local (winter, UTC+1): 2 h before the window, 4 h in it.
  const started = at('2026-01-10T19:00:00Z');
  const ended = at('2026-01-11T01:00:00Z');

  it('by the power profile: the share of the energy that flowed off-peak', () => {
    // 11 kW until 23:00 local, then 3.7 kW: 3 h × 11 = 33 (1 h of it off-peak) + 3 h × 3.7 = 11.1 off-peak.
    const points = [];
    for (let t = started; t < ended; t += 300_000) points.push({ time: new Date(t).toISOString().replace('.000Z', '+00:00'), connector1: t < at('2026-01-10T22:00:00Z') ? 11 : 3.7 });
    const share = profileShare(seriesOf([points], 'connector1'), started, ended, BERLIN, NIGHT)!;
    expect(share).toBeCloseTo((11 + 11.1) / (33 + 11.1), 10);
  });

  it('only the points of that session and connector count; no profile, no answer', () => {
    const points = [
      { time: '2026-01-10T18:55:00+00:00', connector1: 50, connector2: 0 }, // before the start
      { time: '2026-01-10T19:00:00+00:00', connector1: 10, connector2: 99 },
      { time: '2026-01-10T21:00:00+00:00', connector1: 10, connector2: 99 }, // 22:00 local
      { time: '2026-01-11T01:00:00+00:00', connector1: 50, connector2: 0 }, // at the end: excluded
      { time: '2026-01-10T22:00:00+00:00', connector1: 'n/a' }, // not a number
    ];
    expect(profileShare(seriesOf([points], 'connector1'), started, ended, BERLIN, NIGHT)).toBe(0.5);
    expect(profileShare(seriesOf([[]], 'connector1'), started, ended, BERLIN, NIGHT)).toBeNull();
  });

  it('reads profile times as the chart does: without a zone they are UTC, whatever the tablet’s zone', () => {
    // Machines running the tests in UTC would not tell UTC from local time: pin a zone that differs.
    vi.stubEnv('TZ', 'America/New_York');
    // 21:00 UTC is 22:00 in Berlin: off-peak. Read as New York time it would be 02:00 UTC, 03:00 in Berlin.
    const points = [
      { time: '2026-01-10T19:00:00', connector1: 10 },
      { time: '2026-01-10T21:00:00', connector1: 10 },
      { time: '2026-01-10 21:05:00.0000000', connector1: 10 },
    ];
    const series = seriesOf([points], 'connector1');
    expect(series.start).toEqual([at('2026-01-10T19:00:00Z'), at('2026-01-10T21:00:00Z'), at('2026-01-10T21:05:00Z')]);
    expect(profileShare(series, started, ended, BERLIN, NIGHT)).toBeCloseTo(2 / 3, 10);
  });

  it('by charging time when there is no profile', () => {
    expect(timeShare(started, ended, BERLIN, NIGHT)).toBeCloseTo(4 / 6, 10);
    expect(timeShare(at('2026-01-10T12:00:00Z'), at('2026-01-10T13:00:00Z'), BERLIN, NIGHT)).toBe(0);
  });

  it('asks for the profile in chunks our server accepts (≤ 35 days)', () => {
    const chunks = profileChunks(at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'));
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.fromTime).toBe('2026-01-01T00:00:00.000Z');
    expect(chunks[1]!.toTime).toBe('2026-03-01T00:00:00.000Z');
    expect(Date.parse(chunks[0]!.toTime) - Date.parse(chunks[0]!.fromTime)).toBe(35 * 86_400_000);
    expect(chunks[0]!.toTime).toBe(chunks[1]!.fromTime);
  });
});

describe('costs with an off-peak price', () => {
  const pricing = { pricePerKwh: 0.4, currency: 'EUR', offPeak: { pricePerKwh: 0.2, window: NIGHT } };
  const base = chargingSessionJson.content[0] as unknown as ChargingSessionWire;
  const row = (kwh: number, share: number) =>
    toRow(chargingSessionSchema.parse({ ...base, activeEnergyConsumed: kwh }), { id: 'p', name: 'P' }, pricing, { share, estimated: false });

  it('the two parts add up to the shown energy; cost is each part at its price', () => {
    const r = row(10.005, 1 / 3); // 10.01 kWh, 3.34 off-peak
    expect(r.energyUnits).toBe(1001);
    expect(r.offPeakUnits).toBe(334);
    expect(r.costMinor).toBe(Math.round((1001 - 334) * 0.4 + 334 * 0.2)); // 266.8 + 66.8 = 333.6 → 334
    expect(costOf(1000, pricing, null)).toBe(400); // no split known: the normal price
  });

  it('totals of the off-peak energy and the cost are sums of the rows', () => {
    const rows = [row(10, 0.5), row(7.77, 0), row(3.33, 1)];
    const totals = totalsOf(rows);
    expect(totals.offPeakUnits).toBe(500 + 0 + 333);
    expect(totals.costMinor).toBe(rows.reduce((sum, r) => sum + r.costMinor!, 0));
  });
});
