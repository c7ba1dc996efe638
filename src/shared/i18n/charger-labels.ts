/**
 * The charger's enum values in words, one table for every view, so the live card, the garage
 * tile and the session history never call the same state by two names. A table holds only the
 * values whose readable form (`humanizeName` of the contract) is not already right in that language; anything
 * else, including values we have never seen, is humanized by `enumLabel`.
 */
import { germanLater, type Lang } from './i18n.tsx';

type Labels = Partial<Record<string, string>>;

export interface ChargerLabels {
  /** chargingSessionStatus */
  sessionStatuses: Labels;
  /** onlineData.mode, chargingMode */
  modes: Labels;
  /** chargingSessionStopReason */
  stopReasons: Labels;
  /** centralSystem.status */
  centralSystems: Labels;
  /** authorization.type */
  authorizations: Labels;
}

/**
 * German (`charger-labels.de.ts`) is loaded only for German pages (`src/app/german.ts`); until then
 * `de` reads the English table.
 */
export const chargerLabels: Record<Lang, ChargerLabels> = germanLater<ChargerLabels>({
  sessionStatuses: {},
  modes: {},
  stopReasons: {
    LocalStopUserDisconnectedCableFromVehicle: 'Cable unplugged',
    LocalStopUserStoppedCharging: 'Stopped at the charger',
    RemoteStop: 'Stopped remotely',
    EVDisconnected: 'Car disconnected',
    PowerLoss: 'Power failure',
    Reboot: 'Charger restarted',
    DeAuthorized: 'Authorisation withdrawn',
  },
  centralSystems: { Disabled: 'Off' },
  authorizations: { ChargerWhitelistOnly: 'Registered cards only' },
});
