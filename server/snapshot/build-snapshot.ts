/**
 * One status reading (or failure) → the charger snapshot, the one meaning of a reading
 * (contract/snapshot.ts). Pure: the caller passes the reading, the charger's zone, the price and
 * the calendar's energy, and the clock.
 */
import type { Connectivity, Evse, PowerManagement } from '../../contract/charger-schemas.ts';
import type { LiveStatus, Section } from '../../contract/live-status.ts';
import { ampsToKw, phaseLimitsKw, NOMINAL_VOLTS } from '../../contract/power-limits.ts';
import {
  SNAPSHOT_VERSION,
  type ChargerSnapshot,
  type ConnectivitySnapshot,
  type ConnectorFault,
  type ConnectorSnapshot,
  type PowerManagementSnapshot,
} from '../../contract/snapshot.ts';
import { isSessionOpen, type PauseReason, type StateKind } from '../../contract/state-vocabulary.ts';
import { stateKindOf } from '../../contract/status-names.ts';

export interface SnapshotInput {
  chargerId: string;
  zone: string;
  /** The last successful reading; null before the first. */
  reading: { receivedAt: number; live: LiveStatus } | null;
  /** The failure that came after it (or instead of any reading); null while reachable. */
  failure: { code: string; message: string; since: number } | null;
  pricing: { pricePerKwh: number | null; currency: string };
  /** kWh of the connectors today and this month in the charger's calendar; null when unknown. */
  energy: { todayKwh: number | null; monthKwh: number | null };
  /** When the car on this connector (by `key`) was plugged in, where known. */
  pluggedInAt?: (key: string, sessionId: number | null) => number | null;
  now: number;
}

/** Below this offered current a car cannot charge (IEC 61851's minimum): the charger is holding back. */
const MIN_CHARGING_CURRENT_A = 6;
/** At this share of a limit the power management is taken to be what holds a session back. */
const NEAR_LIMIT = 0.9;

export function buildSnapshot(input: SnapshotInput): ChargerSnapshot {
  const { reading, failure, pricing, now } = input;
  const live = reading?.live ?? null;
  const unread = { ok: false as const, error: failure ? failure.message : 'no reading yet' };
  const powerManagement = live ? powerManagementOf(live.powerManagement) : unread;
  const pmData = powerManagement.ok ? powerManagement.data : null;
  const cost = (kwh: number | null) => (kwh == null || pricing.pricePerKwh == null ? null : round(kwh * pricing.pricePerKwh, 4));
  return {
    v: SNAPSHOT_VERSION,
    chargerId: input.chargerId,
    zone: input.zone,
    readAt: reading ? new Date(reading.receivedAt).toISOString() : null,
    ageMs: reading ? Math.max(0, now - reading.receivedAt) : null,
    reachable: failure === null,
    problem: failure ? { code: failure.code, message: failure.message, since: new Date(failure.since).toISOString() } : null,
    connectors: live ? connectorsOf(live.evses, reading!.receivedAt, pmData, cost, input.pluggedInAt) : unread,
    powerManagement,
    connectivity: live ? connectivityOf(live.connectivity) : unread,
    pricing,
    energy: {
      today: { kwh: input.energy.todayKwh, cost: cost(input.energy.todayKwh) },
      month: { kwh: input.energy.monthKwh, cost: cost(input.energy.monthKwh) },
    },
  };
}

/**
 * The series the power profile and the archive use for each connector: `connector<connectorId>`
 * while the ids are unique within the charger; where two EVSEs each number a connector 1 (as OCPP
 * 2.0 does), the connector's position across the EVSEs, the only number left that tells them apart.
 */
export function connectorNumbers(evses: readonly Evse[]): number[] {
  const ids = evses.flatMap((evse) => evse.connectors.map((c) => c.connectorId));
  return new Set(ids).size === ids.length ? ids : ids.map((_, index) => index + 1);
}

