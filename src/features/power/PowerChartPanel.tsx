/**
 * The power chart panel on the live view: range picker, chart, legend with energies. The data
 * comes from the archive (api/power-query.ts): 5-minute lines for 6 h to 7 days or a day, daily or
 * monthly energy bars for 30 days, 12 months and a calendar month; a tap on a bar opens its day
 * (or month). Loaded lazily by the shell, so Recharts never delays the connector cards.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error.ts';
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import { snapshotQuery } from '../../api/queries.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useKioskMode } from '../../shared/hooks/use-kiosk.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { Panel } from '../../shared/ui/Panel.tsx';
import { errorDetail, errorHeadline } from '../../shared/ui/error-text.ts';
import { useSearchParams } from '../../shared/url/use-search-params.ts';
import { useTimeZone } from '../../shared/time/time-zone-context.tsx';
import { startOfLocalDay } from '../../shared/time/local-calendar.ts';
import { energyBarsQuery, powerLinesQuery, type EnergyBars as EnergyBarsData, type PowerLines } from './api/power-query.ts';
import { limitsFromPowerManagement, measuresFromConnectors, type PowerLimit } from './chart-inputs.ts';
import { EnergyBars } from './EnergyBars.tsx';
import { powerMessages } from './messages.ts';
import { droppedCount, energyKwh, gridOf, hasAnyPoint, type PowerGrid } from './power-grid.ts';
import { isEnergyRange, parseMonth, parseRange, rangeKey, rangeParams, notYetReason, windowAt, type EnergyRange, type LinesRange, type PowerRange } from './power-range.ts';
import { PowerChart, plotArea, xDomain } from './PowerChart.tsx';
import { clusterIsConnectorsSum, coincidingSeries } from './series-overlap.ts';
import { dataMax, yScale } from './y-scale.ts';
import { PowerLegend } from './PowerLegend.tsx';
import { RangePicker } from './RangePicker.tsx';
import { drawOrder, seriesStyles, type SeriesStyle } from './series-style.ts';
import { useElementSize } from './use-element-size.ts';
import './power-chart.css';

const NO_LIMITS: readonly PowerLimit[] = [];
/** The bars show the connectors' energy; the building and the cluster are there on demand (the legend). */
const BARS_ON_DEMAND = ['building', 'cluster'];

/**
 * What the chart takes from the live status the live view already keeps (no request of its own),
 * derived in `select`: TanStack Query hands out the same array for as long as the connectors and
 * the limits are the same, so a status update every few seconds re-renders nothing here.
 */
const NO_SAME: ReadonlyMap<string, string> = new Map();

const selectMeasures = (snapshot: ChargerSnapshot) => measuresFromConnectors(snapshot.connectors.ok ? snapshot.connectors.data : null);
const selectLimits = (snapshot: ChargerSnapshot): readonly PowerLimit[] =>
  snapshot.powerManagement.ok ? limitsFromPowerManagement(snapshot.powerManagement.data) : NO_LIMITS;

export function PowerChartPanel({ chargerId }: { chargerId: string }) {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => parseRange(params), [params]);
  const kioskMode = useKioskMode();
  const kiosk = kioskMode !== 'off';

  const measures = useQuery({ ...snapshotQuery(chargerId), select: selectMeasures });
  const limits = useQuery({ ...snapshotQuery(chargerId), select: selectLimits }).data ?? NO_LIMITS;
  const measureList = measures.data ?? measuresFromConnectors(null);
  const styles = useMemo(() => seriesStyles(measureList), [measureList]);

  // Lines and bars keep their own choices: the bars start with the connectors alone.
  const [hidden, toggleSeries] = useToggleSet([]);
  const [barsHidden, toggleBarSeries] = useToggleSet(BARS_ON_DEMAND);

  // A locked kiosk has no controls: the legend entries are labels, not toggles.
  const locked = kioskMode === 'locked';
  const now = useNow(30_000);
  const rangeName = useRangeName(range, now);
  const picker = kiosk ? <span className="text-sm text-muted">{rangeName}</span> : <RangePicker range={range} nowMs={now} onChange={(changes) => setParams(changes)} />;
  // A bar opens its day (or month) as a new history entry, so Back returns to the bars. Not on a
  // kiosk: without the range picker the display could not leave the day again.
  const openRange = useCallback((target: PowerRange) => setParams(rangeParams(target), { push: true }), [setParams]);

  return isEnergyRange(range) ? (
    <EnergyPanel
      key={rangeKey(range)}
      chargerId={chargerId}
      range={range}
      styles={styles}
      hidden={barsHidden}
      onToggle={locked ? undefined : toggleBarSeries}
      onOpen={kiosk ? undefined : openRange}
      actions={picker}
      rangeName={rangeName}
      now={now}
    />
  ) : (
    <LinesPanel
      chargerId={chargerId}
      range={range}
      measures={measureList}
      statusPending={measures.isPending}
      styles={styles}
      hidden={hidden}
      onToggle={locked ? undefined : toggleSeries}
      limits={limits}
      actions={picker}
      rangeName={rangeName}
      now={now}
    />
  );
}

