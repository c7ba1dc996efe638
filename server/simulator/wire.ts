/**
 * The model rendered as the charger's JSON, typed against the Zod contract's wire types
 * (`z.input`), so a drift between the simulator and the schemas fails the typecheck.
 */
import { formatTimeSpan } from '../../src/api/charger-parse.ts';
import type { GeneralStatusWire } from '../../src/api/charger-schemas.ts';
import type { ChargingSessionPageWire, ChargingSessionWire } from '../../src/api/session-schemas.ts';
import { NET_MIN_VALUE, netTime, netTimeSeconds, round } from './format.ts';
import type { ChargerSpec } from './chargers-and-households.ts';
import { KW_PER_A, MIN_CURRENT_A } from './electrics.ts';
import type { ConnectorLive, GarageModel, SessionLive } from './garage.ts';
import { CHARGING_MODES, STOP_REASONS, USER_GUEST_CARD } from './household-day.ts';
import { hash4, STREAM, unit4 } from './random.ts';
import { DAY_MS, HOUR_MS, type ZoneClock } from './time-zone.ts';

/** Forced connector state (setConnector / POST /_sim/connectors). */
export interface ConnectorOverride {
  /** Any string, known or not: `Charging`, `Faulted`, `SuspendedEV`, `WaitingForGridCapacity`… */
  status: string;
  /** kW; for `Charging` defaults to what the car can take, otherwise 0. */
  power?: number;
  faultEventType?: string | null;
  faultEventDescription?: string | null;
}

export interface OverrideEntry {
  state: ConnectorOverride;
  /** Sim time the override was set: a forced session's duration and energy count from here. */
  since: number;
}

export type Overrides = ReadonlyMap<string, OverrideEntry>;
export const overrideKey = (chargerId: string, connectorId: number) => `${chargerId}#${connectorId}`;

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
  sessionId: number;
  faultEventType: string | null;
  faultEventDescription: string | null;
  live: ConnectorLive;
}

/** `detail` false skips the session numbers: enough for another charger's share of the cluster. */
function connectorView(model: GarageModel, charger: ChargerSpec, connectorId: number, now: number, overrides: Overrides, detail = true): ConnectorView {
  const slot = model.slotOf(charger.index, connectorId);
  const live = model.connectorLive(slot, now);
  const store = model.store;
  const plugged = live.plugged >= 0 && now >= store.started[live.plugged]! ? live.plugged : -1;
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
    sessionId: session >= 0 ? store.id[session]! : 0,
    faultEventType: null,
    faultEventDescription: null,
    live,
  };
  const override = overrides.get(overrideKey(charger.id, connectorId));
  if (!override) return view;

  const { state, since } = override;
  view.status = state.status;
  if (state.status === 'Charging') {
    const power = state.power ?? (live.status === 'Charging' ? live.powerKW : model.maxCurrentOf(slot) * KW_PER_A * 0.97);
    view.powerKW = power;
    view.currentA = power / KW_PER_A;
    view.targetA = Math.min(charger.hardwareMaxCurrent, Math.max(MIN_CURRENT_A, Math.ceil(view.currentA)));
    if (!running) {
      // A forced session on an idle connector: a new session that started when forced.
      const lastId = session >= 0 ? store.id[session]! : 0;
      view.sessionId = lastId + 1;
      view.running = true;
      view.durationS = Math.max(0, (now - since) / 1000);
      view.energyKWh = (power * Math.max(0, now - since)) / HOUR_MS;
    }
  } else {
    view.powerKW = state.power ?? 0;
    view.currentA = view.powerKW / KW_PER_A;
    if (view.powerKW === 0) view.targetA = state.status === 'Available' ? MIN_CURRENT_A : 0;
  }
  const faulted = state.status === 'Faulted';
  view.faultEventType = state.faultEventType ?? (faulted ? 'GroundFailure' : null);
  view.faultEventDescription = state.faultEventDescription ?? (faulted ? 'Residual current detected (RCD)' : null);
  return view;
}

/** Seconds between start and end of a session with the 100 ns ticks, floored like .NET prints it. */
function spentSeconds(model: GarageModel, i: number, endMs: number, running: boolean): number {
  const id = model.store.id[i]!;
  const startTicks = ticksOf(model, id, 2);
  const endTicks = running ? 0 : ticksOf(model, id, 3);
  return Math.floor(((endMs - model.store.started[i]!) * 10_000 + endTicks - startTicks) / 10_000_000);
}

