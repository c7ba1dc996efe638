/**
 * The garage overview's logic, free of React: order of the tiles, what a tile shows, whether a
 * charger is live, and the cluster's sums.
 */
import type { ChargerSnapshot, ConnectorState } from '../../../contract/snapshot.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import type { ErrorLike } from '../../shared/ui/error-text.ts';

// ---------------------------------------------------------------------------------------------
// Order

const collators = new Map<string, Intl.Collator>();

/** "Platz 4" before "Platz 13", as people count (numeric collation), case and accents ignored. */
export function sortByName<T extends Pick<ChargerInfo, 'id' | 'name'>>(chargers: readonly T[], locale: string): T[] {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    collators.set(locale, collator);
  }
  const c = collator;
  return [...chargers].sort((a, b) => c.compare(a.name, b.name) || c.compare(a.id, b.id));
}

// ---------------------------------------------------------------------------------------------
// What a tile shows

export interface ConnectorSummary {
  /** `evseId-connectorId`, unique within the charger. */
  key: string;
  /** What people call the connector (`1`, `A`, `2/1`). */
  label: string;
  /** The snapshot's state: kind, raw name, whether a session is open. */
  state: ConnectorState;
  powerKw: number | null;
  /** Energy of the running session; null when no session runs. */
  sessionKwh: number | null;
}

export interface TileModel {
  /** null when the charger's `evses` section could not be read (then `problem` says why). */
  connectors: ConnectorSummary[] | null;
  problem: string | null;
  /** The connectors' powers as shown, added up (see `shownPowerKw`); null when none reports power. */
  powerKw: number | null;
}

/**
 * Rounded to what the tile shows (0.1 kW, 0.1 kWh): with TanStack Query's structural sharing an
 * unchanged display keeps the same object, so a tile re-renders only when its text changes, not
 * on every poll of a charging car's ticking meter.
 */
const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * A charger's power as the garage shows it: each connector's power rounded to the shown 0.1 kW,
 * added up in whole tenths. Like the session totals (sums of the rows as shown), the numbers on the
 * page then add up by hand: a tile's connector rows to the tile, the tiles to the cluster sum
 * (7.36 + 7.36 kW show as 7.4 + 7.4 and sum to 14.8, not to 14.7 from the raw values).
 * Null when no connector reports power.
 */
export function shownPowerKw(powersKw: Iterable<number | null | undefined>): number | null {
  let tenths: number | null = null;
  for (const power of powersKw) if (power != null) tenths = (tenths ?? 0) + Math.round(power * 10);
  return tenths === null ? null : tenths / 10;
}

function connectorPowers(snapshot: ChargerSnapshot): (number | null)[] {
  return snapshot.connectors.ok ? snapshot.connectors.data.map((c) => c.powerKw) : [];
}

/** The tile's view of a charger's snapshot (a TanStack Query `select`). */
export function tileModelOf(snapshot: ChargerSnapshot): TileModel {
  if (!snapshot.connectors.ok) return { connectors: null, problem: snapshot.readAt === null ? null : snapshot.connectors.error, powerKw: null };
  const connectors: ConnectorSummary[] = snapshot.connectors.data.map((c) => ({
    key: c.key,
    label: c.label,
    state: c.state,
    powerKw: c.powerKw == null ? null : tenth(c.powerKw),
    sessionKwh: c.session?.energyKwh == null ? null : tenth(c.session.energyKwh),
  }));
  return { connectors, problem: null, powerKw: shownPowerKw(connectorPowers(snapshot)) };
}

/**
 * Lines a tile shows beyond a one-connector tile's (`TILE_EM` in garage-grid.ts): a row per
 * connector where there are several (the state moves from beside the power into the rows), and
 * the stale line's second line (why, and as of when). The tile sets its type smaller by them.
 */
