/**
 * Server configuration from the environment (the variables: docs/architecture.md#configuration).
 * Everything is validated up front so a mistake stops start-up with one line that says what to
 * fix, instead of a dashboard that looks fine and shows nothing.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { canonicalTimeZone } from '../src/shared/time/time-zone-name.ts';
import { parseHomeConfig, type HomeConfig } from './home/home-config.ts';

export type ChargerAuth =
  | { kind: 'token'; token: string }
  | { kind: 'login'; email: string; password: string };

export interface ChargerConfig {
  /** Stable id used in our URLs. */
  id: string;
  name: string;
  /** Base URL of the charger, without trailing slash; requests go to `${url}/api/...`. */
  url: string;
  auth: ChargerAuth;
  /** Accept a self-signed certificate (CHARGER_INSECURE_TLS). */
  insecureTls: boolean;
  simulated: boolean;
  /** The charger's own IANA zone from its CHARGERS_FILE entry; absent: CHARGER_TIMEZONE or the server's (server/charger-zones.ts). */
  timeZone?: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** Empty when the embedded simulator is to be started; filled in by start-up then. */
  chargers: ChargerConfig[];
  simulator: { chargers: number; seed: number | undefined } | null;
  /**
   * CHARGER_TIMEZONE, else the server's zone: where the embedded simulator's households live. Each
   * charger's own zone comes from server/charger-zones.ts, which also knows the settings screen's.
   */
  timeZone: string;
  /** CHARGER_TIMEZONE as set (in Intl's spelling); null when unset. */
  environmentTimeZone: string | null;
  /** The zone this server process runs in (TZ, the system's), the last resort for a charger's zone. */
  serverTimeZone: string;
  /** Upstream timeout per charger call. */
  upstreamTimeoutMs: number;
  /** How long a generalStatus answer is shared between clients. */
  statusTtlMs: number;
  /** How often each charger's collector asks for its status while someone listens. */
  statusIntervalMs: number;
  /**
   * A screen's event stream silent this long is taken for one a proxy holds back, and the screen
   * polls instead (STREAM_SILENCE_MS); never less than three status intervals.
   */
  streamSilenceMs: number;
  /** Most event streams open at once; one more is refused with 503. */
  maxStreams: number;
  pricing: { pricePerKwh: number | null; currency: string };
  /** The SQLite archive (ARCHIVE_PATH); null with ARCHIVE=off. */
  /** The SQLite archive (ARCHIVE_PATH) and how far back it reads a new charger (ARCHIVE_HORIZON_DAYS); null with ARCHIVE=off. */
  archive: { path: string; horizonDays: number } | null;
  /** PUT /api/settings needs it (ADMIN_PIN); null when unset. */
  adminPin: string | null;
  /**
   * Host names the server answers for besides IP literals, localhost, this machine's name and
   * `*.local` (ALLOWED_HOSTS); `*.example.com` covers every name below example.com.
   */
  allowedHosts: string[];
  /**
   * Reverse proxies whose `X-Forwarded-For` names the real client (TRUST_PROXY): addresses, CIDR
   * ranges or `loopback`, `linklocal`, `uniquelocal`. Without it every screen behind a proxy shares
   * the proxy's address, and so one fair queue for history.
   */
  trustProxy: string[];
  /** MQTT and Home Assistant discovery, notifications, Prometheus metrics: all off unless configured. */
  home: HomeConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

const chargerEntrySchema = z.strictObject({
  id: z.string().check(z.regex(ID_PATTERN, 'must be letters, digits, - or _ (max 63)')),
  name: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(80, 'must be at most 80 characters'))),
  url: z.string(),
  token: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  email: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  password: z.optional(z.string()),
  timeZone: z.optional(z.string()),
});
const ENTRY_FIELDS = Object.keys(chargerEntrySchema.def.shape);

// Strict, so a misspelt field ("Name", "passwort") is reported instead of silently ignored.
const chargersFileSchema = z.array(chargerEntrySchema).check(z.minLength(1, 'the list is empty'));

type Env = Record<string, string | undefined>;

/** The zone this process runs in; a TZ that Intl does not know (`TZ=` gives `Etc/Unknown`) runs as UTC. */
export function processTimeZone(): string {
  return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
}

