import { describe, expect, it } from 'vitest';
import type { ChargingSessionWire } from '../../../contract/session-schemas.ts';
import { fromCharger } from '../../../test-support/archived-session.ts';
import chargingSessionJson from '../../../contract/fixtures/charging-session.json' with { type: 'json' };
import {
  costOf,
  matchesFilter,
  monthlySummary,
  pageOf,
  roundScaled,
  sortRows,
  toRow,
  totalsOf,
  type SessionRow,
} from './session-rows.ts';

const base = chargingSessionJson.content[0] as unknown as ChargingSessionWire;
const platz = { id: 'platz13', name: 'Platz 13' };
const EUR = { pricePerKwh: 0.35, currency: 'EUR' };

function wire(overrides: Partial<ChargingSessionWire>): ChargingSessionWire {
  return { ...structuredClone(base), ...overrides };
}
function row(overrides: Partial<ChargingSessionWire>, charger = platz, pricing: typeof EUR | null = EUR): SessionRow {
  return toRow(fromCharger(wire(overrides)), charger, pricing);
}

describe('a session whose energy the charger does not say', () => {
  const unknown = row({ chargingSessionId: 7, activeEnergyConsumed: null, meterValueEnd: null });

  it('has no energy and no cost, never 0.00 as if known', () => {
    expect(unknown.energyUnits).toBeNull();
    expect(unknown.costMinor).toBeNull();
    // Its meter readings, where both are there, still give it.
    expect(row({ activeEnergyConsumed: null }).energyUnits).toBe(6283);
  });

  it('is left out of the totals, which say how many they leave out', () => {
    const totals = totalsOf([row({}), unknown]);
    expect(totals).toMatchObject({ sessions: 2, energyUnits: 6283, energyUnknown: 1, costMinor: 2199 });
    expect(totalsOf([row({})]).energyUnknown).toBe(0);
  });
});

describe('a session without a charging start', () => {
  it('is listed by its plug-in time', () => {
    const r = row({ chargingStartedTime: null });
    expect(r.started).toBe(Date.parse('2022-10-06T20:06:21.992Z'));
  });
});

describe('a session as a row', () => {
  it('takes the charger’s fields, with the energy rounded to the shown hundredths', () => {
    const r = row({});
    expect(r).toMatchObject({
      key: 'platz13:34',
      id: 34,
      started: Date.parse('2022-10-06T20:06:24.061Z'),
      ended: Date.parse('2022-10-07T09:22:18.738Z'),
      running: false,
      pluggedInSeconds: 13 * 3600 + 15 * 60 + 54,
      chargingSeconds: null,
      energyUnits: 6283, // 62.83263 kWh → 62.83
      maxPowerKw: 10.688,
      userName: 'Parkplatz 13',
      cardNumber: '0055',
      identificationCode: '74592454',
      mode: 'Fast',
      stopReason: 'LocalStopUserDisconnectedCableFromVehicle',
      costMinor: 2199, // 62.83 × 0.35 = 21.9905 → 21.99
    });
  });

  it('a running session: no end, energy so far, no stop reason', () => {
    const r = row({ chargingEndedTime: null, chargingSessionStatus: 'Charging', activeEnergyConsumed: 3.456, chargingSessionStopReason: null });
    expect(r).toMatchObject({ running: true, ended: null, energyUnits: 346, stopReason: null });
  });

  it('falls back to the meter readings (mWh) when the energy is missing', () => {
    expect(row({ activeEnergyConsumed: null }).energyUnits).toBe(6283);
    // Neither: unknown, not 0 (see "a session whose energy the charger does not say").
    expect(row({ activeEnergyConsumed: null, meterValueEnd: null }).energyUnits).toBeNull();
  });

  it('a session without user or card', () => {
    const r = row({ user: null, userIdentification: null, userId: null, identificationCode: null });
    expect(r).toMatchObject({ userName: null, userId: null, cardNumber: null, identificationCode: null });
  });

  it('no price, no cost', () => {
    expect(row({}, platz, null).costMinor).toBeNull();
  });
});

