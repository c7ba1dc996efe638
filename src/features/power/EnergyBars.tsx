/**
 * Energy as bars, with Recharts' own BarChart, axes and tooltip: the 30-day, 12-month and
 * one-month ranges of the power chart, beside the 5-minute lines of the shorter ones. The
 * connectors are one stacked column per bar (one colour per connector, its total the bar's
 * height); the building and the cluster, when shown, stand beside it. What is drawn is decided in
 * `energy-bars-plan.ts`: days, or calendar weeks where a day's bar would be thinner than 6 px,
 * round Y ticks, and the day or month a tap on a bar opens.
 */
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, useActiveTooltipLabel } from 'recharts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useTimeZone } from '../../shared/time/time-zone-context.tsx';
import type { EnergyBars as EnergyBarsData } from './api/power-query.ts';
import { barTarget, BAR_GAP_PX, energyTicks, planBars, type BarRow, type BarUnit } from './energy-bars-plan.ts';
import { powerMessages } from './messages.ts';
import type { PowerRange } from './power-range.ts';
import { seriesLabel, type SeriesStyle } from './series-style.ts';
import { SeriesSwatch } from './SeriesSwatch.tsx';

/** Fixed geometry, so the plot's width (and with it days or weeks) is known before drawing. */
export const BARS_MARGIN = { top: 22, right: 16, bottom: 0, left: 0 } as const;
export const BARS_Y_AXIS_WIDTH = 56;
export const BARS_X_AXIS_HEIGHT = 30;

export function barsPlotArea(width: number, height: number) {
  const left = BARS_MARGIN.left + BARS_Y_AXIS_WIDTH;
  return {
    left,
    width: Math.max(0, width - left - BARS_MARGIN.right),
    height: Math.max(0, height - BARS_MARGIN.top - BARS_MARGIN.bottom - BARS_X_AXIS_HEIGHT),
  };
}

/** The bar under a point `x` px from the chart's left edge, or null left or right of the plot. */
export function barIndexAt(x: number, width: number, count: number): number | null {
  const plot = barsPlotArea(width, 0);
  if (count < 1 || plot.width <= 0) return null;
  const index = Math.floor(((x - plot.left) / plot.width) * count);
  return index >= 0 && index < count ? index : null;
}

const isConnector = (measure: string) => measure.startsWith('connector');

/** Bars side by side in one band: the connectors' stack counts once. */
export function columnsOf(measures: readonly string[]): number {
  return Math.max(1, (measures.some(isConnector) ? 1 : 0) + measures.filter((m) => !isConnector(m)).length);
}

const TICK_STYLE = { fill: 'var(--color-muted)', fontSize: 14 } as const;
const AXIS_LINE = { stroke: 'var(--color-border)' } as const;
const CURSOR = { fill: 'var(--color-border)', fillOpacity: 0.3 } as const;

export interface EnergyBarsProps {
  data: EnergyBarsData;
  /** In legend order; those in `hidden` are left out. */
  series: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  width: number;
  height: number;
  /** The range's name, for the drawing's accessible name ("Energy in kWh per week over 30 days"). */
  rangeName: string;
  /** A tap (or Enter) on a bar: the range it leads to. Without it (a locked kiosk) bars only show. */
  onOpen?: ((range: PowerRange) => void) | undefined;
}

