/**
 * Cursor and tooltip over the plot area, outside Recharts: moving the pointer re-renders this
 * small layer only, not a chart of a thousand points per line. Shows every visible series' value
 * at the hovered 5-minute slot, read from the full-resolution grid (not the downsampled lines).
 * Works with a mouse, a finger (the tooltip fades after a while: a wall display is not touched
 * again) and the keyboard (arrow keys move by 5 minutes, with Shift by an hour).
 */
import { useEffect, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import type { PowerGrid } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import { plotArea, xDomain } from './PowerChart.tsx';
import { powerMessages } from './messages.ts';
import { seriesLabel, type SeriesStyle } from './series-style.ts';
import { SeriesSwatch } from './SeriesSwatch.tsx';

const TOUCH_TOOLTIP_MS = 6_000;

interface ChartHoverProps {
  grid: PowerGrid;
  /** Visible series, in legend order. */
  series: readonly SeriesStyle[];
  width: number;
  height: number;
}

export function ChartHover({ grid, series, width, height }: ChartHoverProps) {
  const m = useMessages(powerMessages);
  const fmt = useFormat();
  // The hovered slot's start time: stays on the same interval when a new point shifts the window.
  const [hovered, setHovered] = useState<{ t: number; touch: boolean } | null>(null);

  useEffect(() => {
    if (!hovered?.touch) return;
    const timer = setTimeout(() => setHovered(null), TOUCH_TOOLTIP_MS);
    return () => clearTimeout(timer);
  }, [hovered]);

  const plot = plotArea(width, height);
  const [d0, d1] = xDomain(grid);
  const slots = grid.present.length;
  const slotAt = (t: number) => Math.min(slots - 1, Math.max(0, Math.round((t - grid.from) / STEP_MS)));

  const onPointer = (event: PointerEvent<HTMLDivElement>) => {
    if (slots === 0 || plot.width === 0) return;
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
    const slot = slotAt(d0 + (x / plot.width) * (d1 - d0));
    const t = grid.from + slot * STEP_MS;
    const touch = event.pointerType === 'touch';
    // Most moves stay within one 5-minute slot: keep the state, skip the render.
    setHovered((current) => (current?.t === t && current.touch === touch && !touch ? current : { t, touch }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (slots === 0) return;
    const step = event.shiftKey ? 12 : 1;
    const current = hovered ? slotAt(hovered.t) : slots - 1;
    const targets: Record<string, number> = { ArrowLeft: current - step, ArrowRight: current + step, Home: 0, End: slots - 1 };
    if (event.key === 'Escape') return setHovered(null);
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setHovered({ t: grid.from + Math.min(slots - 1, Math.max(0, next)) * STEP_MS, touch: false });
  };

  const slot = hovered && hovered.t >= grid.from && hovered.t <= grid.to ? slotAt(hovered.t) : null;
  const t = slot === null ? 0 : grid.from + slot * STEP_MS;
  const x = ((t - d0) / (d1 - d0)) * plot.width;
  const right = x > plot.width / 2;

  return (
    <div
      className="power-hover"
      style={{ left: plot.left, top: plot.top, width: plot.width, height: plot.height }}
      tabIndex={0}
      role="group"
      aria-label={m.cursorLabel}
      onPointerMove={onPointer}
      onPointerDown={onPointer}
      onPointerLeave={(event) => {
        if (event.pointerType !== 'touch') setHovered(null);
      }}
      onKeyDown={onKeyDown}
      onBlur={() => setHovered(null)}
    >
      {slot !== null ? (
        <>
          <div aria-hidden className="power-cursor" style={{ left: x }} />
          <div
            role="status"
            data-testid="power-tooltip"
            className="power-tooltip"
            style={right ? { right: plot.width - x + 10 } : { left: x + 10 }}
          >
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
        </>
      ) : null}
    </div>
  );
}

/** Between two points: the charger was off. Before the first or after the last: just no data. */
function insideGap(present: Uint8Array, slot: number): boolean {
  return present.subarray(0, slot).includes(1) && present.subarray(slot + 1).includes(1);
}
