import { describe, expect, it } from 'vitest';
import { chargerDateOf, energySoFar } from './household-reads.ts';
import { selectSettingsFigures } from './use-household-figures.ts';

const H = 3_600_000;
/** Local midnight of a Europe/Berlin day in winter (UTC+1). */
const berlinMidnight = (date: string) => Date.parse(`${date}T00:00:00+01:00`);
const day = (date: string, energyKWh: Record<string, number>, midnight = berlinMidnight) => ({ time: midnight(date), kW: {}, energyKWh });

describe('chargerDateOf', () => {
  it('reads the local date of a local midnight in zones from UTC−12 to UTC+12', () => {
    expect(chargerDateOf(berlinMidnight('2026-12-01'))).toEqual({ year: 2026, month: 12, day: 1 });
    expect(chargerDateOf(Date.parse('2026-12-01T00:00:00-08:00'))).toEqual({ year: 2026, month: 12, day: 1 });
    expect(chargerDateOf(Date.parse('2026-12-01T00:00:00+12:00'))).toEqual({ year: 2026, month: 12, day: 1 });
    expect(chargerDateOf(Date.parse('2026-07-01T00:00:00+02:00'))).toEqual({ year: 2026, month: 7, day: 1 });
  });
});

describe('energySoFar', () => {
  const now = berlinMidnight('2026-11-30') + 15 * H;
  const points = [
    day('2026-10-30', { connector1: 9, building: 40 }),
    day('2026-10-31', { connector1: 7 }),
    day('2026-11-01', { connector1: 5, building: 30 }),
    day('2026-11-15', { connector1: 10.5, connector2: 2 }),
    day('2026-11-30', { connector1: 3.25, cluster: 11 }),
  ];

  it("sums the connectors of today's step and of every step of today's month in the charger's days", () => {
    expect(energySoFar({ points, complete: true }, now)).toEqual({ todayKwh: 3.25, monthKwh: 5 + 12.5 + 3.25 });
  });

  it('takes the month from the charger\'s midnight, not from UTC (Nov 1 starts on Oct 31 in UTC)', () => {
    const firstOfMonth = berlinMidnight('2026-11-01') + 10 * H;
    expect(energySoFar({ points: points.slice(0, 3), complete: true }, firstOfMonth)).toEqual({ todayKwh: 5, monthKwh: 5 });
  });

  it('a real zero is a zero', () => {
    expect(energySoFar({ points: [day('2026-11-30', { connector1: 0 })], complete: true }, now)).toEqual({ todayKwh: 0, monthKwh: 0 });
  });

  it('without a step for today nothing is known, never zeros', () => {
    expect(energySoFar({ points: points.slice(0, 4), complete: true }, now)).toEqual({ todayKwh: null, monthKwh: null });
    expect(energySoFar({ points: [], complete: true }, now)).toEqual({ todayKwh: null, monthKwh: null });
    // A step that began more than a day ago is yesterday's.
    expect(energySoFar({ points: [day('2026-11-29', { connector1: 4 })], complete: true }, now)).toEqual({ todayKwh: null, monthKwh: null });
  });

  it("without a connector series today is unknown; an incomplete answer leaves the month unknown", () => {
    expect(energySoFar({ points: [day('2026-11-30', { building: 4 })], complete: true }, now)).toEqual({ todayKwh: null, monthKwh: null });
    expect(energySoFar({ points, complete: false }, now)).toEqual({ todayKwh: 3.25, monthKwh: null });
  });

  it('counts a step dated after now (clock skew) as nothing', () => {
    const skewed = [...points, day('2026-12-01', { connector1: 99 })];
    expect(energySoFar({ points: skewed, complete: true }, now).todayKwh).toBe(3.25);
  });
});

describe('selectSettingsFigures', () => {
  it('gives the one price, none with an off-peak price, and whether there is an archive', () => {
    expect(selectSettingsFigures({ pricePerKWh: 0.32, currency: 'EUR', offPeak: null, writable: true })).toEqual({ pricePerKwh: 0.32, currency: 'EUR', archive: true });
    expect(selectSettingsFigures({ pricePerKWh: 0.32, currency: 'CHF', offPeak: { pricePerKWh: 0.2, from: '22:00', to: '06:00' }, writable: true })).toEqual({ pricePerKwh: null, currency: 'CHF', archive: true });
    expect(selectSettingsFigures({ pricePerKWh: null, currency: 'EUR', offPeak: null, writable: false })).toEqual({ pricePerKwh: null, currency: 'EUR', archive: false });
  });
});
