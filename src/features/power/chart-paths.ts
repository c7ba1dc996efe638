/**
 * What the power chart hands to Recharts besides its axes: the rows its `Tooltip` moves over
 * (`hoverRows`, one per slot or per pixel column, no values), each series' line as an SVG path
 * (`linePath`) and its few markers as one more (`markerPath`), placed with Recharts' own axis scales.
 */
import type { ChartPoint } from './downsample.ts';
import { STEP_MS } from './power-range.ts';
import type { MarkerShape } from './series-style.ts';

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

/** Half a marker's width, px: big enough to tell a square from a circle at arm's length. */
export const MARKER_RADIUS = 4.5;

/** One marker's shape centred on (x, y), as SVG path commands (a closed path). */
export function markerShape(shape: MarkerShape, x: number, y: number, r = MARKER_RADIUS): string {
  const p = (value: number) => px1(value);
  switch (shape) {
    case 'circle':
      return `M${p(x - r)},${p(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square': {
      const h = r * 0.85;
      return `M${p(x - h)},${p(y - h)}h${p(2 * h)}v${p(2 * h)}h${p(-2 * h)}Z`;
    }
    case 'triangle':
      return `M${p(x)},${p(y - r * 1.1)}L${p(x + r)},${p(y + r * 0.8)}L${p(x - r)},${p(y + r * 0.8)}Z`;
    case 'diamond':
      return `M${p(x)},${p(y - r * 1.15)}L${p(x + r * 1.15)},${p(y)}L${p(x)},${p(y + r * 1.15)}L${p(x - r * 1.15)},${p(y)}Z`;
  }
}

/**
 * A marker every `spacingPx` along a line, the first `phase` (0–1) of a spacing in, so the markers
 * of several lines do not sit on each other: each on the first point at or right of its place,
 * none where the line has a gap. A few per line, whatever the number of points, so they cost the
 * chart next to nothing.
 */
export function markerPath(points: readonly ChartPoint[], x: Scale, y: Scale, shape: MarkerShape, spacingPx: number, phase: number): string {
  if (points.length === 0 || spacingPx <= 0) return '';
  const first = x(points[0]!.t);
  if (first === undefined) return '';
  const parts: string[] = [];
  let target = first + phase * spacingPx;
  for (const point of points) {
    const px = x(point.t);
    if (px === undefined || px < target) continue;
    // Every place this point is past: a marker on the first, the others (in a gap) left out.
    while (target + spacingPx <= px) target += spacingPx;
    const py = point.v === null ? undefined : y(point.v);
    if (py !== undefined) parts.push(markerShape(shape, px, py));
    target += spacingPx;
  }
  return parts.join('');
}
