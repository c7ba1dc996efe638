import { useFormat } from '../../shared/format/use-format.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import type { PowerLimit } from './chart-inputs.ts';
import { powerMessages } from './messages.ts';
import { seriesLabel, type SeriesStyle } from './series-style.ts';
import { SeriesSwatch } from './SeriesSwatch.tsx';

interface PowerLegendProps {
  series: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  /** Without it (a locked kiosk) the entries are plain labels, not buttons. */
  onToggle?: ((measure: string) => void) | undefined;
  /** kWh per measure over the visible range. */
  energies: ReadonlyMap<string, number>;
  limits: readonly PowerLimit[];
  /** Limits drawn as lines; the others are above the chart's scale. */
  onScale: readonly PowerLimit[];
}

/** One toggle per series with its energy in the range, then the limits. */
export function PowerLegend({ series, hidden, onToggle, energies, limits, onScale }: PowerLegendProps) {
  const m = useMessages(powerMessages);
  const fmt = useFormat();
  return (
    <div className="power-legend flex flex-wrap items-center gap-2">
      <ul className="flex flex-wrap gap-2" aria-label={m.energyInRange}>
        {series.map((s) => {
          const shown = !hidden.has(s.measure);
          const label = seriesLabel(s.measure, m);
          const kwh = energies.get(s.measure) ?? 0;
          const entry = (
            <>
              <SeriesSwatch style={s} />
              <span className="power-legend-name">{label}</span>
              <span className="font-semibold tabular-nums">{fmt.kwh(kwh, kwh >= 100 ? 0 : 1)}</span>
            </>
          );
          return (
            <li key={s.measure}>
              {onToggle ? (
                <Button aria-pressed={shown} title={m.seriesToggle(label, shown)} data-series={s.measure} onClick={() => onToggle(s.measure)}>
                  {entry}
                </Button>
              ) : (
                <span data-series={s.measure} className="flex items-center gap-2 px-2 text-sm">
                  {entry}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {limits.map((limit) => {
        const style = series.find((s) => s.measure === limit.measure);
        const name = limit.measure === 'cluster' ? m.clusterLimit : m.buildingLimit;
        const kw = fmt.kw(limit.kw, 1);
        return (
          <span key={limit.measure} data-limit={limit.measure} className="flex items-center gap-2 px-2 text-sm text-muted">
            <SeriesSwatch style={{ color: style?.color ?? 'var(--color-warn)', dashed: true }} dashed="limit" />
            {onScale.includes(limit) ? `${name} ${kw}` : m.limitOffScale(name, kw)}
          </span>
        );
      })}
    </div>
  );
}
