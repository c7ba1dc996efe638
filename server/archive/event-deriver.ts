/**
 * Timeline events from the charger snapshots: what changed between the last state we kept and a
 * new snapshot. Pure; the recorder keeps the state in the archive next to the events, in one
 * transaction, so a restart compares with the state before it and writes nothing twice. The
 * meaning of a status comes from the snapshot's state kind (the one vocabulary), never from raw
 * names here.
 */
import type { TimelineKind } from '../../src/api/archive-schemas.ts';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { faultDetail } from '../../contract/fault-vocabulary.ts';
import { isPlugged, type StateKind } from '../../contract/state-vocabulary.ts';
import { stateKindOf } from '../../contract/status-names.ts';

export interface ConnectorState {
  /** The charger's raw name, kept for the `status` event's detail. */
  status: string;
  /** Absent in states written before kinds were kept: then read from `status`. */
  kind?: StateKind;
  /** `type: description` (`faultDetail`, read back by `parseFaultDetail`) while the connector reports a fault; null otherwise. */
  fault: string | null;
}

export interface ChargerState {
  /** By the connector's number (`ConnectorSnapshot.number`). */
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

/** Kinds of an open session: leaving one for an unplugged state means the session finished on the way. */
const FLOWING: ReadonlySet<StateKind> = new Set(['charging', 'paused_by_car', 'paused_by_charger']);
const EVENT_OF_KIND: Partial<Record<StateKind, DerivedEvent['kind']>> = {
  charging: 'charging',
  paused_by_car: 'suspended_ev',
  paused_by_charger: 'suspended_evse',
  finished: 'finished',
  reserved: 'reserved',
  unavailable: 'unavailable',
};
/** Kinds whose change says nothing beyond the plug and fault events; an unknown name is a `status` event named by itself. */
const SILENT: ReadonlySet<StateKind> = new Set(['available', 'preparing', 'fault']);

const kindOf = (state: ConnectorState): StateKind => state.kind ?? stateKindOf(state.status);

/** The state a snapshot shows; sections that could not be read keep what was known. */
export function stateOf(snapshot: ChargerSnapshot, previous: ChargerState): ChargerState {
  const connectors: Record<string, ConnectorState> = { ...previous.connectors };
  if (snapshot.connectors.ok) {
    for (const connector of snapshot.connectors.data) {
      if (connector.state.raw === null) continue;
      const fault = connector.fault ? faultDetail(connector.fault) || connector.state.raw : null;
      connectors[String(connector.number)] = { status: connector.state.raw, kind: connector.state.kind, fault };
    }
  }
  let loadGuardConnected = previous.loadGuardConnected;
  if (snapshot.powerManagement.ok) {
    const guard = snapshot.powerManagement.data?.loadGuard;
    loadGuardConnected = guard?.installed && typeof guard.connected === 'boolean' ? guard.connected : null;
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
    const was = kindOf(before);
    const is = kindOf(now);
    // A firmware that renames a state it keeps is not news; an unknown name changing is.
    if (was === is && (is !== 'unknown' || before.status === now.status)) continue;
    if (!isPlugged(was) && isPlugged(is)) push('plugged_in', connector);
    if (isPlugged(was) && !isPlugged(is)) {
      if (FLOWING.has(was)) push('finished', connector);
      if (is === 'available') push('unplugged', connector);
    }
    const kind = EVENT_OF_KIND[is];
    if (kind) push(kind, connector);
    else if (!SILENT.has(is)) push('status', connector, now.status);
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
