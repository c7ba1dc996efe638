/**
 * The power chart, drawn by Recharts' own components: lines (`Line`), axes, grid, limit lines
 * (`ReferenceLine`, labelled), gaps (`ReferenceArea`) and the hover/keyboard/touch tooltip
 * (`Tooltip` with our content, which reads the full-resolution grid). Kept pure and memoized: it
 * re-renders when the grid (a new 5-minute point), the size, the visible series, the Y scale or
 * the language change. The lines get min/max-downsampled rows (`alignedRows`): one bucket per
 * ~3.5 px of plot width, two rows each, a few hundred rows for any window, never the raw week or
 * month (Recharts' cost grows with the rows it is given). Every object or function handed to
 * Recharts is memoized or module-level, so a render that changes nothing it draws keeps its
 * store untouched.
 */
import { memo, useCallback, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { alignedRows } from './downsample.ts';
import { powerMessages } from './messages.ts';
import { findGaps, type PowerGrid } from './power-grid.ts';
import { STEP_MS } from './power-range.ts';
import { PowerTooltip } from './PowerTooltip.tsx';
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

/** Half a tick label: closer to the right edge than this, a tick is left out. */
const RIGHT_LABEL_ROOM_PX = 36;

/** Plot pixels per downsampling bucket (two rows each): the line still shows every peak. */
const PX_PER_BUCKET = 3.5;

const TICK_STYLE = { fill: 'var(--color-muted)', fontSize: AXIS_FONT_PX } as const;
const X_AXIS_LINE = { stroke: 'var(--color-border)' } as const;
const CURSOR = { stroke: 'var(--color-muted)', strokeWidth: 1 } as const;
const ESCAPE_VIEW_BOX = { x: false, y: true } as const;

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
  const m = useMessages(powerMessages);
  const plot = plotArea(width, height);
  const maxRows = 2 * Math.max(1, Math.round(plot.width / PX_PER_BUCKET));
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.measure) && grid.values[s.measure]), [series, hidden, grid]);

  // Downsampled once per grid, width and set of lines; the rows carry every visible series.
  const rows = useMemo(() => alignedRows(grid.values, visible.map((s) => s.measure), grid.from, maxRows), [grid, visible, maxRows]);
  const gaps = useMemo(() => findGaps(grid), [grid]);
  const domain = useMemo(() => xDomain(grid), [grid]);
  const { ticks, daily } = useMemo(() => {
    // One label per 90 px: the widest ("Fr., 27.11.") is ~80 px at 15 px.
    const t = timeTicks(domain[0], domain[1], Math.floor(plot.width / 90));
    // A label centred on the right edge would be cut off by the chart's border.
    const msPerPx = (domain[1] - domain[0]) / Math.max(1, plot.width);
    return { ...t, ticks: t.ticks.filter((tick) => domain[1] - tick >= RIGHT_LABEL_ROOM_PX * msPerPx) };
  }, [domain, plot.width]);

  const xTickFormatter = useCallback((t: number) => (daily || isLocalMidnight(t) ? fmt.weekdayDate(t) : fmt.time(t)), [daily, fmt]);
  const yTickFormatter = useCallback((v: number) => fmt.number(v, scale.decimals), [fmt, scale.decimals]);
  const yDomain = useMemo(() => [0, scale.max] as [number, number], [scale.max]);
  const tooltip = useMemo(() => <PowerTooltip grid={grid} series={visible} />, [grid, visible]);
  const lines = useMemo(
    () =>
      visible.map((s) => (
        <Line
          key={s.measure}
          dataKey={s.measure}
          className={`power-line power-line-${s.measure}`}
          type="linear"
          stroke={s.color}
          strokeWidth={s.width}
          strokeDasharray={s.dash}
          strokeLinejoin="round"
          strokeLinecap="round"
          dot={false}
          // Drawn only while hovering.
          activeDot={{ r: 4, strokeWidth: 0, fill: s.color }}
          connectNulls={false}
          isAnimationActive={false}
        />
      )),
    [visible],
  );

  return (
    <LineChart width={width} height={height} data={rows} margin={CHART_MARGIN} aria-label={label}>
      <CartesianGrid stroke="var(--color-border)" strokeOpacity={0.6} vertical={false} />
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
        <ReferenceArea key={gap.from} x1={gap.from} x2={gap.to} fill="var(--color-muted)" fillOpacity={0.12} stroke="none" ifOverflow="hidden" />
      ))}
      {scale.onScale.map((limit) => {
        const style = series.find((s) => s.measure === limit.measure);
        const name = limit.measure === 'cluster' ? m.clusterLimit : m.buildingLimit;
        return (
          <ReferenceLine
            key={limit.measure}
            y={limit.kw}
            stroke={style?.color ?? 'var(--color-warn)'}
            strokeDasharray={limitDash}
            strokeWidth={2}
            strokeLinecap="round"
            ifOverflow="hidden"
            label={{ value: `${name} ${fmt.kw(limit.kw, 1)}`, position: 'insideTopRight', fill: 'var(--color-text)', fontSize: AXIS_FONT_PX - 1 }}
          />
        );
      })}
      {lines}
      <Tooltip
        content={tooltip}
        cursor={CURSOR}
        isAnimationActive={false}
        allowEscapeViewBox={ESCAPE_VIEW_BOX}
      />
    </LineChart>
  );
});
