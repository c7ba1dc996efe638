/**
 * generalStatus: the model's state at sim now rendered as the charger's JSON, with the forced
 * connector states applied. Typed against the Zod contract's wire types (`z.input`), so a drift
 * between the simulator and the schemas fails the typecheck.
 */
import { formatTimeSpan } from '../../contract/charger-parse.ts';
import type { GeneralStatusWire } from '../../contract/charger-schemas.ts';
import type { ChargerSpec } from './chargers-and-households.ts';
import { wireConnectorId, wireStatusName, type ConnectorNumbering, type StatusNames } from './charger-styles.ts';
import { KW_PER_A, MIN_CURRENT_A } from './electrics.ts';
import { NET_MIN_VALUE, netTime, netTimeSeconds, round } from './format.ts';
import type { ConnectorLive, GarageModel } from './garage.ts';
import { NEVER_STARTED } from './history-variety.ts';
import { STOP_REASONS } from './household-day.ts';
import { hash4, STREAM, unit4 } from './random.ts';
import { modeName, spentSeconds, ticksOf } from './session-json.ts';
import { DAY_MS, HOUR_MS } from './time-zone.ts';

/** Forced connector state (setConnector / POST /_sim/connectors). */
export interface ConnectorOverride {
  /** Any string, known or not: `Charging`, `Faulted`, `SuspendedEV`, `WaitingForGridCapacity`… */
  status: string;
  /** kW; for `Charging` defaults to what the car can take, otherwise 0. */
  power?: number;
  faultEventType?: string | null;
  faultEventDescription?: string | null;
  /**
   * Only the name changes: power, currents, the session and the fault fields stay the model's, as
   * when a firmware reports a state by a name of its own.
   */
  statusOnly?: boolean;
}

export interface OverrideEntry {
  state: ConnectorOverride;
  /** Sim time the override was set: a forced session's duration and energy count from here. */
  since: number;
}

export type Overrides = ReadonlyMap<string, OverrideEntry>;
/** Overrides are keyed by the connector's ordinal on its charger (1-based across its EVSEs). */
export const overrideKey = (chargerId: string, ordinal: number) => `${chargerId}#${ordinal}`;

/** A connector after overrides: what generalStatus shows and what the cluster sums. */
interface ConnectorView {
  status: string;
  powerKW: number;
  targetA: number;
  currentA: number;
  /** Session shown in onlineData (current, else last), -1 for none. */
  session: number;
  running: boolean;
  energyKWh: number;
  durationS: number;
  /** False when the charger does not know the shown session's energy. */
  energyKnown: boolean;
  sessionId: number;
  faultEventType: string | null;
  faultEventDescription: string | null;
  live: ConnectorLive;
}

/**
 * The `ordinal`-th connector of a charger (1-based across its EVSEs). `detail` false skips the
 * session numbers: enough for another charger's share of the cluster.
 */
function connectorView(model: GarageModel, charger: ChargerSpec, ordinal: number, now: number, overrides: Overrides, detail = true): ConnectorView {
  const slot = model.slotOf(charger.index, ordinal);
  const live = model.connectorLive(slot, now);
  const store = model.store;
  // A session that never started charging is not shown: the connector still shows the last one.
  const plugged = live.plugged >= 0 && now >= store.started[live.plugged]! && store.startless[live.plugged] !== NEVER_STARTED ? live.plugged : -1;
  const session = plugged >= 0 ? plugged : live.last;
  let running = false;
  let energyKWh = 0;
  let durationS = 0;
  if (session >= 0 && detail) {
    const sessionLive = model.sessionLive(session, now);
    running = sessionLive.running;
    energyKWh = sessionLive.energyKWh;
    durationS = spentSeconds(model, session, running ? now : store.chargingEnded[session]!, running);
  }
  const view: ConnectorView = {
    status: live.status,
    powerKW: live.powerKW,
    targetA: live.targetA,
    currentA: live.currentA,
    session,
    running,
    energyKWh,
    durationS,
    energyKnown: session < 0 || store.energyUnknown[session] === 0,
    sessionId: session >= 0 ? store.id[session]! : 0,
    faultEventType: null,
    faultEventDescription: null,
    live,
  };
  const override = overrides.get(overrideKey(charger.id, ordinal));
  if (!override) return view;

  const { state, since } = override;
  view.status = state.status;
  if (state.statusOnly) return view;
  if (state.status === 'Charging') {
    const power = state.power ?? (live.status === 'Charging' ? live.powerKW : model.maxCurrentOf(slot) * KW_PER_A * 0.97);
    view.powerKW = power;
    view.currentA = power / KW_PER_A;
    view.targetA = Math.min(charger.hardwareMaxCurrent, Math.max(MIN_CURRENT_A, Math.ceil(view.currentA)));
    if (!running) {
      // A forced session on an idle connector: a new session that started when forced.
      const lastId = session >= 0 ? store.id[session]! : 0;
      view.sessionId = lastId + 1;
      view.energyKnown = true;
      view.running = true;
      view.durationS = Math.max(0, (now - since) / 1000);
      view.energyKWh = (power * Math.max(0, now - since)) / HOUR_MS;
    }
  } else {
    view.powerKW = state.power ?? 0;
    view.currentA = view.powerKW / KW_PER_A;
    if (view.powerKW === 0) view.targetA = state.status === 'Available' || state.status === 'SocketAvailable' ? MIN_CURRENT_A : 0;
  }
  const faulted = state.status === 'Faulted' || state.status === 'ChargingFault';
  view.faultEventType = state.faultEventType ?? (faulted ? 'GroundFailure' : null);
  view.faultEventDescription = state.faultEventDescription ?? (faulted ? 'Residual current detected (RCD)' : null);
  return view;
}


