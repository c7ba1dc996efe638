/**
 * The power chart. Recharts draws the frame and the interaction: axes, grid, limit lines
 * (`ReferenceLine`, labelled), gaps (`ReferenceArea`) and the hover/touch/keyboard tooltip
 * (`Tooltip` with our content, which reads the full-resolution grid; the keyboard through its
 * accessibility layer). The lines are ours: one SVG path per series, drawn inside the chart with
 * Recharts' own axis scales (`useXAxisScale`/`useYAxisScale`, its documented way to draw custom
 * shapes), each series min/max-downsampled to the plot's width on its own. Recharts' `Line` was
 * tried first, setting by setting, and none brought it near the render budget (docs/decisions.md,
 * "Power chart: Recharts draws the frame, we draw the lines").
 * The chart's `data` are only the positions the tooltip can land on (`hoverRows`: one per slot, at
 * most one per pixel column), no values. Kept pure and memoized: it re-renders when the grid (a
 * new 5-minute point), the size, the visible series, the Y scale or the language change; on hover
 * only the tooltip and the active dots do.
 */
import { memo, useCallback, useMemo } from 'react';
import {
  CartesianGrid,
  DefaultZIndexes,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  ZIndexLayer,
  useActiveTooltipLabel,
  useXAxisScale,
  useYAxisScale,
} from 'recharts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useTimeZone } from '../../shared/time/time-zone-context.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { hoverRows, linePath, markerPath } from './chart-paths.ts';
import { downsampleMinMax, type ChartPoint } from './downsample.ts';
import { powerMessages } from './messages.ts';
import { findGaps, type PowerGrid } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import { PowerTooltip, slotAt } from './PowerTooltip.tsx';
import { limitDash, type SeriesStyle } from './series-style.ts';
import { isLocalMidnight, timeTicks } from './time-ticks.ts';
import type { YScale } from './y-scale.ts';

/** Fixed geometry, so the panel knows the plot's size (for downsampling and ticks) before drawing. */
export const CHART_MARGIN = { top: 20, right: 16, bottom: 0, left: 0 } as const;
export const Y_AXIS_WIDTH = 52;
export const X_AXIS_HEIGHT = 30;
/** Axis labels: readable at arm's length on a wall tablet (≥ 14 px). */
export const AXIS_FONT_PX = 15;

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

/** Markers along a line: about this far apart, px (five or six on a tablet's plot). */
const MARKER_SPACING_PX = 130;

/** Half a tick label: closer to the right edge than this, a tick is left out. */
const RIGHT_LABEL_ROOM_PX = 36;

const TICK_STYLE = { fill: 'var(--color-muted)', fontSize: AXIS_FONT_PX } as const;
const X_AXIS_LINE = { stroke: 'var(--color-border)' } as const;
const CURSOR = { stroke: 'var(--color-muted)', strokeWidth: 1 } as const;
const ESCAPE_VIEW_BOX = { x: false, y: true } as const;
/**
 * Recharts hides the tooltip's box while its payload (the values of its own graphical items) is
 * empty, and ours always is: the content reads the grid. The content draws nothing while the
 * tooltip is inactive, so the box may stay visible.
 */
const TOOLTIP_WRAPPER = { visibility: 'visible' } as const;
/**
 * The grid has no vertical lines; without this Recharts still lays out the X axis' ticks for them
 * (measuring their labels) on every render, a tenth of the chart's mount in a profile.
 */
const NO_VERTICAL_LINES = () => [];

export interface PowerChartProps {
  grid: PowerGrid;
  /** In drawing order; the tooltip lists them in the same order. */
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
  const zone = useTimeZone();
  const m = useMessages(powerMessages);
  const plot = plotArea(width, height);
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.measure) && grid.values[s.measure]), [series, hidden, grid]);

  // Each series downsampled on its own, once per grid and width: two points per 2 px bucket.
  const points = useMemo(() => {
    const maxPoints = Math.max(2, Math.round(plot.width));
    return new Map(grid.measures.map((measure) => [measure, downsampleMinMax(grid.values[measure]!, grid.from, maxPoints)] as const));
  }, [grid, plot.width]);
  const rows = useMemo(() => hoverRows(grid.present.length, grid.from, plot.width), [grid, plot.width]);
  const gaps = useMemo(() => findGaps(grid), [grid]);
  const domain = useMemo(() => xDomain(grid), [grid]);
  const { ticks, daily } = useMemo(() => {
    // One label per 90 px: the widest ("Fr., 27.11.") is ~80 px at 15 px.
    const t = timeTicks(domain[0], domain[1], Math.floor(plot.width / 90), zone);
    // A label centred on the right edge would be cut off by the chart's border.
    const msPerPx = (domain[1] - domain[0]) / Math.max(1, plot.width);
    return { ...t, ticks: t.ticks.filter((tick) => domain[1] - tick >= RIGHT_LABEL_ROOM_PX * msPerPx) };
  }, [domain, plot.width, zone]);

  const xTickFormatter = useCallback((t: number) => (daily || isLocalMidnight(t, zone) ? fmt.weekdayDate(t) : fmt.time(t)), [daily, fmt, zone]);
  const yTickFormatter = useCallback((v: number) => fmt.number(v, scale.decimals), [fmt, scale.decimals]);
  const yDomain = useMemo(() => [0, scale.max] as [number, number], [scale.max]);
  const tooltip = useMemo(() => <PowerTooltip grid={grid} series={visible} />, [grid, visible]);

  return (
    <LineChart width={width} height={height} data={rows as HoverRowData} margin={CHART_MARGIN} aria-label={label}>
      <CartesianGrid stroke="var(--color-border)" strokeOpacity={0.6} vertical={false} verticalCoordinatesGenerator={NO_VERTICAL_LINES} />
      <XAxis
        dataKey="t"
        type="number"
        scale="linear"
        domain={domain}
        allowDataOverflow
        ticks={ticks}
        tickFormatter={xTickFormatter}
        tick={TICK_STYLE}
        tickLine={false}
        axisLine={X_AXIS_LINE}
        height={X_AXIS_HEIGHT}
        interval={0}
      />
      <YAxis
        type="number"
        domain={yDomain}
        allowDataOverflow
        ticks={scale.ticks}
        tickFormatter={yTickFormatter}
        tick={TICK_STYLE}
        tickLine={false}
        axisLine={false}
        width={Y_AXIS_WIDTH}
      />
      {gaps.map((gap) => (
        <GapArea key={gap.from} from={gap.from} to={gap.to} />
      ))}
      {scale.onScale.map((limit) => (
        <LimitLine
          key={limit.measure}
          kw={limit.kw}
          color={series.find((s) => s.measure === limit.measure)?.color ?? 'var(--color-warn)'}
          text={`${limit.measure === 'cluster' ? m.clusterLimit : m.buildingLimit} ${fmt.kw(limit.kw, 1)}`}
        />
      ))}
      <SeriesLines series={visible} points={points} />
      <ActiveDots grid={grid} series={visible} />
      <Tooltip content={tooltip} cursor={CURSOR} isAnimationActive={false} allowEscapeViewBox={ESCAPE_VIEW_BOX} wrapperStyle={TOOLTIP_WRAPPER} />
    </LineChart>
  );
});