function ticksOf(model: GarageModel, sessionId: number, field: number): number {
  return hash4(model.seed, STREAM.ticks, sessionId, field) % 10_000;
}

function modeName(mode: number): string | null {
  return CHARGING_MODES[mode] ?? null;
}

export interface StatusContext {
  model: GarageModel;
  charger: ChargerSpec;
  now: number;
  overrides: Overrides;
  allChargersConnected: boolean;
}

export function generalStatusJson({ model, charger, now, overrides, allChargersConnected }: StatusContext): GeneralStatusWire {
  const store = model.store;
  let clusterKW = 0;
  for (const other of model.chargers) {
    for (let id = 1; id <= model.connectorsPerCharger; id++) {
      if (other === charger) continue;
      clusterKW += connectorView(model, other, id, now, overrides, false).powerKW;
    }
  }
  const evses: GeneralStatusWire['evses'] = [];
  for (let connectorId = 1; connectorId <= model.connectorsPerCharger; connectorId++) {
    const view = connectorView(model, charger, connectorId, now, overrides);
    clusterKW += view.powerKW;
    const session = view.session;
    const last = view.live.last;
    const departure = session >= 0 && view.running ? store.selectedDeparture[session]! : NaN;
    const lastId = last >= 0 ? store.id[last]! : 0;
    evses.push({
      evseId: connectorId,
      evseCode: String(connectorId),
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
            consumedEnergy: round(view.energyKWh, 6),
            chargingDuration: formatTimeSpan(view.durationS),
            plannedDepartureTime: Number.isNaN(departure) ? NET_MIN_VALUE : netTimeSeconds(departure),
            departureTimeMode: Number.isNaN(departure) ? 'NotSelected' : 'Selected',
            reserverdTime: NET_MIN_VALUE,
            faultEventType: view.faultEventType,
            faultEventDescription: view.faultEventDescription,
            // Hours the connector has spent in sessions: about nine per session so far.
            totalOperatingTme: formatTimeSpan(Math.max(0, view.sessionId - 1) * 8.9 * 3600 + (hash4(model.seed, STREAM.charger, charger.index, connectorId) % 3600)),
          },
          lastSession:
            last >= 0
              ? {
                  chargingDuration: formatTimeSpan(spentSeconds(model, last, store.chargingEnded[last]!, false)),
                  chargingEndedTime: netTime(store.chargingEnded[last]!, ticksOf(model, lastId, 3)),
                  energyConsumed: round(store.energy[last]!, 5),
                  chargingSessionStopReason: STOP_REASONS[store.stopReason[last]!] ?? 'Other',
                }
              : null,
        },
      ],
    });
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

// ---------------------------------------------------------------------------------------------
// Sessions

type WireUser = NonNullable<ChargingSessionWire['user']>;
type WireIdentification = NonNullable<ChargingSessionWire['userIdentification']>;

interface UserJson extends WireUser {
  InsertedTime: string;
  InsertedByOperatorId: null;
  DeletedTime: null;
  DeletedByOperatorId: null;
}

interface IdentificationJson extends WireIdentification {
  expirationDate: null;
  whiteListVersion: null;
  insertedTime: string;
  insertedByOperatorId: null;
  deletedTime: null;
  deletedByOperatorId: null;
}

/** The session JSON with the fields the contract does not model (kept for realism). */
export interface SessionJson extends ChargingSessionWire {
  user: UserJson | null;
  userIdentification: IdentificationJson | null;
  parkingStartedTime: null;
  parkingEndedTime: null;
  chargingAuthorizationId: number;
  chargingReservationId: null;
  userIdentificationId: number | null;
  userVehicleId: null;
  vehicleMeasuredMinCurrent: null;
  vehicleMeasuredMaxCurrent: null;
  vehicleMeasuredNumberOfPhases: null;
  proposedDepartureTime: null;
  energyCosts: null;
  gridConnectionCosts: null;
  powerManagementSavings: null;
  powerManagementOverloadInterventions: null;
  backendTransactionId: null;
  sentToPrimaryMaster: boolean;
  sentToSecondaryMaster: boolean;
}

