import { describe, expect, it } from 'vitest';
import type { EnergyBar } from './api/power-query.ts';
import { barTarget, barWidth, energyTicks, MIN_BAR_PX, planBars, weeksOf } from './energy-bars-plan.ts';

const DAY = 86_400_000;
/** 30 days from Saturday 1 Nov 2025 (Berlin midnights are 23:00 UTC), 2 kWh a day on connector 1. */
const NOV_1 = Date.UTC(2025, 9, 31, 23);
const days: EnergyBar[] = Array.from({ length: 30 }, (_, i) => ({
  startMs: NOV_1 + i * DAY,
  day: `2025-11-${String(i + 1).padStart(2, '0')}`,
  kWh: { connector1: 2, building: 5 },
}));

describe('barWidth', () => {
  it('is what a band leaves after 15 % on each side, shared by the columns', () => {
    // 30 days in 520 px: 17.3 px a band, 12.1 px of it for bars.
    expect(barWidth(520, 30, 1)).toBe(12);
    // Connectors and building side by side, 2 px apart.
    expect(barWidth(520, 30, 2)).toBe(5);
    // 12 months on a wide screen: capped, not a block.
    expect(barWidth(1500, 12, 1)).toBe(56);
    expect(barWidth(500, 0, 1)).toBe(0);
  });
});

describe('weeksOf', () => {
  it('sums days per calendar week, Monday to Sunday, the first and last week cut at the range', () => {
    const weeks = weeksOf(days);
    // Sat 1 – Sun 2 Nov, then four whole weeks (3–9, 10–16, 17–23, 24–30 Nov).
    expect(weeks.map((w) => [w.firstDay, w.lastDay])).toEqual([
      ['2025-11-01', '2025-11-02'],
      ['2025-11-03', '2025-11-09'],
      ['2025-11-10', '2025-11-16'],
      ['2025-11-17', '2025-11-23'],
      ['2025-11-24', '2025-11-30'],
    ]);
    expect(weeks.map((w) => w.kWh.connector1)).toEqual([4, 14, 14, 14, 14]);
    expect(weeks[1]!.t).toBe(NOV_1 + 2 * DAY);
    expect(weeks[1]!.lastStartMs).toBe(NOV_1 + 8 * DAY);
    // The days it was made from are left as they were.
    expect(days[0]!.kWh.connector1).toBe(2);
  });
});

describe('planBars', () => {
  it('keeps days while each bar gets at least 6 px', () => {
    const plan = planBars({ unit: 'day', bars: days }, 1, 520);
    expect(plan.unit).toBe('day');
    expect(plan.rows).toHaveLength(30);
    expect(plan.barSize).toBeGreaterThanOrEqual(MIN_BAR_PX);
    expect(plan.rows[3]).toMatchObject({ firstDay: '2025-11-04', lastDay: '2025-11-04', kWh: { connector1: 2 } });
  });

  it('groups by week where a day would be thinner: a phone, or the building beside the connectors', () => {
    // A 390 px phone leaves the plot some 250 px: 30 days would be 5 px.
    const phone = planBars({ unit: 'day', bars: days }, 1, 250);
    expect(phone.unit).toBe('week');
    expect(phone.rows).toHaveLength(5);
    expect(phone.barSize).toBeGreaterThanOrEqual(MIN_BAR_PX);
    expect(planBars({ unit: 'day', bars: days }, 2, 520).unit).toBe('week');
    expect(planBars({ unit: 'day', bars: days }, 2, 900).unit).toBe('day');
  });

  it('never groups months', () => {
    const months = days.slice(0, 12);
    const plan = planBars({ unit: 'month', bars: months }, 3, 200);
    expect(plan.unit).toBe('month');
    expect(plan.rows).toHaveLength(12);
  });
});

describe('energyTicks', () => {
  it('rounds to 1, 2, 2.5 or 5 × 10ⁿ from 0, the top close to the data', () => {
    expect(energyTicks(23.4, 200)).toEqual({ ticks: [0, 5, 10, 15, 20, 25], decimals: 0 });
    expect(energyTicks(7.9, 160)).toEqual({ ticks: [0, 2, 4, 6, 8], decimals: 0 });
    expect(energyTicks(48, 120).ticks).toEqual([0, 25, 50]);
    expect(energyTicks(380, 300).ticks).toEqual([0, 100, 200, 300, 400]);
  });

  it('shows decimals only where the step has them', () => {
    expect(energyTicks(1.2, 200)).toEqual({ ticks: [0, 0.25, 0.5, 0.75, 1, 1.25], decimals: 2 });
    expect(energyTicks(0.3, 160)).toEqual({ ticks: [0, 0.1, 0.2, 0.3], decimals: 1 });
  });

  it('keeps the labels at least 40 px apart and at most six', () => {
    expect(energyTicks(23.4, 90).ticks.length).toBe(3);
    expect(energyTicks(23.4, 2000).ticks.length).toBeLessThanOrEqual(6);
  });

  it('draws an empty range on 0 to 1 kWh', () => {
    expect(energyTicks(0, 200).ticks.at(-1)).toBe(1);
  });
});

describe('barTarget', () => {
  it('opens a day’s bar on its day, a week’s on its first day, a month’s as that month', () => {
    expect(barTarget({ firstDay: '2025-11-04' }, 'day')).toEqual({ kind: 'day', day: '2025-11-04' });
    expect(barTarget({ firstDay: '2025-11-03' }, 'week')).toEqual({ kind: 'day', day: '2025-11-03' });
    expect(barTarget({ firstDay: '2025-11-01' }, 'month')).toEqual({ kind: 'month', month: '2025-11' });
  });
});
