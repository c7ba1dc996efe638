/**
 * Our own server's API (routes and error codes: docs/architecture.md, "The API"), shared by the server (which produces it) and the browser
 * (which parses it).
 */
import * as z from 'zod/mini';

export const ERROR_CODES = [
  'bad_request',
  'not_found',
  'method_not_allowed',
  'request_timeout',
  'request_header_too_large',
  'host_not_allowed',
  'too_many_requests',
  'charger_auth_failed',
  'charger_unreachable',
  'charger_bad_response',
  'charger_timeout',
  'forbidden',
  'local_only',
  'unsupported_media_type',
  'archive_off',
  'archive_full',
  'archive_read_only',
  'archive_unavailable',
  'too_many_streams',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status our server answers with for each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  /** The request did not arrive in time (a client that opens a connection and sends nothing). */
  request_timeout: 408,
  /** The request's headers are larger than Node's limit (16 KiB by default). */
  request_header_too_large: 431,
  /** The Host header names none of this server's names: a DNS-rebinding page, or a missing ALLOWED_HOSTS entry. */
  host_not_allowed: 421,
  /** One client has too many history requests waiting for a charger. */
  too_many_requests: 429,
  charger_auth_failed: 502,
  charger_unreachable: 502,
  charger_bad_response: 502,
  charger_timeout: 504,
  /** PUT /api/settings from another origin or without the admin PIN. */
  forbidden: 403,
  /** PUT /api/settings from another machine while no ADMIN_PIN is set: only the server machine itself may change them. */
  local_only: 403,
  unsupported_media_type: 415,
  /** A write to the archive while it is switched off (ARCHIVE=off). */
  archive_off: 409,
  /** The archive's disk is full. */
  archive_full: 507,
  /** A write to an archive whose file or folder cannot be written. */
  archive_read_only: 503,
  /** The archive cannot be read: damaged, not a database, or not openable (`/api/health` says which). */
  archive_unavailable: 503,
  too_many_streams: 503,
  internal: 500,
};

export const errorBodySchema = z.object({
  error: z.object({
    /** Machine-readable; unknown codes from a newer server are kept. */
    code: z.string(),
    /** One sentence for people. */
    message: z.string(),
    /** Which charger the error is about, for charger_* codes. */
    chargerId: z.optional(z.string()),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const chargerInfoSchema = z.object({
  /** Stable id used in URLs (`?charger=<id>`, `/api/chargers/<id>/…`). */
  id: z.string(),
  /** Display name, e.g. "Platz 13". */
  name: z.string(),
  /** True when this is the embedded simulator, not a real charger. */
  simulated: z.boolean(),
  /** The charger's IANA zone, whose days and months its figures count in; absent from older servers. */
  timeZone: z.optional(z.string()),
});
export type ChargerInfo = z.infer<typeof chargerInfoSchema>;

export const chargersResponseSchema = z.object({
  chargers: z.array(chargerInfoSchema),
  /** Build id of the running server; the page reloads itself when it changes. */
  build: z.optional(z.string()),
  /** Server defaults for the session cost (PRICE_PER_KWH, CURRENCY). */
  pricing: z.optional(z.object({ pricePerKwh: z.nullable(z.number()), currency: z.string() })),
  /** How often the server reads each charger's status (STATUS_INTERVAL_MS). */
  statusIntervalMs: z.optional(z.number()),
  /** A reading older than this (by the server's clock) is stale. */
  staleAfterMs: z.optional(z.number()),
  /** An event stream silent this long is taken for a buffering proxy: the page polls instead. */
  streamSilenceMs: z.optional(z.number()),
  /** The server's clock when it answered (ISO), so a tablet can correct its own. */
  now: z.optional(z.string()),
});
export type ChargersResponse = z.infer<typeof chargersResponseSchema>;

export const archiveHealthSchema = z.object({
  /** Oldest and newest archived 5-minute point, ISO; null before the first. */
  powerFrom: z.nullable(z.string()),
  powerTo: z.nullable(z.string()),
  /** Oldest and newest archived session start, ISO; null before the first. */
  sessionsFrom: z.nullable(z.string()),
  sessionsTo: z.nullable(z.string()),
  points: z.number(),
  sessions: z.number(),
  events: z.number(),
  /** The first fill (or a catch-up after downtime) is under way. */
  backfillRunning: z.boolean(),
  /** The last failed archive write or read of the charger, null when the last one worked. */
  lastError: z.nullable(z.string()),
});
export type ArchiveHealth = z.infer<typeof archiveHealthSchema>;

export const ARCHIVE_PROBLEM_KINDS = ['disk_full', 'read_only', 'damaged', 'truncated', 'not_a_database', 'other_program', 'newer_version', 'cannot_open'] as const;

/**
 * What is wrong with the archive file and how to put it right without losing the history. The
 * browser shows `kind` in its own words (an unknown kind from a newer server as `message`);
 * `message` and `fix` are the server's English sentences, naming the file.
 */
export const archiveProblemSchema = z.object({
  /** One of ARCHIVE_PROBLEM_KINDS; kept as a string, a newer server may name another. */
  kind: z.string(),
  /** The archive file (ARCHIVE_PATH, absolute). */
  file: z.string(),
  /** The damaged page, when the file is damaged and SQLite's check named one. */
  page: z.nullable(z.number()),
  /** What is wrong, one sentence. */
  message: z.string(),
  /** What to do about it, without losing data. */
  fix: z.string(),
  /** ISO time the server noticed it. */
  since: z.string(),
});
export type ArchiveProblem = Omit<z.infer<typeof archiveProblemSchema>, 'kind'> & { kind: (typeof ARCHIVE_PROBLEM_KINDS)[number] };

export const healthResponseSchema = z.object({
  /** Every charger's status is read and valid (the archive's state is `archive.ok`). */
  ok: z.boolean(),
  /** The archive file's state; absent with ARCHIVE=off. */
  archive: z.optional(
    z.object({
      file: z.string(),
      /** False while `problem` is set. */
      ok: z.boolean(),
      problem: z.nullable(archiveProblemSchema),
    }),
  ),
  chargers: z.array(
    z.object({
      id: z.string(),
      reachable: z.boolean(),
      /** ISO time of the last successful upstream call; null before the first. */
      lastOkAt: z.nullable(z.string()),
      /** Error code and message of the last failed call; null when the last call succeeded. */
      lastError: z.nullable(z.object({ code: z.string(), message: z.string() })),
      /** The archive's progress for this charger; absent with ARCHIVE=off and while the archive cannot be read. */
      archive: z.optional(archiveHealthSchema),
    }),
  ),
  /** The MQTT broker connection; absent when MQTT is not configured (MQTT_URL). */
  mqtt: z.optional(z.object({ connected: z.boolean() })),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
