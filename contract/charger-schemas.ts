/**
 * The Etrel INCH local web API, as Zod schemas: the single source of the charger's types for the
 * browser, our server and the simulator (docs/architecture.md#the-charger-and-the-simulator).
 *
 * Tolerance rules, because the charger's firmware varies and we cannot test against every version:
 * - unknown fields pass (stripped on parse; the server forwards the raw JSON anyway);
 * - enum-like strings are plain strings; the known values are listed for translation only, so a
 *   status we have never seen is kept and shown readably instead of failing the parse;
 * - anything the charger may leave out or send as `null` is `nullish`; only identities (ids) and the
 *   connector's status are required, because without them a card cannot be drawn at all.
 *
 * Parsed output turns TimeSpan text into seconds and timestamps into epoch milliseconds
 * (`z.output`); the raw wire shape is `z.input`, which is what the simulator produces.
 *
 * Written with `zod/mini`, Zod's tree-shakable form: the same schemas at a fifth of the bundle
 * weight, which the tablet's first load (≤ 100 KB gzip) cannot spare. For the same reason the
 * session history's schemas live in `session-schemas.ts`: schemas are built when their module
 * loads, and the live view, which is the first load, never needs them.
 */
import * as z from 'zod/mini';
import { parseChargerTime, parseTimeSpan } from './charger-parse.ts';

// ---------------------------------------------------------------------------------------------
// Value helpers

/** A .NET TimeSpan string (`1.12:44:26`) parsed into seconds; `null` when absent. */
export const timeSpanSeconds = z.pipe(
  z.nullish(z.string()),
  z.transform((text: string | null | undefined, ctx) => {
    if (text == null || text === '') return null;
    const seconds = parseTimeSpan(text);
    if (seconds === null) {
      ctx.issues.push({ code: 'custom', message: `not a duration: "${text}"`, input: text });
      return z.NEVER;
    }
    return seconds;
  }),
);

/**
 * A charger timestamp parsed into epoch ms; `null` when absent or `0001-01-01T00:00:00`
 * (.NET's MinValue, the charger's "no value").
 */
export const chargerTime = z.pipe(
  z.nullish(z.string()),
  z.transform((text: string | null | undefined, ctx) => {
    if (text == null || text === '' || text.startsWith('0001-01-01')) return null;
    const ms = parseChargerTime(text);
    if (ms === null) {
      ctx.issues.push({ code: 'custom', message: `not a time: "${text}"`, input: text });
      return z.NEVER;
    }
    return ms;
  }),
);

/** A value the charger may omit or send as null; absent becomes null, so there is one "none". */
export function orNull<S extends z.ZodMiniType>(schema: S) {
  return z.pipe(
    z.nullish(schema),
    z.transform((value: z.output<S> | null | undefined): z.output<S> | null => value ?? null),
  );
}
export const optionalNumber = orNull(z.number());
/** An enum-like or free string; unknown values are kept. */
export const optionalString = orNull(z.string());
export const optionalBoolean = orNull(z.boolean());

// ---------------------------------------------------------------------------------------------
// Known enum values (for translation; unknown values are kept as strings)

