/**
 * What the chart takes from the live status (the cache the live view already fills, no extra
 * request): which connector series exist, and the limits to draw as reference lines.
 */
import type { Evse, PowerManagement } from '../../api/charger-schemas.ts';

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

/** Nominal phase voltage for limits given in amperes. */
const PHASE_VOLTS = 230;

/**
 * A per-phase current limit as three-phase power: 3 × 230 V × A, in kW. With unequal phases the
 * smallest limits a balanced three-phase load.
 * TODO(dedupe): the live view adds `limitKw` in src/shared/power-limits.ts; use it once on main.
 */
export function limitKw(phaseAmps: ReadonlyArray<number | null | undefined>): number | null {
  const amps = phaseAmps.filter((a): a is number => typeof a === 'number' && Number.isFinite(a) && a > 0);
  if (amps.length === 0) return null;
  return (3 * PHASE_VOLTS * Math.min(...amps)) / 1000;
}

export interface PowerLimit {
  /** The series the limit applies to. */
  measure: 'cluster' | 'building';
  kw: number;
}

/** Cluster limit where clustering is on; the building's main-fuse limit where a load guard is installed. */
export function limitsFromPowerManagement(pm: PowerManagement | null): PowerLimit[] {
  const limits: PowerLimit[] = [];
  const cluster = pm?.cluster;
  if (cluster?.isEnabled) {
    const kw = limitKw([cluster.maxCurrentL1, cluster.maxCurrentL2, cluster.maxCurrentL3]);
    if (kw !== null) limits.push({ measure: 'cluster', kw });
  }
  const guard = pm?.loadGuard;
  if (guard?.isInstalled) {
    const kw = limitKw([guard.maxCurrentL1, guard.maxCurrentL2, guard.maxCurrentL3]);
    if (kw !== null) limits.push({ measure: 'building', kw });
  }
  return limits;
}