/** `serverTimeZone`: the zone this server runs in (tests pass one; by default the process's own). */
export function loadConfig(env: Env = process.env, serverTimeZone: string = processTimeZone()): ServerConfig {
  const port = parseInteger(env.PORT, 'PORT', 8080, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';
  const environmentTimeZone = env.CHARGER_TIMEZONE?.trim() ? parseTimeZone(env.CHARGER_TIMEZONE, 'CHARGER_TIMEZONE') : null;
  const insecureTls = parseBoolean(env.CHARGER_INSECURE_TLS, 'CHARGER_INSECURE_TLS');
  const base = {
    port,
    host,
    timeZone: environmentTimeZone ?? serverTimeZone,
    environmentTimeZone,
    serverTimeZone,
    upstreamTimeoutMs: parseInteger(env.CHARGER_TIMEOUT_MS, 'CHARGER_TIMEOUT_MS', 5000, 100, 120_000),
    statusTtlMs: parseInteger(env.STATUS_TTL_MS, 'STATUS_TTL_MS', 2000, 0, 60_000),
    statusIntervalMs: parseInteger(env.STATUS_INTERVAL_MS, 'STATUS_INTERVAL_MS', 5000, 500, 600_000),
    streamSilenceMs: parseInteger(env.STREAM_SILENCE_MS, 'STREAM_SILENCE_MS', 30_000, 1000, 600_000),
    maxStreams: parseInteger(env.MAX_STREAMS, 'MAX_STREAMS', 200, 1, 100_000),
    pricing: {
      pricePerKwh: parsePrice(env.PRICE_PER_KWH),
      currency: parseCurrency(env.CURRENCY),
    },
    archive: parseArchive(env.ARCHIVE, env.ARCHIVE_PATH, env.ARCHIVE_HORIZON_DAYS),
    adminPin: parseAdminPin(env.ADMIN_PIN),
    allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    home: parseHomeConfig(env),
  };

  if (env.CHARGERS_FILE?.trim()) {
    if (env.CHARGER_URL?.trim()) {
      throw new ConfigError('set either CHARGER_URL or CHARGERS_FILE, not both');
    }
    return { ...base, chargers: readChargersFile(env.CHARGERS_FILE.trim(), insecureTls), simulator: null };
  }

  if (env.CHARGER_URL?.trim()) {
    const url = parseChargerUrl(env.CHARGER_URL.trim(), 'CHARGER_URL');
    const auth = parseAuth(
      { token: env.CHARGER_TOKEN, email: env.CHARGER_EMAIL, password: env.CHARGER_PASSWORD },
      'CHARGER_TOKEN or CHARGER_EMAIL and CHARGER_PASSWORD',
    );
    const name = env.CHARGER_NAME?.trim() || nameFromUrl(url);
    return {
      ...base,
      chargers: [{ id: slug(name), name, url, auth, insecureTls, simulated: false }],
      simulator: null,
    };
  }

  const seed = env.SIMULATOR_SEED?.trim()
    ? parseInteger(env.SIMULATOR_SEED, 'SIMULATOR_SEED', 0, 0, 2 ** 31 - 1)
    : undefined;
  return {
    ...base,
    chargers: [],
    simulator: { chargers: parseInteger(env.SIMULATOR_CHARGERS, 'SIMULATOR_CHARGERS', 1, 1, 100), seed },
  };
}

function readChargersFile(path: string, insecureTls: boolean): ChargerConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`CHARGERS_FILE "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`CHARGERS_FILE "${path}" is not valid JSON`);
  }
  const parsed = chargersFileSchema.safeParse(json);
  if (!parsed.success) {
    // An unknown field first: a misspelt "URL" also makes "url" missing, but the typo is the news.
    const issues = parsed.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    throw new ConfigError(`CHARGERS_FILE "${path}": ${describeIssue(issue)}`);
  }
  const seen = new Set<string>();
  return parsed.data.map((entry, index) => {
    if (seen.has(entry.id)) throw new ConfigError(`CHARGERS_FILE "${path}": id "${entry.id}" appears twice`);
    seen.add(entry.id);
    const where = `CHARGERS_FILE entry ${index} ("${entry.id}")`;
    const url = parseChargerUrl(entry.url, `${where} url`);
    const timeZone = entry.timeZone === undefined ? undefined : parseTimeZone(entry.timeZone, `${where} timeZone`);
    return {
      id: entry.id,
      name: entry.name ?? nameFromUrl(url),
      url,
      auth: parseAuth(entry, `${where}: token, or email and password`),
      insecureTls,
      simulated: false,
      ...(timeZone === undefined ? {} : { timeZone }),
    };
  });
}

/** One line naming the entry and field; zod's issues never carry the (possibly secret) value. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [entry, field] = issue.path;
  const where = entry === undefined ? '' : `entry ${String(entry)}${field === undefined ? '' : ` "${String(field)}"`}: `;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: ${ENTRY_FIELDS.join(', ')})`;
    case 'invalid_type':
      if (entry === undefined) return 'must be a JSON list of chargers, like [{"id": "platz13", "url": "http://platz13.local", "token": "…"}]';
      return `${where}${field === undefined ? 'must be an object' : `is missing or not a ${issue.expected}`}`;
    default:
      return `${where}${issue.message}`;
  }
}

function parseChargerUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Echo the text for typos, but never a user or password written into it.
    throw new ConfigError(`${what} "${text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1…@')}" is not a URL; use e.g. http://platz13.local`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${what} must start with http:// or https://`);
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and error messages; they have their own variables.
    throw new ConfigError(`${what} must not contain a user or password; use CHARGER_EMAIL/CHARGER_PASSWORD or CHARGER_TOKEN`);
  }
  if (url.search || url.hash) throw new ConfigError(`${what} must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}`;
}

function parseAuth(
  source: { token?: string | undefined; email?: string | undefined; password?: string | undefined },
  what: string,
): ChargerAuth {
  const token = source.token?.trim();
  if (token) return { kind: 'token', token };
  const email = source.email?.trim();
  if (email && source.password) return { kind: 'login', email, password: source.password };
  if (email) throw new ConfigError(`${what} is incomplete: the password is missing`);
  throw new ConfigError(`a charger URL is set but no credentials: set ${what}`);
}

/** `http://platz13.local` → `platz13`; the host is what people call the charger. */
export function nameFromUrl(url: string): string {
  const { hostname } = new URL(url);
  return hostname.replace(/\.(local|lan|home|fritz\.box)$/i, '') || hostname;
}

export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return s || 'charger';
}

/** Where the archive lives, relative to the working directory unless absolute. */
export const DEFAULT_ARCHIVE_PATH = './data/archive.sqlite';

/** How far back a new charger's history is read: about ten years, the longest range the daily power route answers. */
export const DEFAULT_ARCHIVE_HORIZON_DAYS = 3660;

function parseArchive(flag: string | undefined, path: string | undefined, horizon: string | undefined): { path: string; horizonDays: number } | null {
  const value = flag?.trim().toLowerCase();
  if (value && ['0', 'false', 'no', 'off'].includes(value)) return null;
  if (value && !['1', 'true', 'yes', 'on'].includes(value)) throw new ConfigError(`ARCHIVE must be on or off, not "${flag}"`);
  return {
    path: path?.trim() || DEFAULT_ARCHIVE_PATH,
    horizonDays: parseInteger(horizon, 'ARCHIVE_HORIZON_DAYS', DEFAULT_ARCHIVE_HORIZON_DAYS, 1, 7320),
  };
}

function parseTimeZone(text: string, what: string): string {
  const zone = canonicalTimeZone(text);
  if (zone === null) throw new ConfigError(`${what} "${text.trim().slice(0, 60)}" is not an IANA time zone; use e.g. Europe/Zurich`);
  return zone;
}

function parseAdminPin(text: string | undefined): string | null {
  const pin = text?.trim();
  if (!pin) return null;
  if (pin.length < 4 || pin.length > 64) throw new ConfigError('ADMIN_PIN must be 4 to 64 characters');
  return pin;
}

function parseInteger(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

function parseBoolean(text: string | undefined, name: string): boolean {
  const value = text?.trim().toLowerCase();
  if (!value || ['0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  throw new ConfigError(`${name} must be true or false, not "${text}"`);
}

function parsePrice(text: string | undefined): number | null {
  if (!text?.trim()) return null;
  const value = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new ConfigError(`PRICE_PER_KWH must be a price like 0.35, not "${text}"`);
  }
  return value;
}

function parseAllowedHosts(text: string | undefined): string[] {
  const names = (text ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  for (const name of names) {
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(name)) {
      throw new ConfigError(`ALLOWED_HOSTS must be a comma list of host names like dashboard.example.com or *.example.com, not "${name}"`);
    }
  }
  return names;
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Only named proxies: trusting every sender would let any client pick its own fair queue. */
function parseTrustProxy(text: string | undefined): string[] {
  const entries = (text ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_KEYWORDS.has(entry) && (family === 0 || !bitsOk || extra !== undefined)) {
      throw new ConfigError(`TRUST_PROXY must be a comma list of proxy addresses like 127.0.0.1, 10.0.0.0/8 or loopback, not "${entry}"`);
    }
  }
  return entries;
}

function parseCurrency(text: string | undefined): string {
  const value = text?.trim().toUpperCase() || 'EUR';
  if (!/^[A-Z]{3}$/.test(value)) throw new ConfigError(`CURRENCY must be an ISO 4217 code like EUR, not "${text}"`);
  return value;
}
