/**
 * The archive-backed routes of our server (sessions, power, timeline, settings), shared by the
 * server (which produces them) and the browser (which parses them). Times travel as ISO strings
 * (UTC, `Z`) so a `curl` is readable; the parsed output is epoch milliseconds like the charger
 * schemas'. Written with `zod/mini` like the rest of src/api.
 */
import * as z from 'zod/mini';
import { canonicalTimeZone } from '../shared/time/time-zone-name.ts';

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Where an answer came from: all from the archive, all from the charger, or both. */
export const ARCHIVE_SOURCES = ['archive', 'charger', 'mixed'] as const;
export type ArchiveSource = (typeof ARCHIVE_SOURCES)[number];
/** Kept as a string: a newer server may name a new source. */
const sourceSchema = z.string();

/**
 * The parts of an incomplete answer's range (ISO instants, `to` exclusive) that could be read
 * neither from the archive nor from the charger: days the charger has not answered for yet, or
 * did not answer now. Present only when `complete` is false.
 */
const missingSchema = z.optional(z.array(z.object({ from: z.string(), to: z.string() })));

/** `YYYY-MM-DD`, a local day of the charger's zone. */
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO time on the wire, epoch ms once parsed. */
const isoTime = z.pipe(
  z.string(),
  z.transform((text: string, ctx) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) {
      ctx.issues.push({ code: 'custom', message: `not a time: "${text}"`, input: text });
      return z.NEVER;
    }
    return ms;
  }),
);
const isoTimeOrNull = z.pipe(
  z.nullish(z.string()),
  z.transform((text: string | null | undefined, ctx) => {
    if (text == null) return null;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) {
      ctx.issues.push({ code: 'custom', message: `not a time: "${text}"`, input: text });
      return z.NEVER;
    }
    return ms;
  }),
);
const numberOrNull = z.pipe(
  z.nullish(z.number()),
  z.transform((v: number | null | undefined) => v ?? null),
);
const stringOrNull = z.pipe(
  z.nullish(z.string()),
  z.transform((v: string | null | undefined) => v ?? null),
);

// ---------------------------------------------------------------------------------------------
// GET /api/chargers/:id/sessions?from=YYYY-MM-DD&to=YYYY-MM-DD

/** The query: local days of the charger's zone (CHARGER_TIMEZONE), both inclusive. */
export const sessionsQuerySchema = z.strictObject({
  from: z.string().check(z.regex(LOCAL_DATE_PATTERN, 'expected YYYY-MM-DD')),
  to: z.string().check(z.regex(LOCAL_DATE_PATTERN, 'expected YYYY-MM-DD')),
});
export type SessionsQuery = z.output<typeof sessionsQuerySchema>;

export const archivedSessionSchema = z.object({
  /** The charger's chargingSessionId. */
  id: z.number(),
  connectorId: numberOrNull,
  /** Charging started (the history's filter and order key). */
  startedAt: isoTimeOrNull,
  /** Charging ended; null while the session runs. */
  endedAt: isoTimeOrNull,
  /** Vehicle connected / disconnected, when the charger reports them. */
  pluggedInAt: isoTimeOrNull,
  unpluggedAt: isoTimeOrNull,
  energyKWh: numberOrNull,
  /**
   * Time with power flowing, from the archived 5-minute profile (intervals with connector power
   * > 0, 300 s each); null when the archive has no profile for the session.
   */
  activeChargingSeconds: numberOrNull,
  /**
   * Plugged-in time: the charger's `timeSpentCharging` (which, despite its name, counts the whole
   * plug-in, suspended time included), else unplugged − plugged in.
   */
  pluggedInSeconds: numberOrNull,
  maxPowerKW: numberOrNull,
  /** Energy meter at start and end, mWh (end − start = kWh × 10⁶). */
  meterStart: numberOrNull,
  meterEnd: numberOrNull,
  user: z.pipe(
    z.nullish(z.object({ id: numberOrNull, firstName: stringOrNull, lastName: stringOrNull })),
    z.transform((v) => v ?? null),
  ),
  card: z.pipe(
    z.nullish(
      z.object({
        /** The RFID UID (or other identification). */
        code: stringOrNull,
        /** Number printed on the card, e.g. `0055`. */
        number: stringOrNull,
        /** e.g. `RfidCard`. */
        type: stringOrNull,
      }),
    ),
    z.transform((v) => v ?? null),
  ),
  /** The charger's stop reason, e.g. `LocalStopUserDisconnectedCableFromVehicle`; unknown values kept. */
  stopReason: stringOrNull,
  /** e.g. `Finished`, `Charging`; unknown values kept. */
  status: stringOrNull,
  /** Charging mode, e.g. `Fast`. */
  mode: stringOrNull,
});
export type ArchivedSession = z.output<typeof archivedSessionSchema>;
export type ArchivedSessionWire = z.input<typeof archivedSessionSchema>;

