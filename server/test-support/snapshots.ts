/**
 * Hand-made charger snapshots and a feed the test drives, for the publishers of the snapshot
 * (MQTT, notifications, metrics) to be tested without a charger behind them.
 */
import { SNAPSHOT_VERSION, type ChargerSnapshot, type ConnectorSnapshot, type SessionSnapshot } from '../../contract/snapshot.ts';
import { isSessionOpen, type StateKind } from '../../contract/state-vocabulary.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import { RAW_OF } from '../../test-support/snapshot-fixtures.ts';

export interface ConnectorInput {
  connectorId?: number;
  kind?: StateKind;
  raw?: string | null;
  powerKw?: number | null;
  /** An open session's figures; `undefined` means none open. */
  session?: Partial<SessionSnapshot>;
  lastSession?: ConnectorSnapshot['lastSession'];
  fault?: ConnectorSnapshot['fault'];
}

export function connectorSnapshot(input: ConnectorInput = {}): ConnectorSnapshot {
  const connectorId = input.connectorId ?? 1;
  const kind = input.kind ?? 'available';
  const powerKw = input.powerKw === undefined ? (kind === 'charging' ? 7.2 : 0) : input.powerKw;
  const open = isSessionOpen(kind, powerKw);
  const session: SessionSnapshot | null =
    open || input.session
      ? {
          energyKwh: 0,
          activeSeconds: 0,
          pluggedInSeconds: null,
          startedAt: null,
          departureAt: null,
          costSoFar: null,
          ...input.session,
        }
      : null;
  return {
    key: `1-${connectorId}`,
    evseId: 1,
    evseCode: null,
    connectorId,
    label: String(connectorId),
    series: `connector${connectorId}`,
    number: connectorId,
    state: { kind, raw: input.raw === undefined ? RAW_OF[kind] : input.raw, reason: null, sessionOpen: open },
    powerKw,
    phases: null,
    targetCurrentA: null,
    currentA: null,
    maxPowerKw: 11,
    session,
    lastSession: input.lastSession ?? null,
    fault: input.fault ?? null,
  };
}

export interface SnapshotInput {
  chargerId?: string;
  readAt?: string | null;
  ageMs?: number | null;
  reachable?: boolean;
  problem?: ChargerSnapshot['problem'];
  connectors?: ConnectorSnapshot[];
  buildingKw?: number | null;
  clusterKw?: number | null;
  pricePerKwh?: number | null;
  currency?: string;
  today?: { kwh: number | null; cost: number | null };
  month?: { kwh: number | null; cost: number | null };
}

export function chargerSnapshot(input: SnapshotInput = {}): ChargerSnapshot {
  const powerManagement =
    input.buildingKw === undefined && input.clusterKw === undefined
      ? null
      : {
          loadGuard: input.buildingKw === undefined ? null : { phaseLimitsA: [32, 32, 32], limitKw: 22, installed: true, connected: true, buildingKw: input.buildingKw },
          cluster: input.clusterKw === undefined ? null : { phaseLimitsA: [16, 16, 16], limitKw: 11, enabled: true, allConnected: true, powerKw: input.clusterKw },
        };
  return {
    v: SNAPSHOT_VERSION,
    chargerId: input.chargerId ?? 'platz1',
    zone: 'Europe/Berlin',
    readAt: input.readAt === undefined ? '2025-03-10T18:00:00.000Z' : input.readAt,
    ageMs: input.ageMs === undefined ? 0 : input.ageMs,
    reachable: input.reachable ?? true,
    problem: input.problem ?? null,
    connectors: { ok: true, data: input.connectors ?? [connectorSnapshot()] },
    powerManagement: { ok: true, data: powerManagement },
    connectivity: { ok: true, data: { wifi: null, gsm: null, centralSystem: null, authorization: null, latestFaults: null, operatingSeconds: null } },
    pricing: { pricePerKwh: input.pricePerKwh === undefined ? 0.4 : input.pricePerKwh, currency: input.currency ?? 'EUR' },
    energy: { today: input.today ?? { kwh: null, cost: null }, month: input.month ?? { kwh: null, cost: null } },
  };
}

/** A feed the test drives: `emit` is one reading of a charger (`changed` as the collector says). */
export class FakeSnapshotFeed implements SnapshotFeed {
  private readonly listeners = new Set<(snapshot: ChargerSnapshot, changed: boolean) => void>();
  private readonly last = new Map<string, ChargerSnapshot>();
  holds = 0;

  constructor(readonly chargerIds: readonly string[]) {}

  onSnapshot(listener: (snapshot: ChargerSnapshot, changed: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latest(chargerId: string): ChargerSnapshot | null {
    return this.last.get(chargerId) ?? null;
  }

  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
    };
  }

  emit(snapshot: ChargerSnapshot, changed = true): void {
    this.last.set(snapshot.chargerId, snapshot);
    for (const listener of [...this.listeners]) listener(snapshot, changed);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
