import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import type { PowerLimit } from './chart-inputs.ts';
import { powerMessages } from './messages.ts';
import { seriesLabel, type SeriesStyle } from './series-style.ts';
import { SeriesSwatch } from './SeriesSwatch.tsx';

interface PowerLegendProps {
  series: readonly SeriesStyle[];
  hidden: ReadonlySet<string>;
  /** Series drawn once because they equal another: measure → the one it equals (several joined by `+`: their sum). */
  same: ReadonlyMap<string, string>;
  /** Without it (a locked kiosk) the entries are plain labels, not buttons. */
  onToggle?: ((measure: string) => void) | undefined;
  /** kWh per measure over the visible range. */
  energies: ReadonlyMap<string, number>;
  limits: readonly PowerLimit[];
  /** Limits drawn (and labelled) on the chart; the others are listed here. */
  onScale: readonly PowerLimit[];
}

/**
 * One entry per series with its energy in the range (a toggle, unless locked); a series equal to
 * another says so instead of drawing a second line over the first; limits above the chart's
 * scale are named here.
 */
export function PowerLegend({ series, hidden, same, onToggle, energies, limits, onScale }: PowerLegendProps) {
  const m = useMessages(powerMessages);
  const fmt = useFormat();
  return (
    <div className="power-legend flex flex-wrap items-center gap-x-2 gap-y-1">
      <ul className="flex flex-wrap items-center gap-1" aria-label={m.energyInRange}>
        {series.map((s) => {
          const label = seriesLabel(s.measure, m);
          const kwh = energies.get(s.measure);
          const equals = same.get(s.measure);
          if (equals) {
            const others = equals.split('+');
            return (
              <li key={s.measure} data-series={s.measure} data-same-as={equals} className="flex items-center gap-2 px-1 text-sm text-muted">
                <SeriesSwatch style={series.find((o) => o.measure === others[0]) ?? s} />
                {m.sameAs(label, m.sumOf(...others.map((other) => seriesLabel(other, m))))}
              </li>
            );
          }
          const shown = !hidden.has(s.measure);
          const entry = (
            <>
              <SeriesSwatch style={s} />
              <span className="power-legend-name">{label}</span>
              <span className="font-semibold tabular-nums" data-value={kwh}>
                {kwh === undefined ? '—' : fmt.kwh(kwh, kwh >= 100 ? 0 : 1)}
              </span>
            </>
          );
          return (
            <li key={s.measure}>
              {onToggle ? (
                <Button aria-pressed={shown} title={m.seriesToggle(label, shown)} data-series={s.measure} onClick={() => onToggle(s.measure)}>
                  {entry}
                </Button>
              ) : (
                <span data-series={s.measure} className="flex min-h-11 items-center gap-2 px-2 text-sm">
                  {entry}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {limits
        .filter((limit) => !onScale.includes(limit))
        .map((limit) => {
          const style = series.find((s) => s.measure === limit.measure);
          const name = limit.measure === 'cluster' ? m.clusterLimit : m.buildingLimit;
          return (
            <span key={limit.measure} data-limit={limit.measure} className="flex items-center gap-2 px-1 text-sm text-muted">
              <SeriesSwatch style={{ color: style?.color ?? 'var(--color-warn)', dash: undefined }} limit />
              {m.limitOffScale(name, fmt.kw(limit.kw, 1))}
            </span>
          );
        })}
    </div>
  );
}
