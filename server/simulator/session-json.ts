/**
 * One charging session as the charger's JSON (`chargingSession` content), with the fields the
 * contract does not model kept for realism. Typed against the Zod contract's wire types.
 */
import { formatTimeSpan } from '../../contract/charger-parse.ts';
import type { ChargingSessionWire } from '../../contract/session-schemas.ts';
import type { ChargerSpec } from './chargers-and-households.ts';
import { wireConnectorId, type ConnectorNumbering } from './charger-styles.ts';
import { netTime, netTimeSeconds, round } from './format.ts';
import type { GarageModel, SessionLive } from './garage.ts';
import { NEVER_STARTED, STARTED } from './history-variety.ts';
import { CHARGING_MODES, STOP_REASONS, USER_GUEST_CARD } from './household-day.ts';
import { hash4, STREAM } from './random.ts';

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
  /**
   * Only where each EVSE numbers its connector 1 (OCPP 2.0 numbering): which EVSE the session ran
   * on, as OCPP 2.0's transaction events name it beside the connector. Not in the contract.
   */
  evseId?: number;
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

export function sessionJson(model: GarageModel, charger: ChargerSpec, i: number, now: number, live: SessionLive, numbering: ConnectorNumbering = 'charger'): SessionJson {
  const store = model.store;
  const ordinal = store.connectorId[i]!;
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
  const energyKnown = store.energyUnknown[i] === 0;
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
    connectorId: wireConnectorId(ordinal, numbering),
    ...(numbering === 'evse' ? { evseId: ordinal } : {}),
    identificationCode: card ? card.identificationCode : null,
    parkingStartedTime: null,
    vehicleConnectedTime: netTime(store.connected[i]!, ticksOf(model, id, 1)),
    chargingStartedTime: store.startless[i] === STARTED ? netTime(store.started[i]!, ticksOf(model, id, 2)) : null,
    chargingEndedTime: running ? null : netTime(ended, ticksOf(model, id, 3)),
    vehicleDisconnectedTime: now >= disconnected ? netTime(disconnected, ticksOf(model, id, 4)) : null,
    parkingEndedTime: null,
    timeSpentCharging: formatTimeSpan(spentSeconds(model, i, running ? now : ended, running)),
    meterValueStart: store.meterStart[i]!,
    meterValueEnd: energyKnown ? store.meterStart[i]! + Math.round(live.energyKWh * 1_000_000) : null,
    activeEnergyConsumed: energyKnown ? round(live.energyKWh, 5) : null,
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

/**
 * Seconds between start and end of a session with the 100 ns ticks, floored like .NET prints it;
 * 0 for a session that never started charging.
 */
export function spentSeconds(model: GarageModel, i: number, endMs: number, running: boolean): number {
  if (model.store.startless[i] === NEVER_STARTED) return 0;
  const id = model.store.id[i]!;
  const startTicks = ticksOf(model, id, 2);
  const endTicks = running ? 0 : ticksOf(model, id, 3);
  return Math.floor(((endMs - model.store.started[i]!) * 10_000 + endTicks - startTicks) / 10_000_000);
}

export function ticksOf(model: GarageModel, sessionId: number, field: number): number {
  return hash4(model.seed, STREAM.ticks, sessionId, field) % 10_000;
}

export function modeName(mode: number): string | null {
  return CHARGING_MODES[mode] ?? null;
}

