/**
 * What the chart takes from the live status (the cache the live view already fills, no extra
 * request): which connector series exist, and the limits to draw as reference lines.
 */
import type { Evse, PowerManagement } from '../../../contract/charger-schemas.ts';
import { phaseLimitsKw } from '../../../contract/power-limits.ts';

/** The series besides the connectors, drawn under them. */
export const TOTAL_MEASURES = ['building', 'cluster'] as const;

/**
 * `connector<N>` per connector (the profile names connectors by `connectorId`), then building and
 * cluster. Should two EVSEs both number their connector 1, the position in the list is used
 * instead, which is the only name left that tells them apart. Without a readable status the chart
 * still shows connector 1 and the totals.
 */
export function measuresFromEvses(evses: readonly Evse[] | null): string[] {
  const connectors = (evses ?? []).flatMap((evse) => evse.connectors.map((c) => c.connectorId));
  const ids = new Set(connectors).size === connectors.length ? connectors : connectors.map((_, i) => i + 1);
  const names = (ids.length > 0 ? [...ids].sort((a, b) => a - b) : [1]).map((id) => `connector${id}`);
  return [...names, ...TOTAL_MEASURES];
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
export function limitsFromPowerManagement(pm: PowerManagement | null): PowerLimit[] {
  const limits: PowerLimit[] = [];
  const add = (measure: PowerLimit['measure'], phases: Array<number | null>) => {
    const kw = phaseLimitsKw(phases);
    if (kw !== null && kw > 0) limits.push({ measure, kw });
  };
  const cluster = pm?.cluster;
  if (cluster?.isEnabled) add('cluster', [cluster.maxCurrentL1, cluster.maxCurrentL2, cluster.maxCurrentL3]);
  const guard = pm?.loadGuard;
  if (guard?.isInstalled) add('building', [guard.maxCurrentL1, guard.maxCurrentL2, guard.maxCurrentL3]);
  return limits;
}
