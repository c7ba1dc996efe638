/**
 * Timeline events from the status stream: what changed between the last state we kept and a new
 * reading (or a failure). Pure; the recorder keeps the state in the archive next to the events,
 * in one transaction, so a restart compares with the state before it and writes nothing twice.
 */
import type { TimelineKind } from '../../src/api/archive-schemas.ts';
import type { LiveStatus } from '../../contract/live-status.ts';

export interface ConnectorState {
  status: string;
  /** `type: description` while the connector reports a fault; null otherwise. */
  fault: string | null;
}

export interface ChargerState {
  connectors: Record<string, ConnectorState>;
  unreachable: boolean;
  /** The load guard's meter link; null when none is fitted or it is not reported. */
  loadGuardConnected: boolean | null;
}

export interface DerivedEvent {
  at: number;
  kind: TimelineKind | 'status';
  /** 0 for charger-wide events. */
  connector: number;
  detail: string | null;
}

export const EMPTY_STATE: ChargerState = { connectors: {}, unreachable: false, loadGuardConnected: null };

const PLUGGED = new Set(['Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing']);
const FLOWING = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);
const STATUS_KIND: Record<string, DerivedEvent['kind']> = {
  Charging: 'charging',
  SuspendedEV: 'suspended_ev',
  SuspendedEVSE: 'suspended_evse',
  Finishing: 'finished',
};

/** The state a reading shows; sections that failed to parse keep what was known. */
export function stateOf(live: LiveStatus, previous: ChargerState): ChargerState {
  const connectors: Record<string, ConnectorState> = { ...previous.connectors };
  if (live.evses.ok) {
    for (const evse of live.evses.data) {
      for (const connector of evse.connectors) {
        const online = connector.onlineData;
        if (!online) continue;
        const fault = online.faultEventType || online.faultEventDescription ? [online.faultEventType, online.faultEventDescription].filter(Boolean).join(': ') : null;
        connectors[String(connector.connectorId)] = { status: online.status, fault: online.status === 'Faulted' ? (fault ?? 'Faulted') : fault };
      }
    }
  }
  let loadGuardConnected = previous.loadGuardConnected;
  if (live.powerManagement.ok) {
    const guard = live.powerManagement.data?.loadGuard;
    loadGuardConnected = guard?.isInstalled && typeof guard.isConnected === 'boolean' ? guard.isConnected : null;
  }
  return { connectors, unreachable: false, loadGuardConnected };
}

/** Events between two states, all at `at` (when our server saw the change). */
export function deriveEvents(previous: ChargerState | null, next: ChargerState, at: number): DerivedEvent[] {
  const events: DerivedEvent[] = [];
  const push = (kind: DerivedEvent['kind'], connector: number, detail: string | null = null) => events.push({ at, kind, connector, detail });
  if (previous?.unreachable && !next.unreachable) push('reachable', 0);
  if (!previous?.unreachable && next.unreachable) push('unreachable', 0, null);

  for (const [id, now] of Object.entries(next.connectors)) {
    const connector = Number(id);
    const before = previous?.connectors[id];
    // The first reading ever: nothing happened, we only learn where things stand.
    if (!before) continue;
    if (before.fault !== now.fault) {
      if (now.fault) push('fault', connector, now.fault);
      else push('fault_cleared', connector, before.fault);
    }
    if (before.status === now.status) continue;
    const wasPlugged = PLUGGED.has(before.status);
    const isPlugged = PLUGGED.has(now.status);
    if (!wasPlugged && isPlugged) push('plugged_in', connector);
    if (wasPlugged && !isPlugged) {
      // Straight from charging to unplugged: the session finished on the way.
      if (FLOWING.has(before.status)) push('finished', connector);
      if (now.status === 'Available') push('unplugged', connector);
    }
    const kind = STATUS_KIND[now.status];
    if (kind) push(kind, connector);
    else if (now.status !== 'Available' && now.status !== 'Preparing' && now.status !== 'Faulted') push('status', connector, now.status);
  }

  if (previous && previous.loadGuardConnected !== next.loadGuardConnected) {
    if (next.loadGuardConnected === false) push('load_guard_disconnected', 0);
    else if (next.loadGuardConnected === true && previous.loadGuardConnected === false) push('load_guard_connected', 0);
  }
  return events;
}

/** The state after a failed status read: everything else as it was. */
export function unreachableState(previous: ChargerState | null): ChargerState {
  return { ...(previous ?? EMPTY_STATE), unreachable: true };
}
