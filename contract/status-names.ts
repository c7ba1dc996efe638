/**
 * The charger's connector status names, mapped onto the state kinds of `state-vocabulary.ts`.
 * Read by the server only (the snapshot builder, the timeline's recorded lines): the browser gets
 * the kind with each snapshot and never maps a raw name itself.
 *
 * Sources of the names:
 * - OCPP 1.6 ChargePointStatus (what INCH firmware reports in generalStatus today);
 * - OCPP 2.0.1 ConnectorStatusEnumType and ChargingStateEnumType;
 * - Etrel's own names, as its Modbus documentation lists the connector states
 *   (`SocketAvailable`, `ChargingPausedByEv`, `ChargingEnded`, …).
 * Names are matched without regard to case, so `ChargingPausedByEVSE` and `ChargingPausedByEvse`
 * are one name.
 */
import type { StateKind } from './state-vocabulary.ts';

const NAMES: ReadonlyArray<readonly [StateKind, readonly string[]]> = [
  ['available', ['Available', 'SocketAvailable', 'Idle']],
  ['preparing', ['Preparing', 'Occupied', 'EVConnected', 'WaitingForVehicleToBeConnected', 'WaitingForVehicleToStart', 'UnpausingCharging']],
  ['charging', ['Charging']],
  ['paused_by_car', ['SuspendedEV', 'ChargingPausedByEv']],
  ['paused_by_charger', ['SuspendedEVSE', 'ChargingPausedByEvse']],
  ['finished', ['Finishing', 'ChargingEnded']],
  ['reserved', ['Reserved']],
  ['unavailable', ['Unavailable']],
  ['fault', ['Faulted', 'ChargingFault']],
  ['unknown', ['Unknown']],
];

/** Every name the vocabulary knows, as charger firmware spells them (for tests and docs). */
export const KNOWN_STATUS_NAMES: readonly string[] = NAMES.flatMap(([, names]) => names);

const BY_NAME = new Map<string, StateKind>(NAMES.flatMap(([kind, names]) => names.map((name) => [name.toLowerCase(), kind] as const)));

/** Whether the vocabulary knows this raw name. */
export function isKnownStatus(raw: string | null | undefined): boolean {
  return raw != null && BY_NAME.has(raw.trim().toLowerCase());
}

/** The kind of a raw status name; `unknown` for anything the vocabulary does not know. */
export function stateKindOf(raw: string | null | undefined): StateKind {
  if (raw == null) return 'unknown';
  return BY_NAME.get(raw.trim().toLowerCase()) ?? 'unknown';
}