export function sessionJson(model: GarageModel, charger: ChargerSpec, i: number, now: number, live: SessionLive): SessionJson {
  const store = model.store;
  const id = store.id[i]!;
  const userIndex = store.user[i]!;
  const user = userIndex >= 0 ? charger.users[userIndex] : undefined;
  const card = user ?? (userIndex === USER_GUEST_CARD ? charger.guestCard : undefined);
  const running = live.running;
  const ended = store.chargingEnded[i]!;
  const disconnected = store.disconnected[i]!;
  const departure = store.selectedDeparture[i]!;
  const required = store.required[i]!;
  const userId = user ? user.userId : null;
  return {
    userIdentification: card
      ? {
          userIdentificationId: card.userIdentificationId,
          userId,
          userIdentificationType: 'RfidCard',
          userIdentificationSource: 'ChargerLocal',
          userIdentificationStatus: 'Active',
          identificationCode: card.identificationCode,
          number: card.number,
          expirationDate: null,
          whiteListVersion: null,
          insertedTime: netTimeSeconds(card.insertedMs),
          insertedByOperatorId: null,
          deletedTime: null,
          deletedByOperatorId: null,
          deleted: false,
        }
      : null,
    user: user
      ? {
          UserId: user.userId,
          FirstName: user.firstName,
          LastName: user.lastName,
          Blocked: false,
          InsertedTime: netTimeSeconds(user.insertedMs - 17_000),
          InsertedByOperatorId: null,
          DeletedTime: null,
          DeletedByOperatorId: null,
          Deleted: false,
        }
      : null,
    chargingSessionId: id,
    connectorId: store.connectorId[i]!,
    identificationCode: card ? card.identificationCode : null,
    parkingStartedTime: null,
    vehicleConnectedTime: netTime(store.connected[i]!, ticksOf(model, id, 1)),
    chargingStartedTime: netTime(store.started[i]!, ticksOf(model, id, 2)),
    chargingEndedTime: running ? null : netTime(ended, ticksOf(model, id, 3)),
    vehicleDisconnectedTime: now >= disconnected ? netTime(disconnected, ticksOf(model, id, 4)) : null,
    parkingEndedTime: null,
    timeSpentCharging: formatTimeSpan(spentSeconds(model, i, running ? now : ended, running)),
    meterValueStart: store.meterStart[i]!,
    meterValueEnd: store.meterStart[i]! + Math.round(live.energyKWh * 1_000_000),
    activeEnergyConsumed: round(live.energyKWh, 5),
    maxSessionPower: round(live.maxPowerKW, 3),
    chargingSessionStatus: running ? 'Charging' : 'Finished',
    chargingAuthorizationId: id + charger.authorizationOffset,
    chargingReservationId: null,
    userId,
    userIdentificationId: card ? card.userIdentificationId : null,
    userVehicleId: null,
    vehicleMeasuredMinCurrent: null,
    vehicleMeasuredMaxCurrent: null,
    vehicleMeasuredNumberOfPhases: null,
    chargingMode: modeName(store.mode[i]!),
    selectedDepartureTime: Number.isNaN(departure) ? null : netTimeSeconds(departure),
    proposedDepartureTime: null,
    requiredEnergy: Number.isNaN(required) ? null : required,
    chargingSessionStopReason: running ? null : (STOP_REASONS[store.stopReason[i]!] ?? 'Other'),
    energyCosts: null,
    gridConnectionCosts: null,
    powerManagementSavings: null,
    powerManagementOverloadInterventions: null,
    backendTransactionId: null,
    sentToPrimaryMaster: !running,
    sentToSecondaryMaster: false,
  };
}

export interface SessionQuery {
  pageSize: number;
  pageNumber: number;
  orderByColumn: string;
  descending: boolean;
  from: number | null;
  to: number | null;
  identificationSource: string;
  identificationType: string;
  chargingSessionStopReason: string;
  identificationCode: string;
  userId: string;
}

/** ASP.NET's validation answer shape; `errors` maps a field to its messages. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: 400;
  traceId: string;
  errors: Record<string, string[]>;
}

export function problemDetails(errors: Record<string, string[]>, traceSeed: number): ProblemDetails {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return {
    type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    traceId: `00-${hex(traceSeed)}${hex(traceSeed * 31)}${hex(traceSeed * 17)}${hex(traceSeed * 7)}-${hex(traceSeed * 3)}${hex(traceSeed * 5)}-00`,
    errors,
  };
}

const FILTER_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A filter time the way the charger reads it: without a zone, in the charger's local zone (the
 * quirk our client works around by asking a day wider); with `Z` or an offset, as that instant.
 */
