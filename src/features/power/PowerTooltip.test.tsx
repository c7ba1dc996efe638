/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import { gridOf } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import { PowerTooltip, slotAt } from './PowerTooltip.tsx';
import { seriesStyles } from './series-style.ts';

const EN = { lang: 'en' as const, locale: 'en-GB' };
const wrap = ({ children }: { children: ReactNode }) => <LocaleProvider value={EN}>{children}</LocaleProvider>;
const FROM = Date.UTC(2026, 10, 30, 10);
const MEASURES = ['connector1', 'building'];
const SERIES = seriesStyles(MEASURES);

// Slots 0–2 with values, 3–4 missing (the charger was off), 5 with values; the window runs to slot 7.
const grid = gridOf(
  [0, 1, 2, 5].map((i) => ({ time: FROM + i * STEP_MS, kW: { connector1: i === 1 ? null : 7.4 + i, building: 9 + i }, energyKWh: {} })),
  { from: FROM, to: FROM + 7 * STEP_MS },
  MEASURES,
);

afterEach(cleanup);

describe('slotAt', () => {
  it('finds the 5-minute slot of a time, and none outside the window', () => {
    expect(slotAt(grid, FROM)).toBe(0);
    expect(slotAt(grid, FROM + 2 * STEP_MS + 1000)).toBe(2);
    expect(slotAt(grid, FROM - 1)).toBeNull();
    expect(slotAt(grid, FROM + 8 * STEP_MS)).toBeNull();
  });
});

describe('PowerTooltip', () => {
  it('lists every series at the hovered slot from the full-resolution grid', () => {
    render(<PowerTooltip grid={grid} series={SERIES} active label={FROM + 2 * STEP_MS} />, { wrapper: wrap });
    const tip = screen.getByTestId('power-tooltip');
    expect(tip).toHaveTextContent(/\d{2}:\d{2}–\d{2}:\d{2}/);
    expect(tip).toHaveTextContent('Connector 1');
    expect(tip).toHaveTextContent(/9\.40\s*kW/);
    expect(tip).toHaveTextContent(/11\.00\s*kW/);
  });

  it('says "—" for a series without a value at a slot that has a point', () => {
    render(<PowerTooltip grid={grid} series={SERIES} active label={FROM + STEP_MS} />, { wrapper: wrap });
    expect(screen.getByTestId('power-tooltip')).toHaveTextContent('Connector 1—');
  });

  it('explains a slot without a point: off between points, no data at the edges', () => {
    const { rerender } = render(<PowerTooltip grid={grid} series={SERIES} active label={FROM + 3 * STEP_MS} />, { wrapper: wrap });
    expect(screen.getByTestId('power-tooltip')).toHaveTextContent('No data (charger off)');
    rerender(<PowerTooltip grid={grid} series={SERIES} active label={FROM + 7 * STEP_MS} />);
    expect(screen.getByTestId('power-tooltip')).toHaveTextContent(/No data$/);
  });

  it('shows nothing while Recharts has no active point', () => {
    render(<PowerTooltip grid={grid} series={SERIES} active={false} label={FROM} />, { wrapper: wrap });
    expect(screen.queryByTestId('power-tooltip')).toBeNull();
  });
});
