/** @vitest-environment jsdom */
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import type { EnergyBars as EnergyBarsData } from './api/power-query.ts';
import { barsPlotArea, EnergyBars } from './EnergyBars.tsx';
import type { PowerRange } from './power-range.ts';
import { seriesStyles } from './series-style.ts';

const DAY = 86_400_000;
/** Sat 1 Nov 2025, 00:00 in Berlin. */
const start = Date.UTC(2025, 9, 31, 23);
const isoDay = (i: number) => `2025-11-${String(i + 1).padStart(2, '0')}`;
/** 30 days: connector 1 charged 20 kWh every other day, connector 2 3 kWh a day, the building used 8 kWh a day. */
const data: EnergyBarsData = {
  unit: 'day',
  series: ['connector1', 'connector2', 'building', 'cluster'],
  bars: Array.from({ length: 30 }, (_, i) => ({ startMs: start + i * DAY, day: isoDay(i), kWh: { connector1: i % 2 === 0 ? 20 : 0, connector2: 3, building: 8, cluster: (i % 2 === 0 ? 20 : 0) + 3 } })),
  totals: { connector1: 300, connector2: 90, building: 240, cluster: 390 },
  complete: true,
  source: 'archive',
};
const styles = seriesStyles(['connector1', 'connector2', 'building', 'cluster']);
/** What the panel starts with: the connectors alone. */
const ON_DEMAND = new Set(['building', 'cluster']);

function draw({ hidden = ON_DEMAND, bars = data, width = 800, onOpen }: { hidden?: ReadonlySet<string>; bars?: EnergyBarsData; width?: number; onOpen?: (range: PowerRange) => void } = {}) {
  return render(
    <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
      <EnergyBars data={bars} series={styles} hidden={hidden} width={width} height={300} rangeName="30 days" onOpen={onOpen} />
    </LocaleProvider>,
  );
}

const rects = (container: HTMLElement, measure: string) => [...container.querySelectorAll(`.energy-bar-${measure} path.recharts-rectangle`)];
const yTicks = (container: HTMLElement) => [...container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);

afterEach(cleanup);

describe('EnergyBars', () => {
  it('draws the connectors as one stacked bar a day, the building and cluster only on demand', () => {
    const { container, getByTestId } = draw();
    expect(container.querySelector('[aria-label="Energy in kWh per day over 30 days"]')).toBeInTheDocument();
    // Recharts leaves zero-height bars out: 15 charging days for connector 1, every day for connector 2.
    expect(rects(container, 'connector1')).toHaveLength(15);
    expect(rects(container, 'connector2')).toHaveLength(30);
    expect(container.querySelectorAll('.energy-bar-building, .energy-bar-cluster')).toHaveLength(0);
    // Stacked: a day's two pieces share their x and width, one on top of the other.
    const [first1, first2] = [rects(container, 'connector1')[0]!, rects(container, 'connector2')[0]!];
    expect(Number(first1.getAttribute('x'))).toBeCloseTo(Number(first2.getAttribute('x')), 1);
    // Connector 1 at the bottom, connector 2 on top of it.
    expect(Number(first2.getAttribute('y')) + Number(first2.getAttribute('height'))).toBeCloseTo(Number(first1.getAttribute('y')), 1);
    expect(first1.getAttribute('width')).toBe(first2.getAttribute('width'));
    expect(Number(first1.getAttribute('width'))).toBeGreaterThanOrEqual(6);
    // The unit in full, outside the SVG (nothing clips it); round ticks up to the tallest bar (23 kWh).
    expect(getByTestId('energy-unit')).toHaveTextContent('kWh per day');
    expect(yTicks(container)).toEqual(['0', '5', '10', '15', '20', '25']);
  });

  it('draws the building beside the connectors when it is asked for', () => {
    const { container } = draw({ hidden: new Set(['cluster']), width: 1200 });
    expect(rects(container, 'building')).toHaveLength(30);
    const x = (el: Element) => Number(el.getAttribute('x'));
    expect(x(rects(container, 'building')[0]!)).toBeGreaterThan(x(rects(container, 'connector1')[0]!));
  });

  it('groups the days by week where a day’s bar would be thinner than 6 px, and says so', () => {
    // 330 px: the plot keeps 258 px, 8.6 px a day, 6 px for the bar; the building beside it halves that.
    expect(barsPlotArea(330, 300).width).toBe(258);
    const { container, getByTestId } = draw({ width: 330, hidden: new Set(['cluster']) });
    expect(getByTestId('energy-unit')).toHaveTextContent('kWh per week');
    expect(container.querySelector('[aria-label="Energy in kWh per week over 30 days"]')).toBeInTheDocument();
    expect(rects(container, 'building')).toHaveLength(5);
    for (const rect of [...rects(container, 'building'), ...rects(container, 'connector2')]) expect(Number(rect.getAttribute('width'))).toBeGreaterThanOrEqual(6);
    // A whole week of the building: 7 × 8 kWh.
    expect(yTicks(container).map(Number).at(-1)).toBeGreaterThanOrEqual(56);
  });

  it('labels months by short name for the 12-month range, all twelve where they fit', () => {
    const months: EnergyBarsData = {
      ...data,
      unit: 'month',
      bars: Array.from({ length: 12 }, (_, i) => ({ startMs: Date.UTC(2025, 11 + i, 1, 12), day: `2026-${String(i + 1).padStart(2, '0')}-01`, kWh: { connector1: 200 + i, building: 250 } })),
    };
    const { container, getByTestId } = draw({ bars: months, width: 1000 });
    const ticks = [...container.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
    expect(ticks).toEqual(['Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov']);
    expect(rects(container, 'connector1')).toHaveLength(12);
    expect(getByTestId('energy-unit')).toHaveTextContent('kWh per month');
  });

  it('opens the day of the bar tapped', () => {
    const onOpen = vi.fn();
    const { container } = draw({ onOpen });
    const plot = barsPlotArea(800, 300);
    const chart = container.querySelector('.energy-bars')!;
    // The middle of the fourth day's band.
    fireEvent.click(chart, { clientX: plot.left + (3.5 * plot.width) / 30 });
    expect(onOpen).toHaveBeenLastCalledWith({ kind: 'day', day: '2025-11-04' });
    // On the Y axis' labels: no bar.
    fireEvent.click(chart, { clientX: 10 });
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('opens the first day of a week’s bar', () => {
    const onOpen = vi.fn();
    const { container } = draw({ onOpen, width: 300 });
    const plot = barsPlotArea(300, 300);
    fireEvent.click(container.querySelector('.energy-bars')!, { clientX: plot.left + (1.5 * plot.width) / 5 });
    expect(onOpen).toHaveBeenLastCalledWith({ kind: 'day', day: '2025-11-03' });
  });

  it('opens the month of a month’s bar', () => {
    const onOpen = vi.fn();
    const months: EnergyBarsData = { ...data, unit: 'month', bars: data.bars.slice(0, 12).map((bar, i) => ({ ...bar, day: `2026-${String(i + 1).padStart(2, '0')}-01` })) };
    const { container } = draw({ onOpen, bars: months });
    const plot = barsPlotArea(800, 300);
    fireEvent.click(container.querySelector('.energy-bars')!, { clientX: plot.left + plot.width - 1 });
    expect(onOpen).toHaveBeenLastCalledWith({ kind: 'month', month: '2026-12' });
  });

  it('opens nothing where it may not (a kiosk)', () => {
    const { container } = draw();
    expect(container.querySelector('.energy-bars-open')).toBeNull();
  });
});
