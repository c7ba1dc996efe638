/** @vitest-environment jsdom */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchivePowerPoint } from '../../api/archive-schemas.ts';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import { gridOf } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import { PowerChart, plotArea } from './PowerChart.tsx';
import { drawOrder, seriesStyles } from './series-style.ts';
import { dataMax, yScale } from './y-scale.ts';

const MEASURES = ['connector1', 'building'];
const SERIES = drawOrder(seriesStyles(MEASURES));
const FROM = Date.UTC(2026, 10, 30, 0);

/**
 * 24 slots; slots 10–12 missing (a reboot), slot 13 a lone value between two gaps. `later` moves
 * the window on by that many new points.
 */
function grid(later = 0) {
  const points: ArchivePowerPoint[] = [];
  for (let i = later; i < 24 + later; i++) {
    if (i === 10 || i === 11 || i === 12 || i === 14) continue;
    points.push({ time: FROM + i * STEP_MS, kW: { connector1: i < 5 ? 0 : 7, building: 8 }, energyKWh: {} });
  }
  return gridOf(points, { from: FROM + later * STEP_MS, to: FROM + (23 + later) * STEP_MS }, MEASURES);
}

function chart(hidden: ReadonlySet<string>, later: number) {
  const g = grid(later);
  const scale = yScale(dataMax(MEASURES.map((m) => g.values[m])), [{ measure: 'cluster', kw: 9 }, { measure: 'building', kw: 41.4 }], plotArea(800, 300).height);
  return (
    <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
      <PowerChart grid={g} series={SERIES} hidden={hidden} scale={scale} width={800} height={300} label="Power over the last 2 hours" />
    </LocaleProvider>
  );
}

const draw = (hidden: ReadonlySet<string> = new Set()) => render(chart(hidden, 0));

afterEach(cleanup);

describe('PowerChart', () => {
  it('draws each visible series as one path inside Recharts’ chart, broken at the gaps', () => {
    const { container } = draw();
    expect(container.querySelector('[aria-label="Power over the last 2 hours"]')).toBeInTheDocument();
    for (const measure of MEASURES) {
      const d = container.querySelector(`.power-line-${measure} path.recharts-line-curve`)?.getAttribute('d') ?? '';
      // Three runs: before the gap, the lone value (a short stroke), after the second gap.
      expect(d.match(/M/g), measure).toHaveLength(3);
      expect(d).toMatch(/h2M/);
    }
    // Recharts' axes and the labelled limit within reach; the one far above is left to the legend.
    expect(container.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(1);
    expect(container.textContent).toContain('Cluster limit 9.0');
    expect(container.textContent).not.toContain('Building limit');
  });

  it('shades each gap, and keeps the shading and the limit as new points move the window on', () => {
    const { container, rerender } = draw();
    const shaded = () => [...container.querySelectorAll('.recharts-reference-area')];
    expect(shaded()).toHaveLength(2);
    const before = shaded().map((area) => area.querySelector('path')?.getAttribute('d'));
    rerender(chart(new Set(), 1));
    rerender(chart(new Set(), 2));
    // The same two gaps, a point further left each time; the limit still labelled.
    const after = shaded().map((area) => area.querySelector('path')?.getAttribute('d'));
    expect(after).toHaveLength(2);
    expect(after).not.toEqual(before);
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(1);
    expect(container.textContent).toContain('Cluster limit 9.0');
  });

  it('leaves out a hidden series', () => {
    const { container } = draw(new Set(['building']));
    expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(1);
    expect(container.querySelector('.power-line-building')).toBeNull();
  });

  it('dashes every series but the first connector, and marks each connector’s line with its own shape', () => {
    const { container } = draw();
    expect(container.querySelector('.power-line-connector1 path')?.getAttribute('stroke-dasharray')).toBeNull();
    expect(container.querySelector('.power-line-building path')?.getAttribute('stroke-dasharray')).toBe('10 5');
    // A few circles along the connector's line (800 px wide: about one every 130 px), none on the building's.
    const markers = container.querySelector('.power-line-connector1 path.power-markers')?.getAttribute('d') ?? '';
    expect(markers.match(/M/g)?.length).toBeGreaterThanOrEqual(3);
    expect(markers.match(/M/g)?.length).toBeLessThanOrEqual(8);
    expect(markers).toMatch(/a4\.5,4\.5 0 1,0/);
    expect(container.querySelector('.power-line-building path.power-markers')).toBeNull();
  });

  it('tells two connectors apart without colour: each its own dash and marker', () => {
    const two = ['connector1', 'connector2', 'building'];
    const points: ArchivePowerPoint[] = Array.from({ length: 48 }, (_, i) => ({ time: FROM + i * STEP_MS, kW: { connector1: 7, connector2: i < 20 ? 0 : 11, building: 19 }, energyKWh: {} }));
    const g = gridOf(points, { from: FROM, to: FROM + 47 * STEP_MS }, two);
    const { container } = render(
      <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
        <PowerChart grid={g} series={drawOrder(seriesStyles(two))} hidden={new Set()} scale={yScale(19, [], 250)} width={800} height={300} label="two" />
      </LocaleProvider>,
    );
    const look = (measure: string) => ({
      dash: container.querySelector(`.power-line-${measure} path.recharts-line-curve`)?.getAttribute('stroke-dasharray') ?? null,
      marker: (container.querySelector(`.power-line-${measure} path.power-markers`)?.getAttribute('d') ?? '').replace(/[\d.,-]+/g, '#'),
    });
    const [one, other] = [look('connector1'), look('connector2')];
    expect(one.dash).not.toBe(other.dash);
    expect(one.marker).not.toBe('');
    expect(other.marker).not.toBe('');
    // The shapes' paths differ (circle arcs against a square's h/v), numbers aside.
    expect(one.marker).not.toBe(other.marker);
  });
});
