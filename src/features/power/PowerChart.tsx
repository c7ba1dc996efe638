/**
 * The Recharts part of the power chart, kept pure and memoized: it re-renders only when the grid
 * (a new 5-minute point), the width, the visible series, the Y scale or the language change, never
 * on hover (the hover layer sits on top and draws its own cursor and tooltip).
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';
import { useFormat } from '../../shared/format/use-format.ts';
import type { PowerLimit } from './chart-inputs.ts';
import { downsampleMinMax, type ChartPoint } from './downsample.ts';
import { findGaps, type PowerGrid } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import type { SeriesStyle } from './series-style.ts';
import { isLocalMidnight, timeTicks } from './time-ticks.ts';

/** Fixed geometry, so the hover layer knows where the plot area is without asking Recharts. */
export const CHART_MARGIN = { top: 20, right: 16, bottom: 0, left: 0 } as const;
export const Y_AXIS_WIDTH = 48;
export const X_AXIS_HEIGHT = 28;

export function plotArea(width: number, height: number) {
  const left = CHART_MARGIN.left + Y_AXIS_WIDTH;
  const top = CHART_MARGIN.top;
  return {
    left,
    top,
    width: Math.max(0, width - left - CHART_MARGIN.right),
    height: Math.max(0, height - top - CHART_MARGIN.bottom - X_AXIS_HEIGHT),
  };
}

/** The X axis spans the window's intervals, from the first slot's start to the last one's end. */
export const xDomain = (grid: Pick<PowerGrid, 'from' | 'to'>): [number, number] => [grid.from, grid.to + STEP_MS];

/** Half a tick label: closer to the right edge than this, a tick is left out. */
const RIGHT_LABEL_ROOM_PX = 32;
/** A limit far above the data would squash the lines to the bottom; it is listed instead. */
const OFF_SCALE_FACTOR = 2;
/** The Y axis shows at least this much, so a quiet night is not magnified into noise. */
const MIN_Y_KW = 1;

export interface PowerChartProps {
  grid: PowerGrid;
  series: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  /** Y axis and the limits drawn on it (the legend lists the others). */
  scale: YScale;
  width: number;
  height: number;
  /** Accessible name of the drawing. */
  label: string;
}

export const PowerChart = memo(function PowerChart({ grid, series, hidden, scale, width, height, label }: PowerChartProps) {
  const fmt = useFormat();
  const plot = plotArea(width, height);

  // Downsampled once per grid and width; hiding a series reuses the others' points.
  const points = useMemo(() => {
    const maxPoints = Math.max(2, Math.round(plot.width));
    const out = new Map<string, readonly ChartPoint[]>();
    for (const s of series) {
      const values = grid.values[s.measure];
      if (values) out.set(s.measure, downsampleMinMax(values, grid.from, maxPoints));
    }
    return out;
  }, [grid, series, plot.width]);

  const gaps = useMemo(() => findGaps(grid), [grid]);
  const domain = useMemo(() => xDomain(grid), [grid]);
  const { ticks, daily } = useMemo(() => {
    // One label per 80 px: the widest ("Fr., 27.11.") is ~70 px, and the chart beside the panels
    // (~650 px of plot at 1280×800) still gets 3-hour ticks over a day.
    const t = timeTicks(domain[0], domain[1], Math.floor(plot.width / 80));
    // A label centred on the right edge would be cut off by the chart's border.
    const msPerPx = (domain[1] - domain[0]) / Math.max(1, plot.width);
    return { ...t, ticks: t.ticks.filter((tick) => domain[1] - tick >= RIGHT_LABEL_ROOM_PX * msPerPx) };
  }, [domain, plot.width]);

  const visible = useMemo(() => series.filter((s) => !hidden.has(s.measure) && points.has(s.measure)), [series, hidden, points]);

  const tickStyle = { fill: 'var(--color-muted)', fontSize: 13 };
  return (
    <LineChart width={width} height={height} margin={CHART_MARGIN} accessibilityLayer={false} role="img" aria-label={label}>
      <CartesianGrid stroke="var(--color-border)" strokeOpacity={0.6} vertical={false} />
      <XAxis
        // Recharts builds no scale for an axis without a dataKey, even with a fixed domain.
        dataKey="t"
        type="number"
        scale="linear"
        domain={domain}
        allowDataOverflow
        ticks={ticks}
        tickFormatter={(t: number) => (daily || isLocalMidnight(t) ? fmt.weekdayDate(t) : fmt.time(t))}
        tick={tickStyle}
        tickLine={false}
        axisLine={{ stroke: 'var(--color-border)' }}
        height={X_AXIS_HEIGHT}
        interval={0}
      />
      <YAxis
        type="number"
        domain={[0, scale.max]}
        allowDataOverflow
        ticks={scale.ticks}
        tickFormatter={(v: number) => fmt.number(v, scale.decimals)}
        tick={tickStyle}
        tickLine={false}
        axisLine={false}
        width={Y_AXIS_WIDTH}
      />
      {gaps.map((gap) => (
        <ReferenceArea key={gap.from} x1={gap.from} x2={gap.to} fill="var(--color-muted)" fillOpacity={0.12} stroke="none" ifOverflow="hidden" />
      ))}
      {scale.onScale.map((limit) => {
        const style = series.find((s) => s.measure === limit.measure);
        return (
          <ReferenceLine
            key={limit.measure}
            y={limit.kw}
            stroke={style?.color ?? 'var(--color-warn)'}
            strokeDasharray="2 6"
            strokeWidth={2}
            strokeLinecap="round"
            ifOverflow="hidden"
          />
        );
      })}
      <SeriesPaths series={visible} points={points} />
    </LineChart>
  );
});