export const EnergyBars = memo(function EnergyBars({ data, series, hidden, width, height, rangeName, onOpen }: EnergyBarsProps) {
  const fmt = useFormat();
  const m = useMessages(powerMessages);
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.measure)), [series, hidden]);
  const plotArea = barsPlotArea(width, height);
  const plan = useMemo(() => planBars(data, columnsOf(visible.map((s) => s.measure)), plotArea.width), [data, visible, plotArea.width]);
  const rows = useMemo(() => plan.rows.map((row) => ({ ...row.kWh, t: row.t })), [plan]);
  const max = useMemo(() => {
    let top = 0;
    for (const row of plan.rows) {
      const connectors = visible.filter((s) => isConnector(s.measure)).reduce((sum, s) => sum + (row.kWh[s.measure] ?? 0), 0);
      top = Math.max(top, connectors, ...visible.filter((s) => !isConnector(s.measure)).map((s) => row.kWh[s.measure] ?? 0));
    }
    return top;
  }, [plan, visible]);
  const { ticks, decimals } = energyTicks(max, plotArea.height);
  // A thin panel-coloured edge parts the stacked pieces of several connectors without colour.
  const parted = visible.filter((s) => isConnector(s.measure)).length > 1;
  const monthTick = useMonthTick();
  const tickLabel = useCallback((t: number) => (plan.unit === 'month' ? monthTick(t) : fmt.weekdayDate(t)), [plan.unit, fmt, monthTick]);

  const open = useCallback((index: number | null) => {
    const row = index === null ? undefined : plan.rows[index];
    if (row && onOpen) onOpen(barTarget(row, plan.unit));
  }, [plan, onOpen]);
  const onClick = useCallback((event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    open(barIndexAt(event.clientX - box.left, width, plan.rows.length));
  }, [open, width, plan.rows.length]);
  // Recharts' keyboard layer moves the tooltip with the arrow keys; Enter opens the bar it is on.
  const activeT = useRef<number | null>(null);
  const setActive = useCallback((t: number | null) => {
    activeT.current = t;
  }, []);
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || activeT.current === null) return;
    const index = plan.rows.findIndex((row) => row.t === activeT.current);
    if (index >= 0) open(index);
  }, [plan, open]);

  return (
    <div
      className={`energy-bars ${onOpen ? 'energy-bars-open' : ''}`}
      data-unit={plan.unit}
      data-bar-size={plan.barSize}
      data-bands={plan.rows.length}
      onClick={onOpen ? onClick : undefined}
      onKeyDown={onOpen ? onKeyDown : undefined}
    >
      {/* HTML, not an SVG label: it takes the room it needs and is never cut off. */}
      <span className="power-unit text-xs font-semibold text-muted" data-testid="energy-unit">
        {m.kwhPer(plan.unit)}
      </span>
      <BarChart
        width={width}
        height={height}
        data={rows}
        margin={BARS_MARGIN}
        barGap={BAR_GAP_PX}
        barSize={plan.barSize}
        role="img"
        aria-label={m.barsLabel(rangeName, plan.unit)}
        data-testid="energy-bars"
      >
        <CartesianGrid stroke="var(--color-border)" strokeOpacity={0.6} vertical={false} />
        <XAxis dataKey="t" tickFormatter={tickLabel} tick={TICK_STYLE} tickLine={false} axisLine={AXIS_LINE} height={BARS_X_AXIS_HEIGHT} minTickGap={12} />
        <YAxis
          type="number"
          domain={[0, ticks.at(-1)!]}
          ticks={ticks}
          interval={0}
          tickFormatter={(v: number) => fmt.number(v, decimals)}
          tick={TICK_STYLE}
          tickLine={false}
          axisLine={false}
          width={BARS_Y_AXIS_WIDTH}
        />
        <Tooltip
          cursor={CURSOR}
          content={<BarTooltip rows={plan.rows} unit={plan.unit} series={visible} opens={onOpen !== undefined} />}
          isAnimationActive={false}
        />
        {visible.map((s) => (
          <Bar
            key={s.measure}
            dataKey={s.measure}
            name={s.measure}
            fill={s.color}
            stroke={parted && isConnector(s.measure) ? 'var(--color-panel)' : undefined}
            strokeWidth={parted && isConnector(s.measure) ? 1 : undefined}
            stackId={isConnector(s.measure) ? 'connectors' : undefined}
            className={`energy-bar-${s.measure}`}
            isAnimationActive={false}
          />
        ))}
        <ActiveBar onChange={setActive} />
      </BarChart>
    </div>
  );
});

/**
 * A month on the axis: its short name ("Dec, Jan, Feb …"), so all twelve fit where "December
 * 2025" fitted four; the tooltip names the month with its year. Built once per language and zone
 * (building Intl objects is costly on a tablet).
 */
function useMonthTick(): (t: number) => string {
  const { locale } = useFormat();
  const zone = useTimeZone();
  return useMemo(() => monthTickFormatter(locale, zone), [locale, zone]);
}

const monthTicks = new Map<string, (t: number) => string>();

function monthTickFormatter(locale: string, zone: string): (t: number) => string {
  const key = `${locale}|${zone}`;
  let format = monthTicks.get(key);
  if (!format) {
    const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: zone });
    format = (t) => short.format(t);
    monthTicks.set(key, format);
  }
  return format;
}

/** Keeps the bar the tooltip is on (pointer or keyboard) where the key handler can read it. */
function ActiveBar({ onChange }: { onChange: (t: number | null) => void }) {
  const label = useActiveTooltipLabel();
  useEffect(() => onChange(label === undefined || label === null ? null : Number(label)), [label, onChange]);
  return null;
}

interface BarTooltipProps {
  rows: readonly BarRow[];
  unit: BarUnit;
  series: readonly SeriesStyle[];
  opens: boolean;
  /** Filled in by Recharts. */
  active?: boolean;
  label?: unknown;
}

/** The bar's day, week or month, each series' energy (the connectors' sum when there are several) and where a tap leads. */
function BarTooltip({ rows, unit, series, opens, active, label }: BarTooltipProps) {
  const m = useMessages(powerMessages);
  const fmt = useFormat();
  const row = active ? rows.find((r) => r.t === Number(label)) : undefined;
  if (!row) return null;
  const title = unit === 'month' ? fmt.month(row.t) : unit === 'week' ? `${fmt.date(row.t)} – ${fmt.date(row.lastStartMs)}` : fmt.date(row.t);
  const connectors = series.filter((s) => isConnector(s.measure));
  const value = (kWh: number) => fmt.kwh(kWh, kWh >= 100 ? 0 : 1);
  return (
    <div role="status" data-testid="energy-tooltip" className="power-tooltip">
      <p className="power-tooltip-time">{title}</p>
      <table>
        <tbody>
          {series.map((s) => (
            <tr key={s.measure} data-series={s.measure}>
              <td>
                <SeriesSwatch style={s} />
              </td>
              <td className="text-muted">{seriesLabel(s.measure, m)}</td>
              <td className="power-tooltip-value" data-value={row.kWh[s.measure] ?? 0}>
                {value(row.kWh[s.measure] ?? 0)}
              </td>
            </tr>
          ))}
          {connectors.length > 1 ? (
            <tr>
              <td />
              <td className="text-muted">{m.connectorsTotal}</td>
              <td className="power-tooltip-value">{value(connectors.reduce((sum, s) => sum + (row.kWh[s.measure] ?? 0), 0))}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {opens ? <p className="mt-1 text-xs text-muted">{m.barOpens(unit)}</p> : null}
    </div>
  );
}
