/** German for `charger-labels.ts`: a chunk of its own, loaded only for German pages (`src/app/german.ts`). */
import type { ChargerLabels } from './charger-labels.ts';

export const chargerLabelsDe: ChargerLabels = {
  sessionStatuses: { Finished: 'Beendet', Charging: 'Lädt' },
  modes: { Fast: 'Schnell', Scheduled: 'Geplant' },
  stopReasons: {
    LocalStopUserDisconnectedCableFromVehicle: 'Kabel abgezogen',
    LocalStopUserStoppedCharging: 'An der Ladestation beendet',
    RemoteStop: 'Aus der Ferne beendet',
    EnergyLimitReached: 'Energielimit erreicht',
    DepartureTimeReached: 'Abfahrtszeit erreicht',
    EVDisconnected: 'Fahrzeug getrennt',
    PowerLoss: 'Stromausfall',
    Reboot: 'Ladestation neu gestartet',
    EmergencyStop: 'Not-Aus',
    DeAuthorized: 'Berechtigung entzogen',
    Other: 'Sonstiges',
  },
  centralSystems: { Disabled: 'Aus', Connected: 'Verbunden', Disconnected: 'Getrennt' },
  authorizations: { ChargerWhitelistOnly: 'Nur registrierte Karten' },
};
