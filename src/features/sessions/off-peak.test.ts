import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PROFILE_SPAN_MS } from '../../api/proxy-query-schemas.ts';
import { monthOf, monthsOverlapping } from './date-range.ts';
import { inWindow, joinSeries, minuteOfDay, monthProfilePlan, parseClock, PROFILE_SETTLE_MS, profileShare, seriesOf, timeShare, type MonthProfile } from './off-peak.ts';
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
    expect(Array.from(series.start)).toEqual([at('2026-01-10T19:00:00Z'), at('2026-01-10T21:00:00Z'), at('2026-01-10T21:05:00Z')]);
    expect(profileShare(series, started, ended, BERLIN, NIGHT)).toBeCloseTo(2 / 3, 10);
  });

  it('by charging time when there is no profile', () => {
    expect(timeShare(started, ended, BERLIN, NIGHT)).toBeCloseTo(4 / 6, 10);
    expect(timeShare(at('2026-01-10T12:00:00Z'), at('2026-01-10T13:00:00Z'), BERLIN, NIGHT)).toBe(0);
  });

  it('joins the months of a session that runs past midnight at the end of a month', () => {
    const january = seriesOf([[{ time: '2026-01-31T22:55:00Z', connector1: 4 }]], 'connector1');
    const february = seriesOf([[{ time: '2026-01-31T23:00:00Z', connector1: 4 }]], 'connector1');
    const joined = joinSeries([january, february]);
    expect(Array.from(joined.start)).toEqual([at('2026-01-31T22:55:00Z'), at('2026-01-31T23:00:00Z')]);
    expect(profileShare(joined, at('2026-01-31T22:55:00Z'), at('2026-01-31T23:05:00Z'), BERLIN, NIGHT)).toBe(1);
  });
});