/**
 * The series as SVG paths inside the Recharts chart, placed with Recharts' own axis scales
 * (`useXAxisScale`/`useYAxisScale`, the documented way to draw custom shapes in a chart).
 * Recharts' <Line> registers every point in its store and recomputes domains, band sizes and
 * tooltip indexes over all of them: for ~1,150 points × 3 about a fifth of the mount CPU in a
 * profile, none of it needed here (both domains are fixed, the tooltip is ours).
 * A null point lifts the pen, so a gap is never bridged. Class names follow Recharts' own.
 */
function SeriesPaths({ series, points }: { series: readonly SeriesStyle[]; points: ReadonlyMap<string, readonly ChartPoint[]> }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const paths = useMemo(
    () => (x && y ? new Map(series.map((s) => [s.measure, linePath(points.get(s.measure) ?? [], x, y)])) : null),
    [series, points, x, y],
  );
  if (!paths) return null;
  return (
    <g className="recharts-layer power-lines">
      {series.map((s) => (
        <g key={s.measure} className={`recharts-layer recharts-line power-line power-line-${s.measure}`}>
          <path
            className="recharts-curve recharts-line-curve"
            d={paths.get(s.measure)}
            fill="none"
            stroke={s.color}
            strokeWidth={s.width}
            strokeDasharray={s.dashed ? '7 4' : undefined}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        </g>
      ))}
    </g>
  );
}

type Scale = (value: number) => number | undefined;

/** Length of the stroke that stands for a value with gaps on both sides, px (round caps add the width). */
const LONE_POINT_PX = 2;

const px1 = (value: number) => Math.round(value * 10) / 10;

/**
 * `M x,y L x,y …`, starting a new subpath after every null point. A value with gaps on both
 * sides would be a bare `M`, which draws nothing although the legend's energy counts it: it gets
 * a short horizontal stroke centred on it, a dot with the line's round caps (also when dashed).
 */
export function linePath(points: readonly ChartPoint[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length === 1) {
      const [[px, py]] = run as [[number, number]];
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

export interface YScale {
  max: number;
  ticks: number[];
  decimals: number;
  /** Limits within reach of the data, drawn as lines; the rest are listed beside the chart. */
  onScale: readonly PowerLimit[];
}

/** Highest value of the given series (NaN = no value), 0 for none. */
export function dataMax(values: ReadonlyArray<Float64Array | undefined>): number {
  let max = 0;
  for (const series of values) {
    if (!series) continue;
    for (let i = 0; i < series.length; i++) if (series[i]! > max) max = series[i]!;
  }
  return max;
}

/** A round top and 3–6 round ticks (1, 2, 2.5, 5 × 10ⁿ kW) covering the data and the nearby limits. */
export function yScale(max: number, limits: readonly PowerLimit[], plotHeight: number): YScale {
  const maxTicks = Math.max(3, Math.floor(plotHeight / 50));
  let top = Math.max(max, MIN_Y_KW);
  const onScale = limits.filter((l) => l.kw <= OFF_SCALE_FACTOR * top);
  for (const l of onScale) top = Math.max(top, l.kw);
  const target = top * 1.04;
  const raw = target / Math.max(2, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= raw) ?? 10) * magnitude;
  const count = Math.ceil(target / step - 1e-9);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
  const decimals = Number.isInteger(step) ? 0 : Number.isInteger(step * 10) ? 1 : 2;
  return { max: ticks.at(-1)!, ticks, decimals, onScale };
}