/** A set of series toggled on and off, starting with `initial`. */
function useToggleSet(initial: readonly string[]): [ReadonlySet<string>, (measure: string) => void] {
  const [set, setSet] = useState<ReadonlySet<string>>(() => new Set(initial));
  const toggle = useCallback((measure: string) => {
    setSet((current) => {
      const next = new Set(current);
      if (!next.delete(measure)) next.add(measure);
      return next;
    });
  }, []);
  return [set, toggle];
}

/** "24 h", "30 days", "27 Nov 2026", "November 2026". */
function useRangeName(range: PowerRange, now: number): string {
  const m = useMessages(powerMessages);
  const fmt = useFormat();
  const zone = useTimeZone();
  if (range.kind === 'day') return fmt.date(windowAt(range, now, zone).from);
  if (range.kind === 'month') {
    const first = parseMonth(range.month);
    return first ? fmt.month(startOfLocalDay(first, zone)) : range.month;
  }
  return { '6h': m.last6h, '24h': m.last24h, '7d': m.last7d, '30d': m.last30d, '12m': m.last12m }[range.span];
}

interface PanelPartProps {
  chargerId: string;
  styles: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  onToggle?: ((measure: string) => void) | undefined;
  actions: ReactNode;
  rangeName: string;
  now: number;
}

/** The panel's error, while any data already shown stays (marked with its age). */
function usePanelError(query: { isError: boolean; error: unknown; dataUpdatedAt: number }, hasData: boolean, now: number) {
  const m = useMessages(powerMessages);
  const { lang } = useLocale();
  const fmt = useFormat();
  if (!query.isError) return null;
  const error = isApiError(query.error) ? query.error : null;
  return {
    headline: error ? errorHeadline(error, lang) : String(query.error),
    detail: hasData && query.dataUpdatedAt ? m.notUpdated(fmt.relative(query.dataUpdatedAt, now)) : errorDetail(error, lang),
  };
}

/** Where the answer came from, said plainly when it was not (only) the archive. */
function SourceNote({ source, complete, className = '' }: { source: string; complete: boolean; className?: string }) {
  const m = useMessages(powerMessages);
  const text = !complete ? m.incomplete : source === 'mixed' ? m.partlyFromCharger : source === 'charger' ? m.fromCharger : null;
  // Over the plot's top edge, where the chart keeps a margin: it costs the plot no height.
  return text ? (
    <p className={`absolute right-1 top-0 z-10 max-w-[80%] truncate text-xs ${complete ? 'text-muted' : 'text-warn'} ${className}`} title={text} data-testid="power-source" data-source={source}>
      {text}
    </p>
  ) : null;
}