export function tileExtraLines(connectorCount: number, stale: boolean): number {
  return (connectorCount > 1 ? connectorCount : 0) + (stale ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Connection state

export type TileConnection =
  | { state: 'loading' }
  | { state: 'live' }
  /** Last data is shown, marked with its age; `reason` is null when requests just go unanswered. */
  | { state: 'stale'; since: number; reason: ErrorLike | null }
  /** No answer since the page opened. */
  | { state: 'never'; reason: ErrorLike };

export interface ConnectionInput {
  hasData: boolean;
  /** The latest request's error; TanStack Query keeps the last data beside it. */
  error: ErrorLike | null;
  /** Time of the last successful fetch (0 = never). */
  dataUpdatedAt: number;
  /** Whether the last successful fetch is too old by the shared rule (`isTooOld` in src/api/staleness.ts). */
  tooOld: boolean;
}

/**
 * Staleness is judged by the time of the last successful fetch, never by whether values changed:
 * a charger is flat all night and still live.
 */
export function deriveConnection({ hasData, error, dataUpdatedAt, tooOld }: ConnectionInput): TileConnection {
  if (!hasData) return error ? { state: 'never', reason: error } : { state: 'loading' };
  if (error) return { state: 'stale', since: dataUpdatedAt, reason: error };
  if (tooOld) return { state: 'stale', since: dataUpdatedAt, reason: null };
  return { state: 'live' };
}

// ---------------------------------------------------------------------------------------------
// Cluster totals

/** What the cluster totals need from one charger's status (a TanStack Query `select`). */
export interface TotalsInput {
  /** The charger's power as its tile shows it (`shownPowerKw`), kW; null when unknown (unreadable or absent). */
  powerKw: number | null;
  /** True when some connector is charging. */
  charging: boolean;
  cluster: {
    limitKw: number | null;
    /** The cluster's own total as this charger reports it, kW. */
    reportedKw: number | null;
    allConnected: boolean | null;
  } | null;
  building: { powerKw: number | null; limitKw: number | null } | null;
}

export function totalsInputOf(snapshot: ChargerSnapshot): TotalsInput {
  const powerKw = shownPowerKw(connectorPowers(snapshot));
  const charging = snapshot.connectors.ok && snapshot.connectors.data.some((c) => c.state.kind === 'charging');
  const pm = snapshot.powerManagement.ok ? snapshot.powerManagement.data : null;
  const cluster = pm?.cluster && pm.cluster.enabled !== false ? pm.cluster : null;
  const loadGuard = pm?.loadGuard && pm.loadGuard.installed !== false ? pm.loadGuard : null;
  return {
    powerKw,
    charging,
    cluster: cluster ? { limitKw: cluster.limitKw, reportedKw: cluster.powerKw, allConnected: cluster.allConnected } : null,
    building: loadGuard ? { powerKw: loadGuard.buildingKw, limitKw: loadGuard.limitKw } : null,
  };
}

export interface ChargerReading {
  id: string;
  name: string;
  /** Answered recently and without error. */
  live: boolean;
  /** The last data, live or not. */
  input: TotalsInput | null;
}

export interface ClusterTotals {
  /** Sum over the chargers counted, of their power as their tiles show it, kW. */
  powerKw: number;
  /** Chargers whose power is in the sum. */
  counted: number;
  total: number;
  /** Names of the chargers left out of the sum (offline, stale, not yet answered, unreadable). */
  missing: string[];
  partial: boolean;
  charging: number;
  /** The cluster limit most chargers report, kW; null when none reports one. */
  limitKw: number | null;
  /** Chargers report different cluster limits (more than one cluster, or misconfigured). */
  limitsDisagree: boolean;
  /** The cluster's own total power as a charger reports it: complete even when we miss chargers. */
  reportedKw: number | null;
  /** A charger says not every member of its cluster is connected. */
  clusterIncomplete: boolean;
  buildingKw: number | null;
  buildingLimitKw: number | null;
}

/** Sums the live chargers in the given order (the first live charger's building meter wins). */
export function clusterTotals(readings: readonly ChargerReading[]): ClusterTotals {
  // Whole tenths of a kW, as the tiles show them, so the sum is exact (no 14.799999…).
  let powerTenths = 0;
  let counted = 0;
  let charging = 0;
  const missing: string[] = [];
  const limits = new Map<number, number>();
  let reportedKw: number | null = null;
  let clusterIncomplete = false;
  let buildingKw: number | null = null;
  let buildingLimitKw: number | null = null;

  for (const reading of readings) {
    const input = reading.live ? reading.input : null;
    if (!input || input.powerKw == null) {
      missing.push(reading.name);
      continue;
    }
    powerTenths += Math.round(input.powerKw * 10);
    counted++;
    if (input.charging) charging++;
    if (input.cluster) {
      if (input.cluster.limitKw != null) {
        const key = Math.round(input.cluster.limitKw * 100) / 100;
        limits.set(key, (limits.get(key) ?? 0) + 1);
      }
      reportedKw ??= input.cluster.reportedKw;
      if (input.cluster.allConnected === false) clusterIncomplete = true;
    }
    if (input.building && buildingKw == null && input.building.powerKw != null) {
      buildingKw = input.building.powerKw;
      buildingLimitKw = input.building.limitKw;
    }
  }

  let limitKw: number | null = null;
  let best = 0;
  for (const [limit, count] of limits) {
    if (count > best) {
      best = count;
      limitKw = limit;
    }
  }
  return {
    powerKw: powerTenths / 10,
    counted,
    total: readings.length,
    missing,
    partial: missing.length > 0,
    charging,
    limitKw,
    limitsDisagree: limits.size > 1,
    reportedKw,
    clusterIncomplete,
    buildingKw,
    buildingLimitKw,
  };
}