/** Connector states seen on INCH firmware (OCPP 1.6 ChargePointStatus names). */
export const KNOWN_CONNECTOR_STATUSES = [
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Reserved',
  'Unavailable',
  'Faulted',
] as const;
export type KnownConnectorStatus = (typeof KNOWN_CONNECTOR_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// POST /api/webOperatorLogin/

export const loginResponseSchema = z.object({
  /** 0 on success; anything else is a failed login even with HTTP 200. */
  errorCode: z.number(),
  /** Human-readable reason from the charger, e.g. "Wrong email or password". */
  errorMessage: optionalString,
  /** The operator account; shape varies by firmware, never shown. */
  webOperator: z.optional(z.unknown()),
  /** Bearer token for the other calls; null when the login failed. */
  token: optionalString,
});
export type LoginResponse = z.output<typeof loginResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/generalStatus/

/** Live values of a connector; absent on some firmware when the connector is disabled. */
export const onlineDataSchema = z.object({
  /** Connector state, e.g. `Available`, `Charging`, `SuspendedEV`; unknown values kept. */
  status: z.string(),
  /** Charging mode chosen in the charger's app, e.g. `Fast`; null when none. */
  mode: optionalString,
  /** Id of the current or last charging session. */
  sessionId: optionalNumber,
  /** Phases wired for this connector: `One` or `Three`. */
  numberOfPhases: optionalString,
  /** Current the charger offers the vehicle right now, in A. */
  targetCurrent: optionalNumber,
  /** Measured current on phase 1, in A. */
  phase1Current: optionalNumber,
  /** Phases carrying current, e.g. `L123` or `L1`. */
  phaseUsed: optionalString,
  /** Charging power right now, in kW. */
  power: optionalNumber,
  /** Energy of the current session so far, in kWh. */
  consumedEnergy: optionalNumber,
  /** Duration of the current session (TimeSpan text on the wire). */
  chargingDuration: timeSpanSeconds,
  /** Departure time the driver set; null when none. */
  plannedDepartureTime: chargerTime,
  /** How the departure time was chosen, e.g. `Selected`. */
  departureTimeMode: optionalString,
  /** Reservation time (sic: the charger's spelling); MinValue means none. */
  reserverdTime: chargerTime,
  /** Fault type when the connector is faulted; null otherwise. */
  faultEventType: optionalString,
  /** Fault text from the charger; null otherwise. */
  faultEventDescription: optionalString,
  /** Operating time of this connector (sic: the charger's spelling). */
  totalOperatingTme: timeSpanSeconds,
});

/** Summary of the connector's last finished session. */
export const lastSessionSchema = z.object({
  /** Charging time of the last session. */
  chargingDuration: timeSpanSeconds,
  /** When the last session ended. */
  chargingEndedTime: chargerTime,
  /** Energy of the last session, in kWh. */
  energyConsumed: optionalNumber,
  /** Why it ended, e.g. `LocalStopUserDisconnectedCableFromVehicle`. */
  chargingSessionStopReason: optionalString,
});

export const connectorSchema = z.object({
  /** Connector number within its EVSE, from 1; also the `connectorN` power-profile measure. */
  connectorId: z.number(),
  /** Phases the connector is wired for: `One` or `Three`. */
  numberOfPhases: optionalString,
  /** Plug type, e.g. `CableType2`. */
  type: optionalString,
  /** Configured per-phase limit on L1, in A (0 = none). */
  maxCurrentL1: optionalNumber,
  /** Limit when charging on one phase, in A. */
  maxCurrent1Phase: optionalNumber,
  /** Limit when charging on three phases, in A. */
  maxCurrent3Phase: optionalNumber,
  /** What the hardware can deliver, in A. */
  hardwareMaxCurrent: optionalNumber,
  /** Nominal phase voltage, in V. */
  hardwareMaxVoltage: optionalNumber,
  /** Live values; null when the charger has none for this connector. */
  onlineData: orNull(onlineDataSchema),
  /** The last finished session; null before the first one. */
  lastSession: orNull(lastSessionSchema),
});
export type Connector = z.output<typeof connectorSchema>;

export const evseSchema = z.object({
  /** EVSE number, from 1. */
  evseId: z.number(),
  /** Label printed on the charger. */
  evseCode: optionalString,
  connectors: z.array(connectorSchema),
});
export type Evse = z.output<typeof evseSchema>;

/** A radio link (Wi-Fi or GSM). */
export const linkSchema = z.object({
  isInstalled: optionalBoolean,
  isEnabled: optionalBoolean,
  /** Whether the link is up right now. */
  linkIsUp: optionalBoolean,
  /** Signal quality in percent. */
  linkQuality: optionalNumber,
});

export const loadGuardSchema = z.object({
  /** A building meter (Load Guard) is fitted. */
  isInstalled: optionalBoolean,
  /** The charger hears the meter right now. */
  isConnected: optionalBoolean,
  /** Whole building's power, in kW. */
  buildingTotalPower: optionalNumber,
  /** Building's main-fuse limit per phase, in A. */
  maxCurrentL1: optionalNumber,
  maxCurrentL2: optionalNumber,
  maxCurrentL3: optionalNumber,
});

export const clusterSchema = z.object({
  /** Several chargers share one current limit. */
  isEnabled: optionalBoolean,
  /** Every member of the cluster is reachable. */
  allChargersConnected: optionalBoolean,
  /** Sum of the cluster's charging power, in kW. */
  totalPower: optionalNumber,
  /** Cluster limit per phase, in A. */
  maxCurrentL1: optionalNumber,
  maxCurrentL2: optionalNumber,
  maxCurrentL3: optionalNumber,
});

export const powerManagementSchema = z.object({
  loadGuard: orNull(loadGuardSchema),
  cluster: orNull(clusterSchema),
});
export type PowerManagement = z.output<typeof powerManagementSchema>;

/** The connectivity panel's fields, gathered from the top level of generalStatus. */
export const connectivitySchema = z.object({
  authorization: orNull(
    z.object({
      /** Who may charge, e.g. `ChargerWhitelistOnly`. */
      type: optionalString,
    }),
  ),
  centralSystem: orNull(
    z.object({
      /** OCPP backend connection, e.g. `Disabled`, `Connected`. */
      status: optionalString,
    }),
  ),
  gsm: orNull(linkSchema),
  wifi: orNull(linkSchema),
  /** Number of recent faults in the charger's log. */
  latestFaults: optionalNumber,
  /** Operating time of the whole charger. */
  chargerTotalOperatingTime: timeSpanSeconds,
});
export type Connectivity = z.output<typeof connectivitySchema>;

/** The whole generalStatus answer, strictly: what the simulator produces and tests check. */
export const generalStatusSchema = z.extend(connectivitySchema, {
  evses: z.array(evseSchema),
  powerManagement: orNull(powerManagementSchema),
});
export type GeneralStatus = z.output<typeof generalStatusSchema>;
export type GeneralStatusWire = z.input<typeof generalStatusSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/powerProfile/

/** The charger's profile step: every power point stands for the 5 minutes from its `time`. */
export const PROFILE_STEP_MS = 5 * 60_000;

/**
 * Above this a value is a meter glitch, not a measurement: a household connection or a cluster of
 * wallboxes never draws 10 MW, and one such value would flatten every real line of the chart to
 * its axis and put a night's worth of energy into the off-peak split.
 */
export const MAX_PLAUSIBLE_KW = 10_000;

/**
 * The one rule for a power value, wherever it comes from (the charger's profile, the archive's
 * answer), used alike by the chart, the energy bars and the off-peak split: a finite number of kW
 * from 0 to MAX_PLAUSIBLE_KW; `null` when there is no value; `'bad'` for a value that is there but
 * unusable (text, negative, implausible), which is left out and counted, never drawn or priced.
 */
export function readPowerKw(raw: unknown): number | null | 'bad' {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > MAX_PLAUSIBLE_KW) return 'bad';
  return raw;
}

/**
 * One 5-minute point: `time` (start of the interval, ISO) plus one kW value per requested measure.
 * Values are read by `readPowerKw`: an unusable one becomes `null` instead of failing the whole
 * answer, and `unreadable` counts them.
 */
export const powerPointSchema = z.pipe(
  z.looseObject({
    /** Start of the 5-minute interval, ISO with offset. */
    time: z.string(),
  }),
  z.transform((point: { time: string } & Record<string, unknown>) => {
    const kW: Record<string, number | null> = {};
    let unreadable = 0;
    for (const [measure, raw] of Object.entries(point)) {
      if (measure === 'time') continue;
      const value = readPowerKw(raw);
      if (value === 'bad') unreadable++;
      kW[measure] = value === 'bad' ? null : value;
    }
    return { time: point.time, kW, unreadable };
  }),
);
export const powerProfileSchema = z.array(powerPointSchema);
export type PowerPoint = z.output<typeof powerPointSchema>;
/** A point as the charger sends it. */
export type PowerPointWire = { time: string } & Record<string, unknown>;
