/**
 * Daily or monthly energy as bars, with Recharts' own BarChart, axes and tooltip: the 30-day and
 * 12-month ranges of the power chart, beside the 5-minute lines of the shorter ones. One bar per
 * visible series and day (or month); the Y axis is kWh.
 */
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import type { EnergyBars as EnergyBarsData } from './api/power-query.ts';
import { powerMessages } from './messages.ts';
import { seriesLabel, type SeriesStyle } from './series-style.ts';

export const BARS_Y_AXIS_WIDTH = 56;

export interface EnergyBarsProps {
  data: EnergyBarsData;
  series: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  width: number;
  height: number;
  /** Accessible name of the drawing. */
  label: string;
}

/** kWh with one decimal below 100, whole numbers above: a bar's label stays short. */
const kwhDecimals = (max: number) => (max < 100 ? 1 : 0);

export const EnergyBars = memo(function EnergyBars({ data, series, hidden, width, height, label }: EnergyBarsProps) {
  const fmt = useFormat();
  const m = useMessages(powerMessages);
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.measure)), [series, hidden]);
  const rows = useMemo(() => data.bars.map((bar) => ({ t: bar.startMs, ...bar.kWh })), [data.bars]);
  const max = useMemo(() => Math.max(0, ...data.bars.flatMap((bar) => visible.map((s) => bar.kWh[s.measure] ?? 0))), [data.bars, visible]);
  const decimals = kwhDecimals(max);
  const tickLabel = (t: number) => (data.unit === 'day' ? fmt.weekdayDate(t) : fmt.month(t));
  const tickStyle = { fill: 'var(--color-muted)', fontSize: 13 };
  return (
    <BarChart
      width={width}
      height={height}
      data={rows}
      margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
      barCategoryGap="15%"
      barGap={1}
      role="img"
      aria-label={label}
      data-testid="energy-bars"
      data-unit={data.unit}
    >
      <CartesianGrid stroke="var(--color-border)" strokeOpacity={0.6} vertical={false} />
      <XAxis dataKey="t" tickFormatter={tickLabel} tick={tickStyle} tickLine={false} axisLine={{ stroke: 'var(--color-border)' }} minTickGap={12} />
      <YAxis
        tickFormatter={(v: number) => fmt.number(v, decimals)}
        tick={tickStyle}
        tickLine={false}
        axisLine={false}
        width={BARS_Y_AXIS_WIDTH}
        allowDecimals={decimals > 0}
        label={{ value: 'kWh', position: 'insideTopLeft', offset: -16, dx: 8, fill: 'var(--color-muted)', fontSize: 12, fontWeight: 600 }}
      />
      <Tooltip
        cursor={{ fill: 'var(--color-border)', fillOpacity: 0.3 }}
        labelFormatter={(t) => (data.unit === 'day' ? fmt.date(Number(t)) : fmt.month(Number(t)))}
        formatter={(value, name) => [fmt.kwh(Number(value), 1), seriesLabel(String(name), m)]}
        // Recharts' default is " : "; neither German nor English puts a space before the colon.
        separator=": "
        contentStyle={{ background: 'var(--color-panel)', border: '1px solid var(--color-border)', borderRadius: 8 }}
        isAnimationActive={false}
      />
      {visible.map((s) => (
        <Bar key={s.measure} dataKey={s.measure} name={s.measure} fill={s.color} className={`energy-bar-${s.measure}`} isAnimationActive={false} />
      ))}
    </BarChart>
  );
});