describe('reading the profile per month', () => {
  const MIN = 60_000;
  const march = monthOf(at('2026-03-15T12:00:00Z'), BERLIN); // 28 Feb 23:00 UTC to 31 Mar 22:00 UTC
  const point = (ms: number, kw: unknown = 3) => ({ time: new Date(ms).toISOString().replace('.000Z', ''), connector1: kw });

  /** Runs the plan like the query does: ask, let the charger answer from `profile`, merge. */
  function poll(plan: ReturnType<typeof monthProfilePlan>, previous: MonthProfile | undefined, now: number, profile: (ms: number) => boolean) {
    const request = plan.next(previous, now);
    const points = [];
    if (request) for (let t = request.fromMs; t <= request.toMs; t += 5 * MIN) if (t <= now - 5 * MIN && profile(t)) points.push(point(t));
    return { request, data: plan.merge(previous, points, now, request) };
  }

  it('names the month and the connector in the key, never the time', () => {
    const a = monthProfilePlan(march, 2, at('2026-03-10T12:00:00Z'));
    const b = monthProfilePlan(march, 2, at('2026-03-30T12:07:00Z'));
    expect([a.view, a.measure]).toEqual(['month:2026-02-28T23:00:00.000Z/2026-03-31T22:00:00.000Z', 'connector2']);
    expect([b.view, b.measure]).toEqual([a.view, a.measure]);
  });

  it('the current month: all of it up to now once, then only what is new', () => {
    let now = at('2026-03-10T12:02:00Z');
    const plan = monthProfilePlan(march, 1, now);
    expect(plan.live).toBe(true);
    let { request, data } = poll(plan, undefined, now, () => true);
    expect(request).toEqual({ fromMs: march.startMs, toMs: at('2026-03-10T11:55:00Z') });
    expect(data.start.length).toBe((at('2026-03-10T11:55:00Z') - march.startMs) / (5 * MIN) + 1);
    expect(plan.settled!(data, now)).toBe(false);
    // Within the same 5 minutes: nothing to ask.
    expect(plan.next(data, now + 2 * MIN)).toBeNull();
    // Five minutes later: from the newest point on, a couple of points.
    now += 5 * MIN;
    ({ request, data } = poll(plan, data, now, () => true));
    expect(request).toEqual({ fromMs: at('2026-03-10T11:55:00Z'), toMs: at('2026-03-10T12:00:00Z') });
    expect(data.start[data.start.length - 1]).toBe(at('2026-03-10T12:00:00Z'));
    // A day without points (the charger is off): each poll asks back an hour at most, not all
    // the way to the newest point.
    for (let i = 0; i < 288; i++) {
      now += 5 * MIN;
      ({ request, data } = poll(plan, data, now, () => false));
      expect(request!.toMs - request!.fromMs).toBeLessThanOrEqual(65 * MIN);
    }
  });

  it('a month that is over is asked once more after its end, then never again', () => {
    // Read while March lasted, up to 23:45 on the 31st (local time).
    let now = march.endMs - 10 * MIN;
    const plan = monthProfilePlan(march, 1, now);
    let { data } = poll(plan, undefined, now, () => true);
    expect(data.askedUntil).toBe(march.endMs - 15 * MIN);
    // The last slots come in after the end, and once more after it has settled.
    now = march.endMs + 2 * MIN;
    ({ data } = poll(monthProfilePlan(march, 1, now), data, now, () => true));
    expect(data.askedUntil).toBe(march.endMs - 5 * MIN);
    expect(plan.settled!(data, now)).toBe(false);
    now = march.endMs + PROFILE_SETTLE_MS + MIN;
    const late = monthProfilePlan(march, 1, now);
    expect(late.live).toBe(false);
    ({ data } = poll(late, data, now, () => true));
    expect(late.settled!(data, now)).toBe(true);
    expect(late.next(data, now + 86_400_000)).toBeNull();
    // A past month read for the first time: one request for the whole month, settled at once.
    const fresh = poll(late, undefined, now, () => true);
    expect(fresh.request).toEqual({ fromMs: march.startMs, toMs: march.endMs - 5 * MIN });
    expect(late.settled!(fresh.data, now)).toBe(true);
  });

  it('keeps only the month’s own points; the newer answer wins', () => {
    const now = at('2026-04-20T12:00:00Z');
    const plan = monthProfilePlan(march, 1, now);
    const first = plan.merge(undefined, [point(march.startMs - 5 * MIN), point(march.startMs, 2), point(march.endMs)], now, { fromMs: march.startMs, toMs: march.endMs - 5 * MIN });
    expect(Array.from(first.start)).toEqual([march.startMs]);
    const again = plan.merge(first, [point(march.startMs, 7)], now, { fromMs: march.startMs, toMs: march.startMs + 5 * MIN });
    expect(Array.from(again.kw)).toEqual([7]);
  });

  it('every month is one request our server accepts (≤ 35 days), DST months included', () => {
    for (const month of monthsOverlapping(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), BERLIN)) {
      const request = monthProfilePlan(month, 1, at('2027-06-01T00:00:00Z')).next(undefined, at('2027-06-01T00:00:00Z'))!;
      expect(request.toMs - request.fromMs).toBeLessThanOrEqual(MAX_PROFILE_SPAN_MS);
      expect(request.toMs).toBe(month.endMs - 5 * MIN);
    }
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

  it('a session whose profile is still being read has no off-peak part and no cost yet, and the totals say so', () => {
    const r = toRow(chargingSessionSchema.parse({ ...base, activeEnergyConsumed: 10 }), { id: 'p', name: 'P' }, pricing, 'pending');
    expect(r).toMatchObject({ energyUnits: 1000, offPeakUnits: null, offPeakEstimated: false, costMinor: null, costPending: true });
    const totals = totalsOf([r, row(10, 0.5)]);
    expect(totals.costPending).toBe(1);
    expect(totals.offPeakEstimated).toBe(0);
    // Without an off-peak price nothing waits for a profile.
    expect(toRow(chargingSessionSchema.parse(base), { id: 'p', name: 'P' }, { pricePerKwh: 0.4, currency: 'EUR' }, 'pending').costPending).toBe(false);
  });

  it('totals of the off-peak energy and the cost are sums of the rows', () => {
    const rows = [row(10, 0.5), row(7.77, 0), row(3.33, 1)];
    const totals = totalsOf(rows);
    expect(totals.offPeakUnits).toBe(500 + 0 + 333);
    expect(totals.costMinor).toBe(rows.reduce((sum, r) => sum + r.costMinor!, 0));
  });
});