describe('rounding', () => {
  it('rounds the decimal value people read, not its binary neighbour', () => {
    expect(roundScaled(1.005, 2)).toBe(101);
    expect(roundScaled(1.004999, 2)).toBe(100);
    expect(roundScaled(0.125, 2)).toBe(13);
    expect(roundScaled(62.83263, 2)).toBe(6283);
    expect(roundScaled(0, 2)).toBe(0);
  });

  it('costs in the currency’s minor unit', () => {
    expect(costOf(1000, { pricePerKwh: 0.3, currency: 'EUR' })).toBe(300); // 10 kWh × 0.30 = 3.00
    expect(costOf(1001, { pricePerKwh: 0.3, currency: 'EUR' })).toBe(300); // 10.01 × 0.30 = 3.003
    expect(costOf(1005, { pricePerKwh: 0.3, currency: 'EUR' })).toBe(302); // 3.015 → 3.02 (half up)
    expect(costOf(1000, { pricePerKwh: 45, currency: 'JPY' })).toBe(450);
  });
});

describe('totals', () => {
  const rows = [
    row({ chargingSessionId: 1, activeEnergyConsumed: 1.005 }),
    row({ chargingSessionId: 2, activeEnergyConsumed: 2.005 }),
    row({ chargingSessionId: 3, activeEnergyConsumed: 3.333, timeSpentCharging: '1.00:00:00' }),
    row({ chargingSessionId: 4, chargingEndedTime: null, activeEnergyConsumed: 0.994 }),
  ];

  it('equal the sum of the rows as shown (1.01 + 2.01 + 3.33 + 0.99 = 7.34, not 7.337)', () => {
    const totals = totalsOf(rows);
    expect(totals.energyUnits).toBe(101 + 201 + 333 + 99);
    expect(totals.energyUnits).toBe(rows.reduce((sum, r) => sum + (r.energyUnits ?? 0), 0));
    expect(totals.sessions).toBe(4);
    expect(totals.running).toBe(1);
    expect(totals.costMinor).toBe(rows.reduce((sum, r) => sum + r.costMinor!, 0));
    expect(totals.pluggedInSeconds).toBe(3 * (13 * 3600 + 15 * 60 + 54) + 86400);
  });

  it('the months and their users add up to the same totals', () => {
    const spread = [
      row({ chargingSessionId: 1, chargingStartedTime: '2026-02-28T22:59:00Z', activeEnergyConsumed: 10.555 }), // Feb in Berlin
      row({ chargingSessionId: 2, chargingStartedTime: '2026-02-28T23:00:00Z', activeEnergyConsumed: 20.444 }), // March
      row({ chargingSessionId: 3, chargingStartedTime: '2026-03-15T18:00:00Z', activeEnergyConsumed: 5.005, userId: 3, user: { UserId: 3, FirstName: 'Anna-Lena', LastName: 'Schäfer, "Lenchen"' } }),
      row({ chargingSessionId: 4, chargingStartedTime: '2026-03-20T18:00:00Z', activeEnergyConsumed: 1, user: null, userId: null }),
    ];
    const months = monthlySummary(spread, 'Europe/Berlin', false);
    expect(months.map((m) => m.key)).toEqual(['2026-03', '2026-02']);
    expect(months[0]).toMatchObject({ sessions: 3, energyUnits: 2044 + 501 + 100 });
    expect(months[1]).toMatchObject({ sessions: 1, energyUnits: 1056 });
    const sum = (list: { energyUnits: number }[]) => list.reduce((s, x) => s + x.energyUnits, 0);
    expect(sum(months)).toBe(totalsOf(spread).energyUnits);
    for (const month of months) {
      expect(sum(month.users)).toBe(month.energyUnits);
      expect(month.users.reduce((s, u) => s + (u.costMinor ?? 0), 0)).toBe(month.costMinor);
    }
    expect(months[0]!.users.map((u) => u.userName)).toEqual(['Parkplatz 13', 'Anna-Lena Schäfer, "Lenchen"', null]);
  });
});

