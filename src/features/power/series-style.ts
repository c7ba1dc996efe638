/**
 * How each series looks: a colour of the shared palette (CSS variables in power-chart.css, so the
 * themes switch without re-rendering the chart), a dash pattern and, for a connector, a marker
 * shape drawn every so often along its line and in the legend, so no two lines are told apart by
 * colour alone (two connectors under deuteranopia: a solid line with circles, a dash-dot line
 * with squares). The first connector is drawn in the status language's charging green.
 */
import { humanizeName } from '../../../contract/state-vocabulary.ts';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface SeriesStyle {
  measure: string;
  color: string;
  /** SVG dash pattern; undefined = solid. */
  dash: string | undefined;
  width: number;
  /** Drawn sparsely along the line and in the legend; undefined = none. */
  marker?: MarkerShape | undefined;
}

/**
 * The building long dashes, the cluster short dashes; limits dotted; each connector its own
 * (below). The lines have round caps, which add half the line's width to each end of every dash:
 * a gap shows only as much as it is longer than the width (a 3 px line's "12 4" is 15 on, 1 off).
 */
export const BUILDING_DASH = '10 5';
export const CLUSTER_DASH = '3 6';
export const limitDash = '1 6';

/**
 * The first connector solid with circles, then dash-dot with squares, dotted with triangles,
 * dash-dot-dot with diamonds: unlike each other and unlike the building's and cluster's even
 * dashes. On a 3 px line with round caps: 13 px dashes, 3.5 px dots, 4 px gaps.
 */
const CONNECTOR_LOOKS: ReadonlyArray<{ dash: string | undefined; marker: MarkerShape }> = [
  { dash: undefined, marker: 'circle' },
  { dash: '10 7 0.5 7', marker: 'square' },
  { dash: '0.5 6', marker: 'triangle' },
  { dash: '10 7 0.5 6 0.5 7', marker: 'diamond' },
];

export function seriesStyles(measures: readonly string[]): SeriesStyle[] {
  const connectors = measures.filter((m) => m.startsWith('connector'));
  return measures.map((measure) => {
    if (measure === 'building') return { measure, color: 'var(--power-building)', dash: BUILDING_DASH, width: 2 };
    if (measure === 'cluster') return { measure, color: 'var(--power-cluster)', dash: CLUSTER_DASH, width: 2.5 };
    const index = connectors.indexOf(measure) % CONNECTOR_LOOKS.length;
    return { measure, color: `var(--power-connector-${index + 1})`, width: 3, ...CONNECTOR_LOOKS[index]! };
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
