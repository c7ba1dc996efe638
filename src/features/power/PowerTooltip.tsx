/**
 * The tooltip's content inside Recharts' `Tooltip`: every visible series' value at the hovered
 * 5-minute slot, read from the full-resolution grid (the lines are downsampled), or why there is
 * none. Recharts finds the slot (mouse, touch, or the arrow keys on the focused chart).
 */
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { powerMessages } from './messages.ts';
import type { PowerGrid } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import { seriesLabel, type SeriesStyle } from './series-style.ts';
import { SeriesSwatch } from './SeriesSwatch.tsx';

interface PowerTooltipProps {
  grid: PowerGrid;
  series: readonly SeriesStyle[];
  /** Filled in by Recharts. */
  active?: boolean;
  label?: unknown;
}

/** The slot `t` falls in, or null outside the grid. */
export function slotAt(grid: Pick<PowerGrid, 'from' | 'to'>, t: number): number | null {
  if (!Number.isFinite(t) || t < grid.from || t >= grid.to + STEP_MS) return null;
  return Math.floor((t - grid.from) / STEP_MS);
}

export function PowerTooltip({ grid, series, active, label }: PowerTooltipProps) {
  const m = useMessages(powerMessages);
  const fmt = useFormat();
  const slot = active && typeof label === 'number' ? slotAt(grid, label) : null;
  if (slot === null) return null;
  const t = grid.from + slot * STEP_MS;
  return (
    <div role="status" data-testid="power-tooltip" className="power-tooltip">
      <p className="power-tooltip-time">
        {fmt.weekdayDate(t)} {fmt.time(t)}–{fmt.time(t + STEP_MS)}
      </p>
      {grid.present[slot] ? (
        <table>
          <tbody>
            {series.map((s) => {
              const v = grid.values[s.measure]?.[slot];
              return (
                <tr key={s.measure}>
                  <td>
                    <SeriesSwatch style={s} />
                  </td>
                  <td className="text-muted">{seriesLabel(s.measure, m)}</td>
                  <td className="power-tooltip-value">{v === undefined || Number.isNaN(v) ? m.noValue : fmt.kw(v, 2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="text-muted">{insideGap(grid.present, slot) ? m.offline : m.noPoint}</p>
      )}
    </div>
  );
}

/** Between two points: the charger was off. Before the first or after the last: just no data. */
export function insideGap(present: Uint8Array, slot: number): boolean {
  return present.subarray(0, slot).includes(1) && present.subarray(slot + 1).includes(1);
}