export const sessionsResponseSchema = z.object({
  /** Every session that started charging in the range, oldest first. */
  sessions: z.array(archivedSessionSchema),
  /** False when part of the range could be read neither from the archive nor from the charger. */
  complete: z.boolean(),
  missing: missingSchema,
  source: sourceSchema,
});
export type SessionsResponse = z.output<typeof sessionsResponseSchema>;
export type SessionsResponseWire = z.input<typeof sessionsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/chargers/:id/power?from=ISO&to=ISO&step=5m|1h|1d

export const POWER_STEPS = ['5m', '1h', '1d'] as const;
export type PowerStep = (typeof POWER_STEPS)[number];

/** A series name as the charger's power profile names its measures. */
export const SERIES_PATTERN = /^(connector[1-9]\d?|building|cluster)$/;

/** Longest range per step, so one answer stays small (a year of days, a month of hours, 35 days of 5 min). */
export const MAX_POWER_SPAN_MS: Record<PowerStep, number> = {
  '5m': 35 * 86_400_000,
  '1h': 93 * 86_400_000,
  '1d': 3700 * 86_400_000,
};

export const powerQuerySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    step: z.optional(z.enum(POWER_STEPS)),
  })
  .check(
    z.refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] }),
    z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_POWER_SPAN_MS[q.step ?? '5m'], {
      message: 'the range is too long for this step (5m: 35 days, 1h: 93 days, 1d: about 10 years)',
      path: ['to'],
    }),
  );
export type PowerQuery = z.output<typeof powerQuerySchema>;

/**
 * One step: `time` (start of the step: the 5-minute slot, the local hour, the local day), `kW` per
 * series, the average over the 5-minute points archived in that step (null when the series has
 * none there), and `energyKWh` per series in that step (Σ kW × 5/60), which daily and monthly bars
 * show. Nested rather than one key per series beside `time`, so the type stays exact.
 */
export const powerPointSchema = z.object({
  time: isoTime,
  kW: z.record(z.string(), z.nullable(z.number())),
  energyKWh: z.record(z.string(), z.number()),
});
export type ArchivePowerPoint = z.output<typeof powerPointSchema>;
export type ArchivePowerPointWire = z.input<typeof powerPointSchema>;

export const powerResponseSchema = z.object({
  step: z.string(),
  /** Series present in the answer, e.g. `connector1`, `building`, `cluster`. */
  series: z.array(z.string()),
  /** Steps in time order; a step without any point is left out. */
  points: z.array(powerPointSchema),
  /** Energy per series over the whole range, kWh. */
  energyKWh: z.record(z.string(), z.number()),
  /** False when part of the range could be read neither from the archive nor from the charger. */
  complete: z.boolean(),
  missing: missingSchema,
  source: sourceSchema,
});
export type PowerResponse = z.output<typeof powerResponseSchema>;
export type PowerResponseWire = z.input<typeof powerResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/chargers/:id/timeline?date=YYYY-MM-DD

/**
 * What happened, derived on the server from the status stream. Kept as strings on the wire: a
 * newer server may add kinds, and the browser shows an unknown one readably.
 */
