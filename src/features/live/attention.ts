/**
 * Does anything in the installer's corner (load guard, cluster, connectivity) need a look, so the
 * compact strip opens by itself. The strip's, in its lazy chunk.
 */
import type { Connectivity, PowerManagement } from '../../../contract/charger-schemas.ts';
import type { Section } from '../../../contract/live-status.ts';
import { phaseLimitsKw } from '../../../contract/power-limits.ts';

/** At this share of a limit the strip opens: the household should see the load guard working. */
export const NEAR_LIMIT = 0.9;

export type Attention =
  | 'fault'
  | 'meter-disconnected'
  | 'cluster-near-limit'
  | 'building-near-limit'
  | 'members-disconnected'
  | 'charger-offline'
  | 'section-broken';

export interface AttentionInput {
  /** Any connector reports a fault. */
  fault: boolean;
  /** The live data is stale (charger or server unreachable). */
  offline: boolean;
  powerManagement: Section<PowerManagement | null> | null;
  connectivity: Section<Connectivity> | null;
}

/** What in the strip needs attention now; empty when all is well (the strip stays one line). */
export function attentionReasons({ fault, offline, powerManagement, connectivity }: AttentionInput): Attention[] {
  const reasons: Attention[] = [];
  if (fault) reasons.push('fault');
  if (offline) reasons.push('charger-offline');
  if ((powerManagement && !powerManagement.ok) || (connectivity && !connectivity.ok)) reasons.push('section-broken');
  const pm = powerManagement?.ok ? powerManagement.data : null;
  const guard = pm?.loadGuard?.isInstalled ? pm.loadGuard : null;
  if (guard) {
    if (guard.isConnected === false) reasons.push('meter-disconnected');
    if (nearLimit(guard.buildingTotalPower, [guard.maxCurrentL1, guard.maxCurrentL2, guard.maxCurrentL3])) reasons.push('building-near-limit');
  }
  const cluster = pm?.cluster?.isEnabled ? pm.cluster : null;
  if (cluster) {
    if (cluster.allChargersConnected === false) reasons.push('members-disconnected');
    if (nearLimit(cluster.totalPower, [cluster.maxCurrentL1, cluster.maxCurrentL2, cluster.maxCurrentL3])) reasons.push('cluster-near-limit');
  }
  return reasons;
}

function nearLimit(powerKw: number | null, limitsA: (number | null)[]): boolean {
  const limitKw = phaseLimitsKw(limitsA);
  return powerKw != null && limitKw != null && limitKw > 0 && powerKw / limitKw > NEAR_LIMIT;
}
