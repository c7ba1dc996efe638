/**
 * POST /api/chargingSession/ — the charger's session history, as Zod schemas (same rules as
 * `charger-schemas.ts`, whose value helpers it uses). Its own module so the first load (the live
 * view) does not build schemas only the sessions page needs.
 */
import * as z from 'zod/mini';
import { chargerTime, optionalBoolean, optionalNumber, optionalString, orNull, timeSpanSeconds } from './charger-schemas.ts';


export const sessionUserSchema = z.object({
  UserId: optionalNumber,
  /** The charger's user object is PascalCase, unlike the rest of the API. */
  FirstName: optionalString,
  LastName: optionalString,
  Blocked: optionalBoolean,
  Deleted: optionalBoolean,
});

export const userIdentificationSchema = z.object({
  userIdentificationId: optionalNumber,
  userId: optionalNumber,
  /** e.g. `RfidCard`. */
  userIdentificationType: optionalString,
  /** e.g. `ChargerLocal`. */
  userIdentificationSource: optionalString,
  userIdentificationStatus: optionalString,
  /** The RFID card's UID. */
  identificationCode: optionalString,
  /** Number printed on the card, e.g. `0055`. */
  number: optionalString,
  deleted: optionalBoolean,
});

export const chargingSessionSchema = z.object({
  chargingSessionId: z.number(),
  /** Connector the session ran on. */
  connectorId: optionalNumber,
  /** RFID UID (or other identification) that started the session. */
  identificationCode: optionalString,
  vehicleConnectedTime: chargerTime,
  chargingStartedTime: chargerTime,
  /** Null while the session is running. */
  chargingEndedTime: chargerTime,
  vehicleDisconnectedTime: chargerTime,
  /** Time actually spent charging. */
  timeSpentCharging: timeSpanSeconds,
  /** Energy meter at start, in mWh (end - start = kWh x 10^6). */
  meterValueStart: optionalNumber,
  /** Energy meter at end, in mWh; null or stale while running. */
  meterValueEnd: optionalNumber,
  /** Energy of the session, in kWh. */
  activeEnergyConsumed: optionalNumber,
  /** Highest power in the session, in kW. */
  maxSessionPower: optionalNumber,
  /** e.g. `Finished`, `Charging`. */
  chargingSessionStatus: optionalString,
  /** Charging mode, e.g. `Fast`; null on some sessions. */
  chargingMode: optionalString,
  selectedDepartureTime: chargerTime,
  requiredEnergy: optionalNumber,
  /** Why the session ended; null while running. */
  chargingSessionStopReason: optionalString,
  userId: optionalNumber,
  /** Null for sessions started without a known user. */
  user: orNull(sessionUserSchema),
  /** Null for sessions started without an identification. */
  userIdentification: orNull(userIdentificationSchema),
});
export type ChargingSession = z.output<typeof chargingSessionSchema>;
export type ChargingSessionWire = z.input<typeof chargingSessionSchema>;

export const chargingSessionPageSchema = z.object({
  /** 0 on success; anything else is an error even with HTTP 200. */
  errorCode: z.number(),
  errorMessage: optionalString,
  /** Null on some firmware when errorCode != 0. */
  content: z.pipe(
    z.nullish(z.array(chargingSessionSchema)),
    z.transform((v: ChargingSession[] | null | undefined) => v ?? []),
  ),
  pagingInfo: z.pipe(
    z.nullish(
      z.object({
        /** Sessions matching the filter, over all pages. */
        numOfRows: z.number(),
        /** Pages at the requested pageSize. */
        pageCount: z.number(),
      }),
    ),
    z.transform((v: { numOfRows: number; pageCount: number } | null | undefined) => v ?? { numOfRows: 0, pageCount: 0 }),
  ),
});
export type ChargingSessionPage = z.output<typeof chargingSessionPageSchema>;
export type ChargingSessionPageWire = z.input<typeof chargingSessionPageSchema>;