/*
 * Recharts registers a reference area or line in its store again on every render of it (an effect
 * without dependencies: two store updates, each re-running the chart's selectors, a third of an
 * update's time in a profile). Memoised on their values, the gaps and limits render, and register,
 * only when they change, not with every new point.
 */
const GapArea = memo(function GapArea({ from, to }: { from: number; to: number }) {
  return <ReferenceArea x1={from} x2={to} fill="var(--color-muted)" fillOpacity={0.12} stroke="none" ifOverflow="hidden" />;
});

const LimitLine = memo(function LimitLine({ kw, color, text }: { kw: number; color: string; text: string }) {
  const label = useMemo(() => ({ value: text, position: 'insideTopRight', fill: 'var(--color-text)', fontSize: AXIS_FONT_PX - 1 }) as const, [text]);
  return <ReferenceLine y={kw} stroke={color} strokeDasharray={limitDash} strokeWidth={2} strokeLinecap="round" ifOverflow="hidden" label={label} />;
});

/** Recharts types a chart's `data` as mutable rows; ours are frozen and only read. */
type HoverRowData = Array<{ t: number }>;

/**
 * The series as SVG paths in Recharts' line layer, placed with its axis scales. A null point
 * lifts the pen, so a gap is never bridged; a lone value between two gaps is a dot. A series with
 * a marker gets a few of them along its line, one path for all, each line's a fraction of the
 * spacing further on than the last's so they never sit on each other. The class names are
 * Recharts' own for a line, so styles, tests and the bench find them as before.
 */
const SeriesLines = memo(function SeriesLines({ series, points }: { series: readonly SeriesStyle[]; points: ReadonlyMap<string, readonly ChartPoint[]> }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const paths = useMemo(() => (x && y ? new Map(series.map((s) => [s.measure, linePath(points.get(s.measure) ?? [], x, y)])) : null), [series, points, x, y]);
  const markers = useMemo(() => {
    if (!x || !y) return null;
    const marked = series.filter((s) => s.marker);
    return new Map(marked.map((s, i) => [s.measure, markerPath(points.get(s.measure) ?? [], x, y, s.marker!, MARKER_SPACING_PX, (i + 0.5) / marked.length)]));
  }, [series, points, x, y]);
  if (!paths) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <g className="recharts-layer power-lines">
        {series.map((s) => (
          <g key={s.measure} className={`recharts-layer recharts-line power-line power-line-${s.measure}`}>
            <path
              className="recharts-curve recharts-line-curve"
              d={paths.get(s.measure)}
              fill="none"
              stroke={s.color}
              strokeWidth={s.width}
              strokeDasharray={s.dash}
              strokeLinejoin="round"
              strokeLinecap="round"
            />
            {markers?.get(s.measure) ? <path className="power-markers" d={markers.get(s.measure)} fill={s.color} stroke="var(--color-panel)" strokeWidth={1.5} /> : null}
          </g>
        ))}
      </g>
    </ZIndexLayer>
  );
});

/** While the tooltip is open: a dot on every line at the hovered slot (Recharts' `activeDot`, at full resolution). */
function ActiveDots({ grid, series }: { grid: PowerGrid; series: readonly SeriesStyle[] }) {
  const label = useActiveTooltipLabel();
  const x = useXAxisScale();
  const y = useYAxisScale();
  const slot = typeof label === 'number' ? slotAt(grid, label) : null;
  if (slot === null || !x || !y) return null;
  const cx = x(grid.from + slot * STEP_MS);
  if (cx === undefined) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.activeDot}>
      <g className="power-active-dots">
        {series.map((s) => {
          const v = grid.values[s.measure]?.[slot];
          const cy = v === undefined || Number.isNaN(v) ? undefined : y(v);
          return cy === undefined ? null : <circle key={s.measure} cx={cx} cy={cy} r={4} fill={s.color} />;
        })}
      </g>
    </ZIndexLayer>
  );
}
