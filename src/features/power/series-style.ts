/**
 * How each series looks. Colours are CSS variables (power-chart.css), so the light and dark themes
 * switch without re-rendering the chart. The cluster is dashed: with one charger it equals the
 * connector line exactly, and both must stay visible.
 */
import { humanizeEnum } from '../../shared/i18n/i18n.tsx';

export interface SeriesStyle {
  measure: string;
  color: string;
  dashed: boolean;
  width: number;
}

const CONNECTOR_COLOURS = 4;

export function seriesStyles(measures: readonly string[]): SeriesStyle[] {
  const connectors = measures.filter((m) => m.startsWith('connector'));
  return measures.map((measure) => {
    if (measure === 'building') return { measure, color: 'var(--power-building)', dashed: false, width: 2 };
    if (measure === 'cluster') return { measure, color: 'var(--power-cluster)', dashed: true, width: 2.5 };
    const index = connectors.indexOf(measure) % CONNECTOR_COLOURS;
    return { measure, color: `var(--power-connector-${index + 1})`, dashed: false, width: 2.5 };
  });
}

/** Building at the bottom, then the connectors, the dashed cluster on top: where it equals a
 * connector (one charger) its dashes let the connector's colour show through. */
export function drawOrder(styles: readonly SeriesStyle[]): SeriesStyle[] {
  const rank = (m: string) => (m === 'building' ? 0 : m === 'cluster' ? 2 : 1);
  return [...styles].sort((a, b) => rank(a.measure) - rank(b.measure));
}

export function seriesLabel(measure: string, m: { connector(n: number): string; building: string; cluster: string }): string {
  if (measure === 'building') return m.building;
  if (measure === 'cluster') return m.cluster;
  const n = /^connector(\d+)$/.exec(measure);
  return n ? m.connector(Number(n[1])) : humanizeEnum(measure);
}
