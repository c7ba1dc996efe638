/**
 * What the power chart hands to Recharts besides its axes: the rows its `Tooltip` moves over
 * (`hoverRows`, one per slot or per pixel column, no values) and each series' line as an SVG path
 * (`linePath`), placed with Recharts' own axis scales.
 */
import type { ChartPoint } from './downsample.ts';
import { STEP_MS } from './power-range.ts';

/** A row of the chart's data: only the slot's start. The tooltip reads the values from the grid. */
export interface HoverRow {
  readonly t: number;
}

/**
 * The positions the tooltip (mouse, touch, arrow keys) can land on: every slot when the window has
 * no more slots than the plot has pixels, else one slot per pixel column (the slot nearest the
 * column), so the tooltip still reaches any value the pointer can point at. Frozen: Recharts keeps
 * the chart's data in its Immer store, which otherwise deep-freezes it row by row on every update.
 */
export function hoverRows(slots: number, from: number, plotWidth: number): readonly HoverRow[] {
  const count = Math.min(slots, Math.max(2, Math.round(plotWidth)));
  const rows: HoverRow[] = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const slot = count === slots ? i : Math.round((i * (slots - 1)) / (count - 1));
    if (slot === previous) continue;
    previous = slot;
    rows.push(Object.freeze({ t: from + slot * STEP_MS }));
  }
  return Object.freeze(rows);
}

type Scale = (value: number) => number | undefined;

/** Length of the stroke that stands for a value with gaps on both sides, px (round caps add the width). */
const LONE_POINT_PX = 2;

const px1 = (value: number) => Math.round(value * 10) / 10;

/**
 * `M x,y L x,y …`, starting a new subpath after every null point, so a gap is never bridged. A
 * value with gaps on both sides would be a bare `M`, which draws nothing although the legend's
 * energy counts it: it gets a short horizontal stroke centred on it, a dot with the line's round
 * caps (also when dashed).
 */
export function linePath(points: readonly ChartPoint[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let run: Array<readonly [number, number]> = [];
  const flush = () => {
    if (run.length === 1) {
      const [px, py] = run[0]!;
      parts.push(`M${px1(px - LONE_POINT_PX / 2)},${px1(py)}h${LONE_POINT_PX}`);
    } else {
      run.forEach(([px, py], i) => parts.push(`${i === 0 ? 'M' : 'L'}${px1(px)},${px1(py)}`));
    }
    run = [];
  };
  for (const p of points) {
    const px = p.v === null ? undefined : x(p.t);
    const py = p.v === null ? undefined : y(p.v);
    if (px === undefined || py === undefined) {
      flush();
      continue;
    }
    run.push([px, py]);
  }
  flush();
  return parts.join('');
}