describe('filters, sorting and paging', () => {
  const rows = [
    row({ chargingSessionId: 1, chargingStartedTime: '2026-03-01T18:00:00Z', activeEnergyConsumed: 5 }),
    row({ chargingSessionId: 2, chargingStartedTime: '2026-03-02T18:00:00Z', activeEnergyConsumed: 50, userId: 3, user: { UserId: 3, FirstName: 'A', LastName: 'B' }, identificationCode: '111' }),
    row({ chargingSessionId: 3, chargingStartedTime: '2026-03-03T18:00:00Z', activeEnergyConsumed: 20, chargingEndedTime: null }),
    row({ chargingSessionId: 1, chargingStartedTime: '2026-03-02T12:00:00Z', activeEnergyConsumed: 7, chargingSessionStopReason: 'PowerLoss' }, { id: 'platz4', name: 'Platz 4' }),
  ];

  it('by user, by user on one charger, by card, by stop reason', () => {
    expect(rows.filter((r) => matchesFilter(r, { user: '2', card: null, stop: null })).map((r) => r.key)).toEqual(['platz13:1', 'platz13:3', 'platz4:1']);
    expect(rows.filter((r) => matchesFilter(r, { user: 'platz4:2', card: null, stop: null })).map((r) => r.key)).toEqual(['platz4:1']);
    expect(rows.filter((r) => matchesFilter(r, { user: null, card: '111', stop: null })).map((r) => r.key)).toEqual(['platz13:2']);
    expect(rows.filter((r) => matchesFilter(r, { user: null, card: null, stop: 'PowerLoss' })).map((r) => r.key)).toEqual(['platz4:1']);
    // A running session has no stop reason yet.
    expect(rows.filter((r) => matchesFilter(r, { user: null, card: null, stop: 'LocalStopUserDisconnectedCableFromVehicle' })).map((r) => r.key)).toEqual(['platz13:1', 'platz13:2']);
  });

  it('sorts like the charger: running sessions (no end) first ascending, last descending', () => {
    expect(sortRows(rows, 'started', 'desc').map((r) => r.key)).toEqual(['platz13:3', 'platz13:2', 'platz4:1', 'platz13:1']);
    expect(sortRows(rows, 'energy', 'asc').map((r) => r.energyUnits)).toEqual([500, 700, 2000, 5000]);
    expect(sortRows(rows, 'ended', 'asc')[0]!.running).toBe(true);
    expect(sortRows(rows, 'ended', 'desc').at(-1)!.running).toBe(true);
    expect(sortRows(rows, 'charger', 'asc')[0]!.chargerName).toBe('Platz 4'); // numeric: 4 before 13
  });

  it('pages, clamping a page number that no longer exists', () => {
    const many = Array.from({ length: 53 }, (_, i) => i);
    expect(pageOf(many, 1, 25)).toMatchObject({ pageNumber: 1, pageCount: 3, first: 0 });
    expect(pageOf(many, 3, 25).rows).toEqual([50, 51, 52]);
    expect(pageOf(many, 9, 25).pageNumber).toBe(3);
    expect(pageOf([], 1, 25)).toMatchObject({ pageNumber: 1, pageCount: 1, rows: [] });
    expect(pageOf(many, Number.NaN, 25).pageNumber).toBe(1);
  });
});

describe('active charging time in the totals', () => {
  it('is unknown ("—", null), not 0 s, when no session has an archived power profile', () => {
    const rows = [row({ chargingSessionId: 1 }), row({ chargingSessionId: 2 })];
    expect(rows.map((r) => r.chargingSeconds)).toEqual([null, null]);
    expect(totalsOf(rows)).toMatchObject({ chargingSeconds: null, chargingUnknown: 2 });
  });

  it('sums the sessions that have one and counts those left out', () => {
    const rows = [{ ...row({ chargingSessionId: 1 }), chargingSeconds: 600 }, row({ chargingSessionId: 2 }), { ...row({ chargingSessionId: 3 }), chargingSeconds: 0 }];
    expect(totalsOf(rows)).toMatchObject({ chargingSeconds: 600, chargingUnknown: 1 });
  });

  it('is a true zero for no sessions', () => {
    expect(totalsOf([])).toMatchObject({ chargingSeconds: 0, chargingUnknown: 0 });
  });
});
