/**
 * Notifications derived from snapshot transitions: a session that was open and is closed
 * ("session finished", with its energy, duration and cost), a fault that appears, and a charger
 * that has not answered for longer than the configured minutes. What each charger looked like is
 * kept (`TrackedCharger`, persisted with the events in one transaction by the outbox), so a
 * restart neither repeats an event nor misses one that happened while the server was down: a
 * session open before the restart and closed after it is still told, once.
 */
import type { ChargerSnapshot, ConnectorSnapshot } from '../../contract/snapshot.ts';
import type { NotificationRule } from './home-config.ts';
import { connectorsOf } from './state-payloads.ts';

export type NotificationEvent =
  | {
      kind: 'session_finished';
      chargerId: string;
      chargerName: string;
      connector: string;
      at: string;
      energyKwh: number | null;
      durationSeconds: number | null;
      cost: number | null;
      currency: string;
    }
  | { kind: 'fault'; chargerId: string; chargerName: string; connector: string; at: string; severity: 'fault' | 'warning'; faultType: string | null; faultText: string | null }
  | { kind: 'unreachable'; chargerId: string; chargerName: string; at: string; since: string; minutes: number; code: string; message: string }
  | { kind: 'test'; at: string };

export interface KeyedEvent {
  /** The same event derived twice has the same key (the outbox keeps one). */
  key: string;
  event: NotificationEvent;
}

interface TrackedConnector {
  open: boolean;
  /** When we first saw the session open (the reading's time): the session's identity. */
  openedAt: string | null;
  startedAt: string | null;
  energyKwh: number | null;
  seconds: number | null;
  cost: number | null;
  /** The fault being reported, as `severity|type|text`; null without one. */
  fault: string | null;
}

export interface TrackedCharger {
  connectors: Record<string, TrackedConnector>;
  unreachableSince: string | null;
  unreachableTold: boolean;
}

export interface DeriveContext {
  chargerName: string;
  rules: ReadonlySet<NotificationRule>;
  unreachableMinutes: number;
  /** The server's clock, ms. */
  now: number;
}

/** A finished session's own figures are trusted when it ended this close to the tracked one's start or later. */
const SAME_SESSION_MS = 60_000;

export function deriveNotifications(previous: TrackedCharger | null, snapshot: ChargerSnapshot, context: DeriveContext): { state: TrackedCharger; events: KeyedEvent[] } {
  const state: TrackedCharger = previous ? { ...previous, connectors: { ...previous.connectors } } : { connectors: {}, unreachableSince: null, unreachableTold: false };
  const events: KeyedEvent[] = [];
  const at = snapshot.readAt ?? new Date(context.now).toISOString();
  const base = { chargerId: snapshot.chargerId, chargerName: context.chargerName };

  if (!snapshot.reachable) {
    const since = snapshot.problem?.since ?? at;
    if (state.unreachableSince !== since) {
      state.unreachableSince = since;
      state.unreachableTold = false;
    }
    const minutes = (context.now - Date.parse(since)) / 60_000;
    if (!state.unreachableTold && minutes >= context.unreachableMinutes) {
      state.unreachableTold = true;
      if (context.rules.has('unreachable')) {
        events.push({
          key: `unreachable:${snapshot.chargerId}:${since}`,
          event: { kind: 'unreachable', ...base, at: new Date(context.now).toISOString(), since, minutes: Math.floor(minutes), code: snapshot.problem?.code ?? 'charger_unreachable', message: snapshot.problem?.message ?? '' },
        });
      }
    }
    // A failed reading tells nothing about the connectors: they keep what they were.
    return { state, events };
  }
  state.unreachableSince = null;
  state.unreachableTold = false;
  if (!snapshot.connectors.ok) return { state, events };

  for (const connector of connectorsOf(snapshot)) {
    const before = state.connectors[connector.key] ?? null;
    const now = track(before, connector, at);
    state.connectors[connector.key] = now;

    const restarted = before?.open && now.open && before.energyKwh !== null && now.energyKwh !== null && now.energyKwh < before.energyKwh - 0.1;
    if (before?.open && (!now.open || restarted) && context.rules.has('session_finished')) {
      events.push({ key: `session_finished:${snapshot.chargerId}:${connector.key}:${before.openedAt}`, event: finished(before, connector, snapshot, base, at, restarted === true) });
    }
    if (now.fault !== null && now.fault !== before?.fault && context.rules.has('fault')) {
      const fault = connector.fault;
      events.push({
        key: `fault:${snapshot.chargerId}:${connector.key}:${at}`,
        event: { kind: 'fault', ...base, connector: connector.label, at, severity: fault?.severity ?? 'fault', faultType: fault?.type ?? null, faultText: fault?.text ?? (fault ? null : connector.state.raw) },
      });
    }
  }
  return { state, events };
}

function track(before: TrackedConnector | null, connector: ConnectorSnapshot, at: string): TrackedConnector {
  const open = connector.state.sessionOpen;
  const session = open ? connector.session : null;
  const restarted = before?.open && open && before.energyKwh !== null && session?.energyKwh != null && session.energyKwh < before.energyKwh - 0.1;
  const continuing = before?.open === true && open && !restarted;
  return {
    open,
    openedAt: open ? (continuing ? before.openedAt : at) : null,
    startedAt: open ? (continuing ? (before.startedAt ?? session?.startedAt ?? null) : (session?.startedAt ?? null)) : null,
    // While open, the last known figures are kept when a reading leaves them out.
    energyKwh: open ? (session?.energyKwh ?? (continuing ? before.energyKwh : null)) : null,
    seconds: open ? (session?.activeSeconds ?? (continuing ? before.seconds : null)) : null,
    cost: open ? (session?.costSoFar ?? (continuing ? before.cost : null)) : null,
    fault: faultIdentity(connector),
  };
}

/** Warnings beside a working state are not faults; a fault is the fault's severity, or the `fault` state. */
function faultIdentity(connector: ConnectorSnapshot): string | null {
  if (connector.fault?.severity === 'fault') return `fault|${connector.fault.type ?? ''}|${connector.fault.text ?? ''}`;
  if (connector.state.kind === 'fault') return `fault|${connector.state.raw ?? ''}|`;
  return null;
}

function finished(
  before: TrackedConnector,
  connector: ConnectorSnapshot,
  snapshot: ChargerSnapshot,
  base: { chargerId: string; chargerName: string },
  at: string,
  restarted: boolean,
): NotificationEvent {
  // The charger's own record of the finished session, when it is this one: its final figures.
  const last = restarted ? null : connector.lastSession;
  const since = Date.parse(before.startedAt ?? before.openedAt ?? at);
  const own = last?.endedAt && Date.parse(last.endedAt) >= since - SAME_SESSION_MS ? last : null;
  const energyKwh = own?.energyKwh ?? before.energyKwh;
  const price = snapshot.pricing.pricePerKwh;
  const cost = price !== null && energyKwh !== null ? Math.round(energyKwh * price * 100) / 100 : before.cost;
  return {
    kind: 'session_finished',
    ...base,
    connector: connector.label,
    at: own?.endedAt ?? at,
    energyKwh,
    durationSeconds: own?.durationSeconds ?? before.seconds,
    cost,
    currency: snapshot.pricing.currency,
  };
}
