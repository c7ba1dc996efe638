/**
 * A session as the archive answers it, made from a charger's session (the recorded fixture or a
 * variation), field by field as the archive maps them, so the history's unit tests keep using the
 * real recorded answers.
 */
import type { ArchivedSession } from '../src/api/archive-schemas.ts';
import { chargingSessionSchema, type ChargingSessionWire } from '../contract/session-schemas.ts';

export function fromCharger(wire: ChargingSessionWire, extra: Partial<ArchivedSession> = {}): ArchivedSession {
  const s = chargingSessionSchema.parse(wire);
  return {
    id: s.chargingSessionId,
    connectorId: s.connectorId,
    startedAt: s.chargingStartedTime,
    endedAt: s.chargingEndedTime,
    pluggedInAt: s.vehicleConnectedTime,
    unpluggedAt: s.vehicleDisconnectedTime,
    energyKWh: s.activeEnergyConsumed,
    activeChargingSeconds: null,
    // The charger's `timeSpentCharging` is the plugged-in time.
    pluggedInSeconds: s.timeSpentCharging,
    maxPowerKW: s.maxSessionPower,
    meterStart: s.meterValueStart,
    meterEnd: s.meterValueEnd,
    user: s.user || s.userId !== null ? { id: s.userId ?? s.user?.UserId ?? null, firstName: s.user?.FirstName ?? null, lastName: s.user?.LastName ?? null } : null,
    card:
      s.identificationCode !== null || s.userIdentification
        ? { code: s.identificationCode ?? s.userIdentification?.identificationCode ?? null, number: s.userIdentification?.number ?? null, type: s.userIdentification?.userIdentificationType ?? null }
        : null,
    stopReason: s.chargingSessionStopReason,
    status: s.chargingSessionStatus,
    mode: s.chargingMode,
    ...extra,
  };
}