export function parseFilterTimeLocal(text: string, clock: ZoneClock): number | null {
  const match = FILTER_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const dayMs = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const check = new Date(dayMs);
  if (Number.isNaN(dayMs) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  const msOfDay = (Number(h ?? 0) * 3600 + Number(mi ?? 0) * 60 + Number(s ?? 0)) * 1000;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone === 'Z' ? '0000' : zone.slice(1).replace(':', '');
    return dayMs + msOfDay - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return clock.toUtc(dayMs / DAY_MS, msOfDay);
}

/** Reads the session form; field names are case-insensitive, as in ASP.NET model binding. */
export function parseSessionForm(form: Record<string, string>, clock: ZoneClock): { query: SessionQuery } | { errors: Record<string, string[]> } {
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(form)) fields.set(key.toLowerCase(), String(value).trim());
  const get = (name: string) => fields.get(name.toLowerCase()) ?? '';
  const errors: Record<string, string[]> = {};
  const integer = (name: string, fallback: number) => {
    const text = get(name);
    if (text === '') return fallback;
    if (!/^\d{1,9}$/.test(text)) {
      errors[name] = [`The value '${text}' is not valid for ${name}.`];
      return fallback;
    }
    const value = Number(text);
    return value >= 1 ? value : fallback;
  };
  const time = (name: string) => {
    const text = get(name);
    if (text === '') return null;
    const ms = parseFilterTimeLocal(text, clock);
    if (ms === null) errors[name] = [`The value '${text}' is not valid for ${name}.`];
    return ms;
  };
  const direction = get('orderDirection').toLowerCase();
  const query: SessionQuery = {
    pageSize: integer('pageSize', 100),
    pageNumber: integer('pageNumber', 1),
    orderByColumn: get('orderByColumn'),
    descending: direction !== 'ascending' && direction !== 'asc',
    from: time('chargingStartedTimeFrom'),
    to: time('chargingStartedTimeTo'),
    identificationSource: get('identificationSource'),
    identificationType: get('identificationType'),
    chargingSessionStopReason: get('chargingSessionStopReason'),
    identificationCode: get('identificationCode'),
    userId: get('userId'),
  };
  if (query.userId !== '' && !/^\d{1,9}$/.test(query.userId)) errors.userId = [`The value '${query.userId}' is not valid for userId.`];
  return Object.keys(errors).length > 0 ? { errors } : { query };
}

const ORDER_KEYS: Record<string, (model: GarageModel, i: number, live: SessionLive, now: number) => number | null> = {
  chargingstartedtime: (m, i) => m.store.started[i]!,
  chargingendedtime: (m, i, live) => (live.running ? null : m.store.chargingEnded[i]!),
  activeenergyconsumed: (_m, _i, live) => live.energyKWh,
  timespentcharging: (m, i, live, now) => (live.running ? now : m.store.chargingEnded[i]!) - m.store.started[i]!,
  maxsessionpower: (_m, _i, live) => live.maxPowerKW,
  chargingsessionid: (m, i) => m.store.id[i]!,
};

