/**
 * Charger snapshots for tests, built by hand from a few named states: the views render the
 * server's snapshot, so a test that wants "charging", "fault then stale" or "two EVSEs" writes the
 * snapshot it means instead of waiting for the simulator's clock to reach it.
 */
import type { ChargerSnapshot, ConnectorSnapshot } from '../contract/snapshot.ts';
import { isSessionOpen, type StateKind } from '../contract/state-vocabulary.ts';

export const FIXTURE_READ_AT = '2026-06-15T17:30:00.000Z';

/** The raw name each kind is given by default (OCPP 1.6, as INCH firmware sends). */
export const RAW_OF: Record<StateKind, string> = {
  available: 'Available',
  preparing: 'Preparing',
  charging: 'Charging',
  paused_by_car: 'SuspendedEV',
  paused_by_charger: 'SuspendedEVSE',
  finished: 'Finishing',
  reserved: 'Reserved',
  unavailable: 'Unavailable',
  fault: 'Faulted',
  unknown: 'WaitingForGridCapacity',
};

export interface ConnectorOptions {
  kind?: StateKind;
  raw?: string | null;
  powerKw?: number | null;
  energyKwh?: number | null;
  activeSeconds?: number | null;
  costSoFar?: number | null;
  evseId?: number;
  connectorId?: number;
  number?: number;
  label?: string;
  fault?: ConnectorSnapshot['fault'];
  lastSession?: ConnectorSnapshot['lastSession'];
  departureAt?: string | null;
}

export function connectorFixture(options: ConnectorOptions = {}): ConnectorSnapshot {
  const kind = options.kind ?? 'available';
  const evseId = options.evseId ?? 1;
  const connectorId = options.connectorId ?? 1;
  const number = options.number ?? connectorId;
  const powerKw = options.powerKw === undefined ? (kind === 'charging' ? 10.7 : 0) : options.powerKw;
  const open = isSessionOpen(kind, powerKw);
  const activeSeconds = options.activeSeconds === undefined ? 5_400 : options.activeSeconds;
  const energyKwh = options.energyKwh === undefined ? 12.3 : options.energyKwh;
  return {
    key: `${evseId}-${connectorId}`,
    evseId,
    evseCode: String(evseId),
    connectorId,
    label: options.label ?? String(connectorId),
    number,
    series: `connector${number}`,
    state: { kind, raw: options.raw === undefined ? RAW_OF[kind] : options.raw, reason: kind === 'paused_by_charger' ? 'power_limit' : null, sessionOpen: open },
    powerKw,
    phases: 'L1 L2 L3',
    targetCurrentA: 16,
    currentA: open ? 15.5 : 0,
    maxPowerKw: 22,
    session: open
      ? {
          energyKwh,
          activeSeconds,
          pluggedInSeconds: activeSeconds === null ? null : activeSeconds + 120,
          startedAt: activeSeconds === null ? null : new Date(Date.parse(FIXTURE_READ_AT) - activeSeconds * 1000).toISOString(),
          departureAt: options.departureAt ?? null,
          costSoFar: options.costSoFar === undefined ? (energyKwh === null ? null : Math.round(energyKwh * 0.32 * 100) / 100) : options.costSoFar,
        }
      : null,
    lastSession:
      options.lastSession === undefined
        ? { energyKwh: 18.4, durationSeconds: 13_554, endedAt: '2026-06-15T05:40:00.000Z', stopReason: 'LocalStopUserDisconnectedCableFromVehicle' }
        : options.lastSession,
    fault: options.fault === undefined ? (kind === 'fault' ? { severity: 'fault', type: 'GroundFailure', text: 'Residual current detected' } : null) : options.fault,
  };
}

export interface SnapshotOptions {
  chargerId?: string;
  zone?: string;
  connectors?: ConnectorSnapshot[] | { error: string };
  readAt?: string | null;
  ageMs?: number | null;
  problem?: ChargerSnapshot['problem'];
  powerManagement?: ChargerSnapshot['powerManagement'];
  connectivity?: ChargerSnapshot['connectivity'];
  energy?: ChargerSnapshot['energy'];
  pricing?: ChargerSnapshot['pricing'];
}

export function snapshotFixture(options: SnapshotOptions = {}): ChargerSnapshot {
  const connectors = options.connectors ?? [connectorFixture()];
  return {
    v: 1,
    chargerId: options.chargerId ?? 'platz13',
    zone: options.zone ?? 'Europe/Berlin',
    readAt: options.readAt === undefined ? FIXTURE_READ_AT : options.readAt,
    ageMs: options.ageMs === undefined ? 0 : options.ageMs,
    reachable: !options.problem,
    problem: options.problem ?? null,
    connectors: Array.isArray(connectors) ? { ok: true, data: connectors } : { ok: false, error: connectors.error },
    powerManagement: options.powerManagement ?? {
      ok: true,
      data: {
        loadGuard: { installed: true, connected: true, buildingKw: 3.2, phaseLimitsA: [60, 60, 60], limitKw: 41.4 },
        cluster: { enabled: true, allConnected: true, powerKw: 10.7, phaseLimitsA: [25, 25, 25], limitKw: 17.25 },
      },
    },
    connectivity: options.connectivity ?? {
      ok: true,
      data: {
        wifi: { installed: true, enabled: true, up: true, quality: 81 },
        gsm: { installed: false, enabled: false, up: false, quality: 0 },
        centralSystem: 'Disabled',
        authorization: 'ChargerWhitelistOnly',
        latestFaults: 0,
        operatingSeconds: 705_934_324,
      },
    },
    pricing: options.pricing ?? { pricePerKwh: 0.32, currency: 'EUR' },
    energy: options.energy ?? { today: { kwh: 14.2, cost: 4.54 }, month: { kwh: 251.7, cost: 80.54 } },
  };
}
