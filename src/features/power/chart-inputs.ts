/**
 * What the chart takes from the live status (the cache the live view already fills, no extra
 * request): which connector series exist, and the limits to draw as reference lines.
 */
import type { ConnectorSnapshot, PowerManagementSnapshot } from '../../../contract/snapshot.ts';

/** The series besides the connectors, drawn under them. */
export const TOTAL_MEASURES = ['building', 'cluster'] as const;

/**
 * Each connector's series as the snapshot names it (`connector<N>`: the server decides N, so two
 * EVSEs that both number their connector 1 are two series), then building and cluster. Without a
 * readable status the chart still shows connector 1 and the totals.
 */
export function measuresFromConnectors(connectors: readonly Pick<ConnectorSnapshot, 'number' | 'series'>[] | null): string[] {
  const sorted = [...(connectors ?? [])].sort((a, b) => a.number - b.number).map((c) => c.series);
  return [...(sorted.length > 0 ? sorted : ['connector1']), ...TOTAL_MEASURES];
}

export interface PowerLimit {
  /** The series the limit applies to. */
  measure: 'cluster' | 'building';
  kw: number;
}

/**
 * Cluster limit where clustering is on; the building's main-fuse limit where a load guard is
 * installed. In kW the way the live view's power-management panel shows them (230 V × the sum of
 * the per-phase limits), so the line and the panel name the same number.
 */
export function limitsFromPowerManagement(pm: PowerManagementSnapshot | null): PowerLimit[] {
  const limits: PowerLimit[] = [];
  const add = (measure: PowerLimit['measure'], kw: number | null) => {
    if (kw !== null && kw > 0) limits.push({ measure, kw });
  };
  if (pm?.cluster?.enabled) add('cluster', pm.cluster.limitKw);
  if (pm?.loadGuard?.installed) add('building', pm.loadGuard.limitKw);
  return limits;
}