function connectorsOf(
  evses: Section<Evse[]>,
  readAt: number,
  pm: PowerManagementSnapshot | null,
  cost: (kwh: number | null) => number | null,
  pluggedInAt: SnapshotInput['pluggedInAt'],
): ChargerSnapshot['connectors'] {
  if (!evses.ok) return evses;
  const numbers = connectorNumbers(evses.data);
  const several = evses.data.length > 1;
  let index = 0;
  const items: ConnectorSnapshot[] = [];
  for (const evse of evses.data) {
    for (const connector of evse.connectors) {
      const number = numbers[index++]!;
      const online = connector.onlineData;
      const raw = online?.status ?? null;
      const kind = online ? stateKindOf(raw) : 'unknown';
      const powerKw = online?.power ?? null;
      const open = isSessionOpen(kind, powerKw);
      const key = `${evse.evseId}-${connector.connectorId}`;
      const energyKwh = online?.consumedEnergy ?? null;
      const activeSeconds = online?.chargingDuration ?? null;
      const plugged = open ? (pluggedInAt?.(key, online?.sessionId ?? null) ?? null) : null;
      const last = connector.lastSession;
      items.push({
        key,
        evseId: evse.evseId,
        evseCode: evse.evseCode,
        connectorId: connector.connectorId,
        label: several ? `${evse.evseCode ?? evse.evseId}${evse.connectors.length > 1 ? `/${connector.connectorId}` : ''}` : String(connector.connectorId),
        series: `connector${number}`,
        number,
        state: { kind, raw, reason: kind === 'paused_by_charger' ? pauseReason(online?.targetCurrent ?? null, pm) : null, sessionOpen: open },
        powerKw,
        phases: phasesLabel(online?.phaseUsed ?? null),
        targetCurrentA: online?.targetCurrent ?? null,
        currentA: online?.phase1Current ?? null,
        maxPowerKw: connectorMaxKw(connector),
        session: open
          ? {
              energyKwh,
              activeSeconds,
              pluggedInSeconds: plugged === null ? null : Math.max(0, Math.round((readAt - plugged) / 1000)),
              startedAt: activeSeconds === null ? null : new Date(readAt - activeSeconds * 1000).toISOString(),
              departureAt: online?.plannedDepartureTime == null ? null : new Date(online.plannedDepartureTime).toISOString(),
              costSoFar: cost(energyKwh),
            }
          : null,
        lastSession: last
          ? {
              energyKwh: last.energyConsumed,
              durationSeconds: last.chargingDuration,
              endedAt: last.chargingEndedTime == null ? null : new Date(last.chargingEndedTime).toISOString(),
              stopReason: last.chargingSessionStopReason,
            }
          : null,
        fault: faultOf(kind, online?.faultEventType ?? null, online?.faultEventDescription ?? null),
      });
    }
  }
  return { ok: true, data: items };
}

/**
 * A fault reported beside a working state (the car still charges) is a warning; the connector's
 * own fault state is a fault, with or without a text.
 */
export function faultOf(kind: StateKind, type: string | null, text: string | null): ConnectorFault | null {
  const reported = Boolean(type || text);
  if (kind === 'fault') return { severity: 'fault', type: type || null, text: text || null };
  return reported ? { severity: 'warning', type: type || null, text: text || null } : null;
}

/**
 * Why the charger holds a session back, where the reading tells: an offered current below what a
 * car can charge with, or a cluster or building near its limit, is the power management at work.
 */
export function pauseReason(targetCurrentA: number | null, pm: PowerManagementSnapshot | null): PauseReason {
  if (targetCurrentA !== null && targetCurrentA < MIN_CHARGING_CURRENT_A) return 'power_limit';
  const near = (powerKw: number | null, limitKw: number | null) => powerKw != null && limitKw != null && limitKw > 0 && powerKw / limitKw >= NEAR_LIMIT;
  if (pm?.cluster?.enabled && near(pm.cluster.powerKw, pm.cluster.limitKw)) return 'power_limit';
  if (pm?.loadGuard?.installed && near(pm.loadGuard.buildingKw, pm.loadGuard.limitKw)) return 'power_limit';
  return 'unknown';
}

/** `L123` → `L1 L2 L3`; anything else as sent. */
export function phasesLabel(phaseUsed: string | null): string | null {
  if (!phaseUsed) return null;
  return /^L[123]{2,3}$/.test(phaseUsed) ? [...phaseUsed.slice(1)].map((d) => `L${d}`).join(' ') : phaseUsed;
}

function connectorMaxKw(connector: Evse['connectors'][number]): number | null {
  const amps = connector.hardwareMaxCurrent;
  if (amps == null || amps <= 0) return null;
  const phases = connector.numberOfPhases === 'One' ? 1 : 3;
  return round(ampsToKw(amps, phases, connector.hardwareMaxVoltage ?? NOMINAL_VOLTS), 2);
}

function powerManagementOf(section: Section<PowerManagement | null>): ChargerSnapshot['powerManagement'] {
  if (!section.ok) return section;
  const pm = section.data;
  if (!pm) return { ok: true, data: null };
  const limits = (l: { maxCurrentL1: number | null; maxCurrentL2: number | null; maxCurrentL3: number | null }) => {
    const phaseLimitsA = [l.maxCurrentL1, l.maxCurrentL2, l.maxCurrentL3];
    return { phaseLimitsA, limitKw: phaseLimitsKw(phaseLimitsA) };
  };
  return {
    ok: true,
    data: {
      loadGuard: pm.loadGuard
        ? { ...limits(pm.loadGuard), installed: pm.loadGuard.isInstalled, connected: pm.loadGuard.isConnected, buildingKw: pm.loadGuard.buildingTotalPower }
        : null,
      cluster: pm.cluster
        ? { ...limits(pm.cluster), enabled: pm.cluster.isEnabled, allConnected: pm.cluster.allChargersConnected, powerKw: pm.cluster.totalPower }
        : null,
    },
  };
}

function connectivityOf(section: Section<Connectivity>): ChargerSnapshot['connectivity'] {
  if (!section.ok) return section;
  const c = section.data;
  const link = (l: Connectivity['wifi']): ConnectivitySnapshot['wifi'] =>
    l ? { installed: l.isInstalled, enabled: l.isEnabled, up: l.linkIsUp, quality: l.linkQuality } : null;
  return {
    ok: true,
    data: {
      wifi: link(c.wifi),
      gsm: link(c.gsm),
      centralSystem: c.centralSystem?.status ?? null,
      authorization: c.authorization?.type ?? null,
      latestFaults: c.latestFaults,
      operatingSeconds: c.chargerTotalOperatingTime,
    },
  };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
