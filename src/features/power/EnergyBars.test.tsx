/** @vitest-environment jsdom */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import type { EnergyBars as EnergyBarsData } from './api/power-query.ts';
import { EnergyBars } from './EnergyBars.tsx';
import { seriesStyles } from './series-style.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1, 23);
/** 30 days: the car charged 20 kWh every other day, the building used 8 kWh a day. */
const data: EnergyBarsData = {
  unit: 'day',
  series: ['connector1', 'building'],
  bars: Array.from({ length: 30 }, (_, i) => ({ startMs: start + i * DAY, kWh: { connector1: i % 2 === 0 ? 20 : 0, building: 8 } })),
  totals: { connector1: 300, building: 240 },
  complete: true,
  source: 'archive',
};
const styles = seriesStyles(['connector1', 'building']);

function draw(hidden: ReadonlySet<string> = new Set(), bars = data) {
  return render(
    <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
      <EnergyBars data={bars} series={styles} hidden={hidden} width={800} height={300} label="Energy per day" />
    </LocaleProvider>,
  );
}

afterEach(cleanup);

describe('EnergyBars', () => {
  it('draws a bar per day and series, on a kWh axis', () => {
    const { container } = draw();
    expect(container.querySelector('[aria-label="Energy per day"]')).toBeInTheDocument();
    // Recharts leaves zero-height bars out: 15 charging days, 30 building days.
    expect(container.querySelectorAll('.energy-bar-connector1 .recharts-bar-rectangle path, .energy-bar-connector1 path.recharts-rectangle')).toHaveLength(15);
    expect(container.querySelectorAll('.energy-bar-building path.recharts-rectangle')).toHaveLength(30);
    expect(container.querySelector('.recharts-label')).toHaveTextContent('kWh');
    const yTicks = [...container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => Number(t.textContent));
    expect(Math.max(...yTicks)).toBeGreaterThanOrEqual(20);
  });

  it('leaves out a series hidden in the legend', () => {
    const { container } = draw(new Set(['connector1']));
    expect(container.querySelectorAll('.energy-bar-connector1')).toHaveLength(0);
    expect(container.querySelectorAll('.energy-bar-building path.recharts-rectangle')).toHaveLength(30);
  });

  it('labels months by name for the 12-month range', () => {
    const months: EnergyBarsData = {
      ...data,
      unit: 'month',
      bars: Array.from({ length: 12 }, (_, i) => ({ startMs: Date.UTC(2025, 11 + i, 1), kWh: { connector1: 200 + i, building: 250 } })),
    };
    const { container } = draw(new Set(), months);
    const ticks = [...container.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
    expect(ticks.length).toBeGreaterThan(3);
    for (const tick of ticks) expect(tick).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    expect(container.querySelectorAll('.energy-bar-connector1 path.recharts-rectangle')).toHaveLength(12);
  });
});