function LinesPanel({
  chargerId,
  range,
  measures,
  statusPending,
  styles,
  hidden,
  onToggle,
  limits,
  actions,
  rangeName,
  now,
}: PanelPartProps & { range: LinesRange; measures: readonly string[]; statusPending: boolean; limits: readonly PowerLimit[] }) {
  const m = useMessages(powerMessages);
  const zone = useTimeZone();
  // The grid is laid out once per answer (and again only when the connectors change).
  const toGrid = useCallback((data: PowerLines) => gridOf(data.answer.points, data.window, measures), [measures]);
  const lines = useQuery({
    ...powerLinesQuery(chargerId, range, zone),
    select: toGrid,
    // Switching ranges keeps the old lines (dimmed) until the new ones arrive: no jump to an empty box.
    placeholderData: keepPreviousData,
  });
  const answer = useQuery({ ...powerLinesQuery(chargerId, range, zone), select: selectSource, placeholderData: keepPreviousData }).data;
  const grid = lines.data;
  const drawn = useMemo(() => drawOrder(styles), [styles]);
  const energies = useMemo(() => new Map(grid ? grid.measures.map((mm) => [mm, energyKwh(grid.values[mm]!)] as const) : []), [grid]);
  const panelError = usePanelError(lines, grid !== undefined, now);
  const rangeWindow = windowAt(range, now, zone);

  return (
    <Panel title={m.title} testId="power-chart" error={panelError} className="power-chart" actions={actions}>
      {lines.isError && !grid ? null : (
        <ChartBody
          grid={grid}
          loading={statusPending || lines.isPending || lines.isPlaceholderData}
          notYet={notYetReason(rangeWindow, now)}
          styles={styles}
          drawn={drawn}
          hidden={hidden}
          onToggle={onToggle}
          energies={energies}
          limits={limits}
          label={m.chartLabel(rangeName)}
          note={answer && !lines.isPlaceholderData ? <SourceNote source={answer.source} complete={answer.complete} /> : null}
        />
      )}
    </Panel>
  );
}

const selectSource = (data: PowerLines) => ({ source: data.answer.source, complete: data.answer.complete });

function EnergyPanel({
  chargerId,
  range,
  styles,
  hidden,
  onToggle,
  onOpen,
  actions,
  rangeName,
  now,
}: PanelPartProps & { range: EnergyRange; onOpen?: ((range: PowerRange) => void) | undefined }) {
  const m = useMessages(powerMessages);
  const bars = useQuery(energyBarsQuery(chargerId, range, useTimeZone()));
  const data = bars.data;
  const panelError = usePanelError(bars, data !== undefined, now);
  const energies = useMemo(() => new Map(Object.entries(data?.totals ?? {})), [data]);
  // Only the series the status names (the archive may hold a connector the charger no longer has).
  const shown = useMemo(() => styles.filter((s) => !data || data.series.includes(s.measure)), [styles, data]);
  // The cluster of a charger alone in it is its connectors' sum: said in the legend, not drawn.
  const same = useMemo(() => {
    const connectors = shown.map((s) => s.measure).filter((measure) => measure.startsWith('connector'));
    return data && shown.some((s) => s.measure === 'cluster') && clusterIsConnectorsSum(data.bars, connectors) ? new Map([['cluster', connectors.join('+')]]) : NO_SAME;
  }, [data, shown]);
  return (
    <Panel title={m.title} testId="power-chart" error={panelError} className="power-chart" actions={actions}>
      {bars.isError && !data ? null : (
        <BarsBody
          data={data}
          styles={shown}
          hidden={hidden}
          same={same}
          onToggle={onToggle}
          onOpen={onOpen}
          energies={energies}
          rangeName={rangeName}
          note={data ? <SourceNote source={data.source} complete={data.complete} className="power-note-beside-unit" /> : null}
        />
      )}
    </Panel>
  );
}