export const TIMELINE_KINDS = [
  'plugged_in',
  'charging',
  'suspended_ev',
  'suspended_evse',
  'finished',
  'unplugged',
  'reserved',
  'unavailable',
  'fault',
  'fault_cleared',
  'unreachable',
  'reachable',
  'load_guard_disconnected',
  'load_guard_connected',
  /** A connector state the vocabulary does not know; `detail` is the charger's name for it. */
  'status',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineQuerySchema = z.strictObject({
  date: z.string().check(z.regex(LOCAL_DATE_PATTERN, 'expected YYYY-MM-DD')),
});

export const timelineEventSchema = z.object({
  at: isoTime,
  kind: z.string(),
  /** The connector the event is about; absent for charger-wide events. */
  connectorId: z.optional(z.number()),
  /** Fault type and description, the unknown status string, or the error of an unreachable charger. */
  detail: z.optional(z.string()),
});
export type TimelineEvent = z.output<typeof timelineEventSchema>;
export type TimelineEventWire = z.input<typeof timelineEventSchema>;

export const timelineResponseSchema = z.object({
  date: z.string(),
  /** Oldest first. */
  events: z.array(timelineEventSchema),
  source: sourceSchema,
});
export type TimelineResponse = z.output<typeof timelineResponseSchema>;
export type TimelineResponseWire = z.input<typeof timelineResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/settings, PUT /api/settings

/**
 * Where a charger's time zone comes from, strongest first: the settings screen, the charger's
 * CHARGERS_FILE entry, CHARGER_TIMEZONE, the server's own zone.
 */
export const ZONE_SOURCES = ['settings', 'file', 'environment', 'server'] as const;
export type ZoneSource = (typeof ZONE_SOURCES)[number];

const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const price = z.number().check(z.gte(0), z.lte(100));

const offPeakSchema = z.nullable(
  z
    .strictObject({
      pricePerKWh: price,
      from: z.string().check(z.regex(CLOCK_PATTERN, 'from is HH:MM')),
      to: z.string().check(z.regex(CLOCK_PATTERN, 'to is HH:MM')),
    })
    .check(z.refine((w) => w.from !== w.to, { message: 'from and to must differ', path: ['to'] })),
);
const currencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code like EUR'));

/** The household's prices as kept (GET answers them, PUT sends all three together). */
export const pricingSettingsSchema = z.strictObject({
  /** Price per kWh; null = no price (costs are not shown). */
  pricePerKWh: z.nullable(price),
  /** ISO 4217, e.g. `EUR`. */
  currency: currencySchema,
  /** A second price for a local time of day (`22:00`–`06:00` wraps midnight); null = none. */
  offPeak: offPeakSchema,
});
export type Settings = z.output<typeof pricingSettingsSchema>;

/** An IANA zone name (stored as Intl spells it). */
export const timeZoneNameSchema = z.string().check(
  z.maxLength(64, 'a time zone name has at most 64 characters'),
  z.refine((name) => canonicalTimeZone(name) !== null, 'not an IANA time zone name (like Europe/Zurich)'),
);

/**
 * What PUT accepts: the prices (all three fields, replacing the saved ones), the chargers' zones,
 * or both. `timeZones` names only the chargers to change: a zone sets it, null lets the charger
 * follow its configuration again (CHARGERS_FILE, CHARGER_TIMEZONE, the server's zone).
 */
export const settingsBodySchema = z
  .strictObject({
    pricePerKWh: z.optional(z.nullable(price)),
    currency: z.optional(currencySchema),
    offPeak: z.optional(offPeakSchema),
    timeZones: z.optional(z.record(z.string().check(z.maxLength(63)), z.nullable(timeZoneNameSchema))),
  })
  .check(
    z.refine((body) => [body.pricePerKWh, body.currency, body.offPeak].every((v) => v === undefined) || [body.pricePerKWh, body.currency, body.offPeak].every((v) => v !== undefined), {
      message: 'pricePerKWh, currency and offPeak are sent together',
    }),
    z.refine((body) => body.currency !== undefined || body.timeZones !== undefined, { message: 'nothing to save: send the prices, timeZones or both' }),
  );
export type SettingsUpdate = z.output<typeof settingsBodySchema>;

/** Why this client cannot change the settings: no archive to keep them, or only the server machine may (no ADMIN_PIN). */
export const READ_ONLY_REASONS = ['archive_off', 'local_only'] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

export const settingsResponseSchema = z.extend(
  z.object({
    pricePerKWh: z.nullable(z.number()),
    currency: z.string(),
    offPeak: z.nullable(z.object({ pricePerKWh: z.number(), from: z.string(), to: z.string() })),
  }),
  {
    /** True while nobody saved settings: the values are the server's defaults (PRICE_PER_KWH, CURRENCY). */
    isDefault: z.boolean(),
    /** PUT needs the `X-Admin-Pin` header (ADMIN_PIN is set). */
    pinRequired: z.boolean(),
    /** False with ARCHIVE=off: there is nowhere to keep them, PUT answers 409. */
    writable: z.boolean(),
    /** Whether the asking client may change them (with the PIN when `pinRequired`). */
    writableFromHere: z.optional(z.boolean()),
    /** Why not, when `writableFromHere` is false (kept as a string: a newer server may name another). */
    readOnlyReason: z.optional(z.nullable(z.string())),
    /** Each charger's zone now, by charger id, and where it comes from (one of ZONE_SOURCES, kept as a string). */
    timeZones: z.optional(z.record(z.string(), z.object({ zone: z.string(), source: z.string() }))),
    /** The zone the server process runs in. */
    serverTimeZone: z.optional(z.string()),
    /**
     * The server runs in UTC and these chargers have no zone set anywhere, so their days end at
     * UTC midnight; null when every charger's zone was chosen.
     */
    zoneWarning: z.optional(z.nullable(z.object({ code: z.string(), chargerIds: z.array(z.string()) }))),
  },
);
export type SettingsResponse = z.output<typeof settingsResponseSchema>;
export type SettingsResponseWire = z.input<typeof settingsResponseSchema>;

/** The header that carries the admin PIN on PUT /api/settings. */
export const ADMIN_PIN_HEADER = 'x-admin-pin';