export function sessionPageJson(model: GarageModel, charger: ChargerSpec, now: number, query: SessionQuery): ChargingSessionPageWire & { content: SessionJson[] } {
  model.ensureIndexed(now);
  const store = model.store;
  const lives = new Map<number, SessionLive>();
  const liveOf = (i: number) => {
    let live = lives.get(i);
    if (!live) {
      live = model.sessionLive(i, now);
      lives.set(i, live);
    }
    return live;
  };
  const matches: number[] = [];
  for (const i of model.byCharger[charger.index]!) {
    const started = store.started[i]!;
    if (started > now) continue;
    if (query.from !== null && started < query.from) continue;
    if (query.to !== null && started > query.to) continue;
    const userIndex = store.user[i]!;
    const user = userIndex >= 0 ? charger.users[userIndex] : undefined;
    const card = user ?? (userIndex === USER_GUEST_CARD ? charger.guestCard : undefined);
    if (query.identificationCode !== '' && card?.identificationCode !== query.identificationCode) continue;
    if (query.userId !== '' && String(user?.userId ?? '') !== String(Number(query.userId))) continue;
    if (query.identificationType !== '' && (!card || query.identificationType.toLowerCase() !== 'rfidcard')) continue;
    if (query.identificationSource !== '' && (!card || query.identificationSource.toLowerCase() !== 'chargerlocal')) continue;
    if (query.chargingSessionStopReason !== '') {
      if (liveOf(i).running || STOP_REASONS[store.stopReason[i]!] !== query.chargingSessionStopReason) continue;
    }
    matches.push(i);
  }
  const key = ORDER_KEYS[query.orderByColumn.toLowerCase()] ?? ORDER_KEYS.chargingstartedtime!;
  const sign = query.descending ? -1 : 1;
  const keyed = matches.map((i) => ({ i, k: key(model, i, liveOf(i), now), id: store.id[i]! }));
  keyed.sort((a, b) => {
    // SQL Server's order: NULL sorts first ascending and last descending.
    if (a.k === null || b.k === null) {
      if (a.k === b.k) return sign * (a.id - b.id);
      return (a.k === null ? -1 : 1) * sign;
    }
    return sign * (a.k - b.k || a.id - b.id);
  });
  const numOfRows = keyed.length;
  const pageCount = Math.ceil(numOfRows / query.pageSize);
  const first = (query.pageNumber - 1) * query.pageSize;
  const content = keyed.slice(first, first + query.pageSize).map(({ i }) => sessionJson(model, charger, i, now, liveOf(i)));
  return { errorCode: 0, errorMessage: '', content, pagingInfo: { numOfRows, pageCount } };
}

// ---------------------------------------------------------------------------------------------
// Fault renderings

/** Rewrites enum-like values to ones the dashboard has never seen (unknownEnums fault). */
export function withUnknownEnums(body: unknown, endpoint: string): unknown {
  if (endpoint === 'generalStatus' && isRecord(body)) {
    const status = structuredClone(body);
    if (isRecord(status.authorization)) status.authorization.type = 'ChargerWhitelistAndRoaming';
    if (isRecord(status.centralSystem)) status.centralSystem.status = 'Handshaking';
    for (const evse of arrayOf(status.evses)) {
      for (const connector of arrayOf(isRecord(evse) ? evse.connectors : null)) {
        if (!isRecord(connector)) continue;
        connector.type = 'CableType2Turbo';
        if (isRecord(connector.onlineData)) {
          connector.onlineData.status = 'WaitingForGridCapacity';
          connector.onlineData.mode = 'Turbo';
          connector.onlineData.departureTimeMode = 'LearnedFromHabits';
          connector.onlineData.phaseUsed = 'L2';
        }
        if (isRecord(connector.lastSession)) connector.lastSession.chargingSessionStopReason = 'LocalStopBecauseSolarEclipse';
      }
    }
    return status;
  }
  if (endpoint === 'chargingSession' && isRecord(body)) {
    const page = structuredClone(body);
    for (const session of arrayOf(page.content)) {
      if (!isRecord(session)) continue;
      session.chargingMode = 'Turbo';
      session.chargingSessionStatus = session.chargingSessionStatus === 'Finished' ? 'FinishedWithWarnings' : 'PausedByGrid';
      if (session.chargingSessionStopReason !== null) session.chargingSessionStopReason = 'LocalStopBecauseSolarEclipse';
      if (isRecord(session.userIdentification)) {
        session.userIdentification.userIdentificationType = 'NfcSmartWatch';
        session.userIdentification.userIdentificationSource = 'CloudRoaming';
      }
    }
    return page;
  }
  return body;
}

/** Breaks one generalStatus section's types, leaving the rest valid (malformedSection fault). */
export function withMalformedSection(body: unknown, section: string): unknown {
  if (!isRecord(body)) return body;
  const status = structuredClone(body);
  if (section === 'evses') status.evses = [{ evseId: 'one', evseCode: 1, connectors: 5 }];
  else if (section === 'powerManagement') status.powerManagement = 'n/a';
  else if (section === 'connectivity') {
    status.wifi = 'up';
    status.gsm = 0;
    status.latestFaults = 'none';
    status.chargerTotalOperatingTime = 12_345;
  }
  return status;
}

/** A syntactically broken rendering: the JSON cut off before its end (malformedJson fault). */
export function truncatedJson(text: string): string {
  // A strict prefix of a JSON object or array never parses.
  return text.slice(0, Math.max(1, Math.min(text.length - 1, Math.floor(text.length * 0.6))));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