function BarsBody({
  data,
  styles,
  hidden,
  same,
  onToggle,
  onOpen,
  energies,
  rangeName,
  note,
}: {
  note: ReactNode;
  data: EnergyBarsData | undefined;
  styles: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  same: ReadonlyMap<string, string>;
  onToggle?: ((measure: string) => void) | undefined;
  onOpen?: ((range: PowerRange) => void) | undefined;
  energies: ReadonlyMap<string, number>;
  rangeName: string;
}) {
  const m = useMessages(powerMessages);
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(box);
  const empty = data !== undefined && data.bars.every((bar) => Object.values(bar.kWh).every((v) => v === 0));
  const notDrawn = useMemo(() => new Set([...hidden, ...same.keys()]), [hidden, same]);
  return (
    <div className="power-body flex flex-col gap-3">
      <div ref={box} className="power-plot relative" data-state={!data ? 'loading' : empty ? 'empty' : 'ready'} data-kind="bars">
        {note}
        {!data ? (
          <p className="power-message text-lg text-muted">{m.loading}</p>
        ) : empty ? (
          <p className="power-message text-lg text-muted">{m.noData}</p>
        ) : width > 0 && height > 0 ? (
          <EnergyBars data={data} series={styles} hidden={notDrawn} width={width} height={height} rangeName={rangeName} onOpen={onOpen} />
        ) : null}
      </div>
      {data && !empty ? <PowerLegend series={styles} hidden={hidden} same={same} onToggle={onToggle} energies={energies} limits={NO_LIMITS} onScale={NO_LIMITS} /> : null}
    </div>
  );
}

interface ChartBodyProps {
  grid: PowerGrid | undefined;
  loading: boolean;
  /** Why an empty day has no lines yet: it has not begun, or its first 5-minute step has not ended. */
  notYet: 'day' | 'step' | null;
  styles: readonly SeriesStyle[];
  drawn: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  onToggle?: ((measure: string) => void) | undefined;
  energies: ReadonlyMap<string, number>;
  limits: readonly PowerLimit[];
  label: string;
  /** Where the data came from, when it was not (only) the archive. */
  note?: ReactNode;
}

function ChartBody({ grid, loading, notYet, styles, drawn, hidden, onToggle, energies, limits, label, note }: ChartBodyProps) {
  const m = useMessages(powerMessages);
  const box = useRef<HTMLDivElement>(null);
  // The plot takes the height the layout leaves it (power-chart.css: `.power-plot`).
  const { width, height } = useElementSize(box);
  const empty = grid !== undefined && !hasAnyPoint(grid);
  const dropped = grid ? droppedCount(grid) : 0;
  // A series equal to another (the cluster of a single charger) is drawn once; the legend says so.
  const same = useMemo(() => (grid ? coincidingSeries(grid.values, styles.map((s) => s.measure)) : new Map<string, string>()), [grid, styles]);
  const notDrawn = useMemo(() => new Set([...hidden, ...same.keys()]), [hidden, same]);
  const visible = styles.filter((s) => !notDrawn.has(s.measure));
  const visibleList = visible.map((s) => s.measure).join(',');
  const max = useMemo(() => (grid ? dataMax(visibleList.split(',').map((mm) => grid.values[mm])) : 0), [grid, visibleList]);
  const scale = useMemo(() => yScale(max, limits, plotArea(width, height).height), [max, limits, width, height]);
  const [from, to] = grid ? xDomain(grid) : [null, null];

  return (
    <div className="power-body flex flex-col gap-3">
      <div
        ref={box}
        className={`power-plot relative ${loading && grid ? 'power-stale' : ''}`}
        data-state={!grid ? 'loading' : empty ? 'empty' : 'ready'}
        data-x-from={from === null ? undefined : new Date(from).toISOString()}
        data-x-to={to === null ? undefined : new Date(to).toISOString()}
      >
        {note}
        {!grid ? (
          <p className="power-message text-lg text-muted">{m.loading}</p>
        ) : empty ? (
          <p className="power-message text-lg text-muted">{notYet === 'day' ? m.notYet : notYet === 'step' ? m.firstStep : m.noData}</p>
        ) : width > 0 && height > 0 ? (
          <>
            <span aria-hidden className="power-unit text-xs font-semibold text-muted">
              kW
            </span>
            <PowerChart grid={grid} series={drawn} hidden={notDrawn} scale={scale} width={width} height={height} label={label} />
          </>
        ) : null}
      </div>
      {grid && !empty ? (
        <>
          <PowerLegend series={styles} hidden={hidden} same={same} onToggle={onToggle} energies={energies} limits={limits} onScale={scale.onScale} />
          {dropped > 0 ? (
            <p className="text-sm text-warn" data-testid="power-dropped">
              {m.dropped(dropped)}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
