/**
 * The charger snapshot: the one meaning of a status reading. The server builds it once per reading
 * (`server/snapshot/`), in the charger's own time zone, and everything downstream takes it as it is:
 * the event stream pushes it, the browser validates it once and renders it, the archive's timeline
 * is derived from it, MQTT, notifications and metrics publish it. Nothing downstream maps a raw
 * status, computes a calendar day or corrects a clock.
 *
 * Plain JSON: times are ISO strings (UTC), durations whole seconds, power kW, energy kWh, money in
 * the currency's units. `null` is "unknown", never a zero standing in for it.
 *
 * `v` is the shape's version. A change that an older page could misread gets a new number; the
 * page reloads itself on a new build anyway, so a mismatch lives only until that reload.
 */
import * as z from 'zod/mini';
import { PAUSE_REASONS, STATE_KINDS } from './state-vocabulary.ts';

export const SNAPSHOT_VERSION = 1;

const nullableNumber = z.nullable(z.number());
const nullableString = z.nullable(z.string());
const nullableBoolean = z.nullable(z.boolean());
const iso = z.string();

/** A part of the reading that may be malformed on its own: its error stays in its panel. */
function section<S extends z.ZodMiniType>(data: S) {
  return z.union([z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: z.string() })]);
}

export const connectorStateSchema = z.object({
  /** What the connector is doing, from the one vocabulary (`state-vocabulary.ts`). */
  kind: z.enum(STATE_KINDS),
  /** The charger's own name for it, as sent; null when the charger sent no live values. */
  raw: nullableString,
  /** For `paused_by_charger`: why, where it can be told; null otherwise. */
  reason: z.nullable(z.enum(PAUSE_REASONS)),
  /** A session is open: its energy and duration are live and its clock ticks. */
  sessionOpen: z.boolean(),
});
export type ConnectorState = z.infer<typeof connectorStateSchema>;

export const faultSchema = z.object({
  /** `fault`: the connector is out of order; `warning`: reported beside a working state. */
  severity: z.enum(['fault', 'warning']),
  /** The charger's fault type, e.g. `GroundFailure`; null when it sends only a text. */
  type: nullableString,
  /** The charger's own text; null when it sends only a type. */
  text: nullableString,
});
export type ConnectorFault = z.infer<typeof faultSchema>;

export const sessionSchema = z.object({
  /** kWh so far; null when the charger does not say (never shown as 0). */
  energyKwh: nullableNumber,
  /** The charger's session duration (from the start of charging), seconds at `readAt`. */
  activeSeconds: nullableNumber,
  /** Since the car was plugged in, seconds at `readAt`; null when not known. */
  pluggedInSeconds: nullableNumber,
  /** When charging started (`readAt` minus `activeSeconds`). */
  startedAt: z.nullable(iso),
  /** The departure the driver set. */
  departureAt: z.nullable(iso),
  /** Energy × the server's price; null without a price or without energy. */
  costSoFar: nullableNumber,
});
export type SessionSnapshot = z.infer<typeof sessionSchema>;

export const lastSessionSchema = z.object({
  energyKwh: nullableNumber,
  durationSeconds: nullableNumber,
  endedAt: z.nullable(iso),
  /** The charger's stop reason, raw (worded by the browser's stop-reason table). */
  stopReason: nullableString,
});

export const connectorSnapshotSchema = z.object({
  /** Stable within the charger: `<evseId>-<connectorId>`; two EVSEs that each number a connector 1 differ. */
  key: z.string(),
  evseId: z.number(),
  /** The label printed on the EVSE, when the charger sends one. */
  evseCode: nullableString,
  connectorId: z.number(),
  /** What people call it: `1`, or `2/1` where several EVSEs have several connectors. */
  label: z.string(),
  /**
   * The connector's number in the power profile, the archive and the timeline: its `connectorId`
   * while those are unique within the charger, else its position across the EVSEs (1-based).
   */
  number: z.number(),
  /** Its power-profile measure: `connector<number>`. */
  series: z.string(),
  state: connectorStateSchema,
  /** kW now. */
  powerKw: nullableNumber,
  /** Phases carrying current, e.g. `L1 L2 L3`. */
  phases: nullableString,
  /** The current the charger offers the car, A. */
  targetCurrentA: nullableNumber,
  /** Measured current on phase 1, A. */
  currentA: nullableNumber,
  /** The most this connector can take, kW (its hardware limit); null when not known. */
  maxPowerKw: nullableNumber,
  /** The open session; null when none is open. */
  session: z.nullable(sessionSchema),
  /** The last finished session; null before the first. */
  lastSession: z.nullable(lastSessionSchema),
  fault: z.nullable(faultSchema),
});
export type ConnectorSnapshot = z.infer<typeof connectorSnapshotSchema>;

