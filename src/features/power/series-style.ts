/**
 * How each series looks: a colour of the shared palette (CSS variables in power-chart.css, so the
 * themes switch without re-rendering the chart) and a dash pattern, so no two lines are told apart
 * by colour alone. The first connector is drawn in the status language's charging green.
 */
import { humanizeName } from '../../../contract/state-vocabulary.ts';

export interface SeriesStyle {
  measure: string;
  color: string;
  /** SVG dash pattern; undefined = solid. */
  dash: string | undefined;
  width: number;
}

/** Connectors solid, the building long dashes, the cluster short dashes; limits dotted. */
export const BUILDING_DASH = '10 5';
export const CLUSTER_DASH = '4 4';
export const limitDash = '1 6';

const CONNECTOR_COLOURS = 4;

export function seriesStyles(measures: readonly string[]): SeriesStyle[] {
  const connectors = measures.filter((m) => m.startsWith('connector'));
  return measures.map((measure) => {
    if (measure === 'building') return { measure, color: 'var(--power-building)', dash: BUILDING_DASH, width: 2 };
    if (measure === 'cluster') return { measure, color: 'var(--power-cluster)', dash: CLUSTER_DASH, width: 2.5 };
    const index = connectors.indexOf(measure) % CONNECTOR_COLOURS;
    return { measure, color: `var(--power-connector-${index + 1})`, dash: undefined, width: 3 };
  });
}

/** Building at the bottom, then the cluster, the connectors (the household's own lines) on top. */
export function drawOrder(styles: readonly SeriesStyle[]): SeriesStyle[] {
  const rank = (m: string) => (m === 'building' ? 0 : m === 'cluster' ? 1 : 2);
  return [...styles].sort((a, b) => rank(a.measure) - rank(b.measure));
}

export function seriesLabel(measure: string, m: { connector(n: number): string; building: string; cluster: string }): string {
  if (measure === 'building') return m.building;
  if (measure === 'cluster') return m.cluster;
  const n = /^connector(\d+)$/.exec(measure);
  return n ? m.connector(Number(n[1])) : humanizeName(measure);
}
