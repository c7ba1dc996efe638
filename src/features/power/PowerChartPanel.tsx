/**
 * The power chart panel on the live view: range picker, chart, legend with energies.
 * Loaded lazily by the shell, so Recharts never delays the connector cards.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { powerProfileQuery } from '../../api/power-profile-query.ts';
import { generalStatusQuery } from '../../api/queries.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useKiosk } from '../../shared/hooks/use-kiosk.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { Panel } from '../../shared/ui/Panel.tsx';
import { errorHeadline } from '../../shared/ui/error-text.ts';
import { useSearchParams } from '../../shared/url/use-search-params.ts';
import { ChartHover } from './ChartHover.tsx';
import { limitsFromPowerManagement, measuresFromEvses, type PowerLimit } from './chart-inputs.ts';
import { powerMessages } from './messages.ts';
import { droppedCount, energyKwh, hasAnyPoint, type PowerGrid } from './power-grid.ts';
import { powerPlan } from './power-plan.ts';
import { parseRange, windowAt } from './power-range.ts';
import { PowerChart, dataMax, plotArea, xDomain, yScale } from './PowerChart.tsx';
import { PowerLegend } from './PowerLegend.tsx';
import { RangePicker } from './RangePicker.tsx';
import { drawOrder, seriesStyles } from './series-style.ts';
import { useElementSize } from './use-element-size.ts';
import './power-chart.css';

export function PowerChartPanel({ chargerId }: { chargerId: string }) {
  const m = useMessages(powerMessages);
  const { lang } = useLocale();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => parseRange(params), [params]);
  const kiosk = useKiosk();

  // The live view polls the same status query: this reads its cache, no request of its own.
  const status = useQuery(generalStatusQuery(chargerId));
  const measureList = measuresFromEvses(status.data?.evses.ok ? status.data.evses.data : null).join(',');
  // As text, so the limits change identity only when a limit changes, not on every status poll.
  const limitsJson = JSON.stringify(status.data?.powerManagement.ok ? limitsFromPowerManagement(status.data.powerManagement.data) : []);
  const limits = useMemo(() => JSON.parse(limitsJson) as readonly PowerLimit[], [limitsJson]);

  const plan = useMemo(() => powerPlan(range, measureList.split(',')), [range, measureList]);
  const profile = useQuery({
    ...powerProfileQuery(chargerId, plan),
    // Which connectors exist comes from the status; asking before it arrives would ask twice.
    enabled: !status.isPending,
    // Switching ranges keeps the old lines (dimmed) until the new ones arrive: no jump to an empty box.
    placeholderData: keepPreviousData,
  });
  const grid = profile.data;

  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((measure: string) => {
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(measure)) next.add(measure);
      return next;
    });
  }, []);

  const styles = useMemo(() => seriesStyles(measureList.split(',')), [measureList]);
  const drawn = useMemo(() => drawOrder(styles), [styles]);
  const energies = useMemo(() => new Map(grid ? grid.measures.map((mm) => [mm, energyKwh(grid.values[mm]!)] as const) : []), [grid]);

  const now = useNow(30_000);
  const error = profile.error && isApiError(profile.error) ? profile.error : null;
  const panelError = profile.isError
    ? {
        headline: error ? errorHeadline(error, lang) : String(profile.error),
        detail: grid && profile.dataUpdatedAt ? m.notUpdated(fmt.relative(profile.dataUpdatedAt, now)) : error?.message,
      }
    : null;

  const rangeWindow = windowAt(range, now);
  const rangeName = range.kind === 'day' ? fmt.date(rangeWindow.from) : { '6h': m.last6h, '24h': m.last24h, '7d': m.last7d }[range.span];

  return (
    <Panel
      title={m.title}
      testId="power-chart"
      error={panelError}
      className="power-chart"
      actions={kiosk ? <span className="text-sm text-muted">{rangeName}</span> : <RangePicker range={range} nowMs={now} onChange={(changes) => setParams(changes)} />}
    >
      {profile.isError && !grid ? null : (
        <ChartBody
          grid={grid}
          loading={status.isPending || profile.isPending || profile.isPlaceholderData}
          futureDay={rangeWindow.until < rangeWindow.from}
          styles={styles}
          drawn={drawn}
          hidden={hidden}
          onToggle={toggle}
          energies={energies}
          limits={limits}
          label={m.chartLabel(rangeName)}
        />
      )}
    </Panel>
  );
}

interface ChartBodyProps {
  grid: PowerGrid | undefined;
  loading: boolean;
  futureDay: boolean;
  styles: ReturnType<typeof seriesStyles>;
  drawn: ReturnType<typeof seriesStyles>;
  hidden: ReadonlySet<string>;
  onToggle(measure: string): void;
  energies: ReadonlyMap<string, number>;
  limits: readonly PowerLimit[];
  label: string;
}

function ChartBody({ grid, loading, futureDay, styles, drawn, hidden, onToggle, energies, limits, label }: ChartBodyProps) {
  const m = useMessages(powerMessages);
  const box = useRef<HTMLDivElement>(null);
  // The plot takes the height the layout leaves it (power-chart.css: `.power-plot`).
  const { width, height } = useElementSize(box);
  const empty = grid !== undefined && !hasAnyPoint(grid);
  const dropped = grid ? droppedCount(grid) : 0;
  const visible = styles.filter((s) => !hidden.has(s.measure));
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
        {!grid ? (
          <p className="power-message text-lg text-muted">{m.loading}</p>
        ) : empty ? (
          <p className="power-message text-lg text-muted">{futureDay ? m.notYet : m.noData}</p>
        ) : width > 0 && height > 0 ? (
          <>
            <span aria-hidden className="power-unit text-xs font-semibold text-muted">
              kW
            </span>
            <PowerChart grid={grid} series={drawn} hidden={hidden} scale={scale} width={width} height={height} label={label} />
            <ChartHover grid={grid} series={visible} width={width} height={height} />
          </>
        ) : null}
      </div>
      {grid && !empty ? (
        <>
          <PowerLegend series={styles} hidden={hidden} onToggle={onToggle} energies={energies} limits={limits} onScale={scale.onScale} />
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