const limitSchema = z.object({
  /** Per-phase current limits, A (L1, L2, L3); null where not set. */
  phaseLimitsA: z.array(nullableNumber),
  /** The power those limits allow, kW; null when there is no limit. */
  limitKw: nullableNumber,
});

export const powerManagementSnapshotSchema = z.object({
  loadGuard: z.nullable(
    z.extend(limitSchema, {
      installed: nullableBoolean,
      /** The charger hears the building meter right now. */
      connected: nullableBoolean,
      /** The whole building's power, kW. */
      buildingKw: nullableNumber,
    }),
  ),
  cluster: z.nullable(
    z.extend(limitSchema, {
      enabled: nullableBoolean,
      allConnected: nullableBoolean,
      /** The cluster's charging power, kW. */
      powerKw: nullableNumber,
    }),
  ),
});
export type PowerManagementSnapshot = z.infer<typeof powerManagementSnapshotSchema>;

const linkSnapshotSchema = z.object({
  installed: nullableBoolean,
  enabled: nullableBoolean,
  up: nullableBoolean,
  /** Signal quality, percent. */
  quality: nullableNumber,
});

export const connectivitySnapshotSchema = z.object({
  wifi: z.nullable(linkSnapshotSchema),
  gsm: z.nullable(linkSnapshotSchema),
  /** The OCPP backend's connection as the charger names it, e.g. `Disabled`. */
  centralSystem: nullableString,
  /** Who may charge, as the charger names it, e.g. `ChargerWhitelistOnly`. */
  authorization: nullableString,
  /** Faults in the charger's recent log. */
  latestFaults: nullableNumber,
  /** The charger's whole operating time, seconds. */
  operatingSeconds: nullableNumber,
});
export type ConnectivitySnapshot = z.infer<typeof connectivitySnapshotSchema>;

const periodSchema = z.object({
  /** kWh in the period as the charger's calendar counts it; null when unknown (no archive, a gap). */
  kwh: nullableNumber,
  cost: nullableNumber,
});

export const chargerSnapshotSchema = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  chargerId: z.string(),
  /** The charger's IANA time zone: its days, months and clock times. */
  zone: z.string(),
  /** When our server received the reading these values come from; null before the first. */
  readAt: z.nullable(iso),
  /**
   * How old the reading was when this snapshot left the server, ms. A page dates the values by its
   * own clock as arrival minus this: no clock of two machines is ever compared.
   */
  ageMs: nullableNumber,
  /** The last attempt to read the charger worked. */
  reachable: z.boolean(),
  /** Why it did not, and since when (the first failure of the run); null while reachable. */
  problem: z.nullable(z.object({ code: z.string(), message: z.string(), since: iso })),
  connectors: section(z.array(connectorSnapshotSchema)),
  /** `data` is null when the charger reports no power management. */
  powerManagement: section(z.nullable(powerManagementSnapshotSchema)),
  connectivity: section(connectivitySnapshotSchema),
  /** The price every cost here is computed at; `pricePerKwh` null without one (or with an off-peak split). */
  pricing: z.object({ pricePerKwh: nullableNumber, currency: z.string() }),
  /** Today and this month in the charger's calendar: the connectors' energy and its cost. */
  energy: z.object({ today: periodSchema, month: periodSchema }),
});
export type ChargerSnapshot = z.infer<typeof chargerSnapshotSchema>;

/** The `fresh` event: the same values, read again (only their age moves). */
export const freshSchema = z.object({ chargerId: z.string(), readAt: iso, ageMs: z.number() });
export type FreshNotice = z.infer<typeof freshSchema>;
