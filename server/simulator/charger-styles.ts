/**
 * How a charger's firmware words what the model says, where firmwares differ: how it numbers the
 * connectors of its EVSEs, and what it calls a connector's state. Both are per charger (a garage
 * may mix firmwares); the status names can change while the simulator runs.
 */
import { perChargerOf, type PerCharger } from './per-charger.ts';

/** 'charger': connectors numbered across the charger (INCH Duo: 1, 2); 'evse': each EVSE from 1 (OCPP 2.0). */
export type ConnectorNumbering = 'charger' | 'evse';
export const CONNECTOR_NUMBERINGS = ['charger', 'evse'] as const satisfies readonly ConnectorNumbering[];

/** 'ocpp16': OCPP 1.6 ChargePointStatus names, as INCH firmware reports them; 'etrel': Etrel's own. */
export type StatusNames = 'ocpp16' | 'etrel';
export const STATUS_NAME_SETS = ['ocpp16', 'etrel'] as const satisfies readonly StatusNames[];

/**
 * Etrel's own connector states, in the order of their values (0–10) in the connector status
 * register of Etrel's INCH Modbus TCP register map, spelt as the integrations built on that map
 * spell them (evcc's Etrel charger, the ioBroker sonnen-charger adapter).
 */
export const ETREL_CONNECTOR_STATES = [
  'Unknown',
  'SocketAvailable',
  'WaitingForVehicleToBeConnected',
  'WaitingForVehicleToStart',
  'Charging',
  'ChargingPausedByEv',
  'ChargingPausedByEvse',
  'ChargingEnded',
  'ChargingFault',
  'UnpausingCharging',
  'Unavailable',
] as const;

/**
 * The OCPP 1.6 names the model (and a forced state) speaks, in Etrel's words. A car plugged in
 * but not yet charging is `WaitingForVehicleToStart` (`WaitingForVehicleToBeConnected` is the
 * state before the plug, after an authorisation: evcc reads it as "no car"). `Reserved` has no
 * Etrel name and stays as it is; the Etrel names the model never produces
 * (`WaitingForVehicleToBeConnected`, `UnpausingCharging`, `Unknown`) can be forced as they are.
 */
export const ETREL_STATUS_NAMES: Readonly<Record<string, (typeof ETREL_CONNECTOR_STATES)[number]>> = {
  Available: 'SocketAvailable',
  Preparing: 'WaitingForVehicleToStart',
  Charging: 'Charging',
  SuspendedEV: 'ChargingPausedByEv',
  SuspendedEVSE: 'ChargingPausedByEvse',
  Finishing: 'ChargingEnded',
  Faulted: 'ChargingFault',
  Unavailable: 'Unavailable',
};

/** A state's name as a charger with these names reports it; names without a counterpart pass. */
export function wireStatusName(status: string, names: StatusNames): string {
  return names === 'etrel' ? (ETREL_STATUS_NAMES[status] ?? status) : status;
}

/** The id generalStatus gives a charger's `ordinal`-th connector (1-based across its EVSEs). */
export function wireConnectorId(ordinal: number, numbering: ConnectorNumbering): number {
  return numbering === 'evse' ? 1 : ordinal;
}

export class ChargerStyles {
  private statusNamesOfCharger: (chargerId: string) => StatusNames;

  constructor(
    private readonly chargerIds: readonly string[],
    readonly numberingOf: (chargerId: string) => ConnectorNumbering,
    statusNames: PerCharger<StatusNames> | undefined,
  ) {
    this.statusNamesOfCharger = perChargerOf('statusNames', statusNames, STATUS_NAME_SETS, 'ocpp16', chargerIds);
  }

  statusNamesOf(chargerId: string): StatusNames {
    return this.statusNamesOfCharger(chargerId);
  }

  /** For every charger or per charger id (the others back to OCPP 1.6); checked like the option. */
  setStatusNames(value: PerCharger<StatusNames>): void {
    this.statusNamesOfCharger = perChargerOf('statusNames', value, STATUS_NAME_SETS, 'ocpp16', this.chargerIds);
  }
}