export interface StatusContext {
  model: GarageModel;
  charger: ChargerSpec;
  now: number;
  overrides: Overrides;
  allChargersConnected: boolean;
  /** How this charger's firmware numbers its connectors and names their states. */
  numbering: ConnectorNumbering;
  statusNames: StatusNames;
}

export function generalStatusJson({ model, charger, now, overrides, allChargersConnected, numbering, statusNames }: StatusContext): GeneralStatusWire {
  let clusterKW = 0;
  for (const other of model.chargers) {
    for (let ordinal = 1; ordinal <= model.connectorsPerCharger; ordinal++) {
      if (other === charger) continue;
      clusterKW += connectorView(model, other, ordinal, now, overrides, false).powerKW;
    }
  }
  const evses: GeneralStatusWire['evses'] = [];
  for (let ordinal = 1; ordinal <= model.connectorsPerCharger; ordinal++) {
    const view = connectorView(model, charger, ordinal, now, overrides);
    clusterKW += view.powerKW;
    view.status = wireStatusName(view.status, statusNames);
    evses.push(evseJson(model, charger, ordinal, wireConnectorId(ordinal, numbering), view));
  }
  const minute = Math.floor(now / 60_000);
  return {
    authorization: { type: 'ChargerWhitelistOnly' },
    centralSystem: { status: charger.centralSystem },
    evses,
    gsm: { isInstalled: false, isEnabled: false, linkIsUp: false, linkQuality: 0 },
    wifi: { isInstalled: true, isEnabled: true, linkIsUp: true, linkQuality: 62 + Math.floor(28 * unit4(model.seed, STREAM.wifi, charger.index, minute)) },
    powerManagement: {
      loadGuard: {
        isInstalled: true,
        isConnected: true,
        buildingTotalPower: round(model.baseAt(now) + clusterKW, 4),
        maxCurrentL1: model.loadGuardMaxA,
        maxCurrentL2: model.loadGuardMaxA,
        maxCurrentL3: model.loadGuardMaxA,
      },
      cluster: {
        isEnabled: true,
        allChargersConnected,
        totalPower: round(clusterKW, 3),
        maxCurrentL1: model.clusterMaxA,
        maxCurrentL2: model.clusterMaxA,
        maxCurrentL3: model.clusterMaxA,
      },
    },
    latestFaults: model.countGaps(charger.index, now, 7 * DAY_MS),
    chargerTotalOperatingTime: formatTimeSpan((now - charger.commissionedMs) / 1000 + 3 * 86_400),
  };
}

/** One EVSE (one connector each) of generalStatus: the charger's `ordinal`-th connector. */
function evseJson(model: GarageModel, charger: ChargerSpec, ordinal: number, connectorId: number, view: ConnectorView): GeneralStatusWire['evses'][number] {
  const store = model.store;
  const session = view.session;
  const last = view.live.last;
  const departure = session >= 0 && view.running ? store.selectedDeparture[session]! : NaN;
  const lastId = last >= 0 ? store.id[last]! : 0;
  return {
    evseId: ordinal,
    evseCode: String(ordinal),
    connectors: [
      {
        connectorId,
        numberOfPhases: 'Three',
        type: 'CableType2',
        maxCurrentL1: 0,
        maxCurrent1Phase: 16,
        maxCurrent3Phase: charger.hardwareMaxCurrent,
        hardwareMaxCurrent: charger.hardwareMaxCurrent,
        hardwareMaxVoltage: 230.0,
        onlineData: {
          status: view.status,
          mode: session >= 0 ? modeName(store.mode[session]!) : 'Fast',
          sessionId: view.sessionId,
          numberOfPhases: 'Three',
          targetCurrent: view.targetA,
          phase1Current: round(view.currentA, 1),
          phaseUsed: 'L123',
          power: round(view.powerKW, 3),
          // Like the real charger, an idle connector keeps showing the last session's numbers.
          consumedEnergy: view.energyKnown ? round(view.energyKWh, 6) : null,
          chargingDuration: formatTimeSpan(view.durationS),
          plannedDepartureTime: Number.isNaN(departure) ? NET_MIN_VALUE : netTimeSeconds(departure),
          departureTimeMode: Number.isNaN(departure) ? 'NotSelected' : 'Selected',
          reserverdTime: NET_MIN_VALUE,
          faultEventType: view.faultEventType,
          faultEventDescription: view.faultEventDescription,
          // Hours the connector has spent in sessions: about nine per session so far.
          totalOperatingTme: formatTimeSpan(Math.max(0, view.sessionId - 1) * 8.9 * 3600 + (hash4(model.seed, STREAM.charger, charger.index, ordinal) % 3600)),
        },
        lastSession:
          last >= 0
            ? {
                chargingDuration: formatTimeSpan(spentSeconds(model, last, store.chargingEnded[last]!, false)),
                chargingEndedTime: netTime(store.chargingEnded[last]!, ticksOf(model, lastId, 3)),
                energyConsumed: store.energyUnknown[last] === 1 ? null : round(store.energy[last]!, 5),
                chargingSessionStopReason: STOP_REASONS[store.stopReason[last]!] ?? 'Other',
              }
            : null,
      },
    ],
  };
}
