/**
 * The charger simulator: one fastify server that speaks the Etrel INCH local web API for a whole
 * garage of chargers (`/c/<id>/api/...`, the first also at `/api/...`), plus `/_sim/...` control
 * routes for tests. See README.md next to this file.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseChargerTime } from '../../src/api/charger-parse.ts';
import type { LoginResponse } from '../../src/api/charger-schemas.ts';
import { isTimeZone } from '../../src/shared/time/time-zone-name.ts';
import { CHARGER_ENDPOINTS, createFaultController, MALFORMED_SECTIONS, type ChargerEndpoint, type FaultController, type FaultSettings } from './faults.ts';
import { profileKw, profileTime } from './format.ts';
import { GarageModel, PROFILE_TO_TIME_MODES, type ChargerSpec, type ProfileToTime } from './garage.ts';
import { DAY_MS } from './time-zone.ts';
import {
  generalStatusJson,
  overrideKey,
  parseSessionForm,
  problemDetails,
  sessionPageJson,
  truncatedJson,
  withMalformedSection,
  withUnknownEnums,
  type ConnectorOverride,
  type OverrideEntry,
} from './wire.ts';

export type { ConnectorOverride } from './wire.ts';
export type { ProfileToTime } from './garage.ts';
export type { ChargerEndpoint, FaultController, FaultRule, FaultSettings, MalformedSection } from './faults.ts';

export interface SimulatorOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /** Garage size, default 1, at most 200. */
  chargers?: number;
  /** 1 (default) or 2 connectors per charger (an INCH Duo: two EVSEs of one connector each). */
  connectorsPerCharger?: number;
  /** Default random; the same seed gives the same history, profile and status for the same sim time. */
  seed?: number;
  /** Sim ms per real ms, default 1. 60 = one sim minute per real second; 0 freezes the clock. */
  clockRate?: number;
  /** Sim epoch ms at start, default Date.now(). */
  startTime?: number;
  /** Days of history before startTime, default 120. */
  historyDays?: number;
  email?: string;
  password?: string;
  /** A bearer token that is always accepted (CHARGER_TOKEN setups), never expired by faults. */
  staticToken?: string;
  /** Login tokens expire after this many real ms (default 1 h); 401 afterwards. */
  tokenTtlMs?: number;
  /** The chargers' local zone, default Europe/Berlin; the session filter's times are read in it. */
  timeZone?: string;
  /**
   * Whether powerProfile includes the point stamped exactly `toTime`: 'inclusive' (default, the
   * 5-minute steps starting in [fromTime, toTime]) or 'exclusive' ([fromTime, toTime)).
   * Either for every charger, or per charger id (chargers not named: inclusive).
   */
  profileToTime?: ProfileToTime | Record<string, ProfileToTime>;
  quiet?: boolean;
}

export interface SimulatedCharger {
  id: string;
  name: string;
  /** Without trailing slash, e.g. http://127.0.0.1:PORT/c/platz4 */
  baseUrl: string;
}

export interface EndpointCounts {
  webOperatorLogin: number;
  generalStatus: number;
  chargingSession: number;
  powerProfile: number;
  /** Unknown paths under the charger's /api. */
  other: number;
}

export interface ChargerStats {
  requests: EndpointCounts;
  total: number;
  /** Successful logins. */
  logins: number;
  failedLogins: number;
  /** 401 answers. */
  unauthorized: number;
  inFlight: number;
  maxInFlight: number;
}

export interface SimulatorStats {
  chargers: Record<string, ChargerStats>;
  totalRequests: number;
  logins: number;
  /** Requests in flight on the whole server (charger and control routes). */
  inFlight: number;
  maxInFlight: number;
  /** Real ms since the stats were (re)set. */
  sinceMs: number;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT: control routes, and charger #1 at /api/... */
  url: string;
  chargers: SimulatedCharger[];
  email: string;
  password: string;
  seed: number;
  faults: FaultController;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Forces a connector's live state in generalStatus; null = back to the model. */
  setConnector(chargerId: string, connectorId: number, state: ConnectorOverride | null): void;
  /** Sim time, epoch ms. */
  now(): number;
  close(): Promise<void>;
}

const DEFAULT_EMAIL = 'operator@example.com';
const DEFAULT_PASSWORD = 'simulator';
const MAX_PROFILE_SPAN_MS = 400 * DAY_MS;
const ENDPOINT_METHOD: Record<ChargerEndpoint, 'GET' | 'POST'> = {
  webOperatorLogin: 'POST',
  generalStatus: 'GET',
  chargingSession: 'POST',
  powerProfile: 'GET',
};

const IIS_500 = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>500 - Internal server error.</title>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>500 - Internal server error.</h2>
  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
const IIS_404 = IIS_500.replaceAll('500 - Internal server error.', '404 - File or directory not found.')
  .replace('There is a problem with the resource you are looking for, and it cannot be displayed.', 'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.');

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const chargerCount = integerOption('chargers', options.chargers ?? 1, 1, 200);
  const connectorsPerCharger = integerOption('connectorsPerCharger', options.connectorsPerCharger ?? 1, 1, 2);
  const historyDays = numberOption('historyDays', options.historyDays ?? 120, 1, 20_000);
  const clockRate = numberOption('clockRate', options.clockRate ?? 1, 0, 100_000);
  const tokenTtlMs = numberOption('tokenTtlMs', options.tokenTtlMs ?? 3_600_000, 1, Number.MAX_SAFE_INTEGER);
  const seed = options.seed ?? randomInt(2 ** 31);
  if (!Number.isInteger(seed)) throw new RangeError('simulator: seed must be an integer');
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  // At start-up rather than on the first request.
  if (!isTimeZone(timeZone)) throw new RangeError(`simulator: unknown time zone "${timeZone}" (expected an IANA name like Europe/Berlin)`);
  const email = options.email ?? DEFAULT_EMAIL;
  const password = options.password ?? DEFAULT_PASSWORD;
  const host = options.host ?? '127.0.0.1';
  const startTime = options.startTime ?? Date.now();

  const realStart = performance.now();
  const now = () => Math.floor(startTime + (performance.now() - realStart) * clockRate);

  const model = new GarageModel({ seed, chargers: chargerCount, connectorsPerCharger, timeZone, historyStartMs: startTime - historyDays * DAY_MS });
  // Build the session index now so the first request is as fast as the others.
  model.ensureIndexed(startTime);
  const specs = model.chargers;
  const byId = new Map(specs.map((spec) => [spec.id, spec]));
  const profileToTimeOf = profileToTimeOption(options.profileToTime, byId);

  // --- tokens: per charger, each wallbox has its own login
  const tokens = new Map<string, Map<string, number>>(specs.map((spec) => [spec.id, new Map()]));
  const issueToken = (chargerId: string) => {
    const store = tokens.get(chargerId)!;
    // Looks like the JWT an ASP.NET app would hand out; only its identity matters here.
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: email, charger: chargerId, jti: randomBytes(6).toString('hex') })).toString('base64url');
    const token = `${header}.${payload}.${randomBytes(24).toString('base64url')}`;
    store.set(token, performance.now() + tokenTtlMs);
    // Bounded: a soak test that logs in forever must not grow memory.
    while (store.size > 2_000) store.delete(store.keys().next().value!);
    return token;
  };

  // --- overrides, faults, stats
  const overrides = new Map<string, OverrideEntry>();
  const setConnector = (chargerId: string, connectorId: number, state: ConnectorOverride | null) => {
    if (!byId.has(chargerId)) throw new RangeError(`unknown charger "${chargerId}"`);
    if (!Number.isInteger(connectorId) || connectorId < 1 || connectorId > connectorsPerCharger) {
      throw new RangeError(`connectorId must be 1..${connectorsPerCharger}`);
    }
    const key = overrideKey(chargerId, connectorId);
    if (state === null) overrides.delete(key);
    else overrides.set(key, { state: { ...state }, since: overrides.get(key)?.since ?? now() });
  };
  const faults = createFaultController(
    specs.map((spec) => spec.id),
    (chargerId) => {
      for (const [id, store] of tokens) if (chargerId === null || chargerId === id) store.clear();
    },
  );
  let stats = freshStats(specs);

  // --- HTTP
  const abort = new AbortController();
  const app = Fastify({ logger: false, forceCloseConnections: true, exposeHeadRoutes: false, bodyLimit: 1_048_576 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (req, body, done) => {
    done(null, parseMultipart(String(body), String(req.headers['content-type'] ?? '')));
  });
  // Anything else is kept as text so the charger routes can answer 415 like ASP.NET does.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));

  app.addHook('onRequest', async (_req, reply) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    // The response's 'close' fires once whatever happens: answered, reset by `down`, or aborted.
    const counted = stats;
    reply.raw.once('close', () => counted.inFlight--);
  });

  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).type('text/html').send(IIS_404);
  });

  const chargerRoute = (req: FastifyRequest<{ Params: { charger?: string; endpoint: string } }>, reply: FastifyReply) =>
    handleCharger(req, reply);
  for (const path of ['/api/:endpoint', '/api/:endpoint/', '/c/:charger/api/:endpoint', '/c/:charger/api/:endpoint/']) {
    app.all(path, chargerRoute);
  }

  async function handleCharger(req: FastifyRequest<{ Params: { charger?: string; endpoint: string } }>, reply: FastifyReply): Promise<unknown> {
    const spec = req.params.charger === undefined ? specs[0] : byId.get(req.params.charger);
    if (!spec) return reply.code(404).type('text/html').send(IIS_404);
    const endpoint = CHARGER_ENDPOINTS.find((name) => name.toLowerCase() === req.params.endpoint.toLowerCase()) ?? null;
    const counters = stats.chargers[spec.id]!;
    counters.requests[endpoint ?? 'other']++;
    counters.total++;
    stats.totalRequests++;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    reply.raw.once('close', () => counters.inFlight--);
    void reply.header('Server', 'Microsoft-IIS/10.0').header('X-Powered-By', 'ASP.NET');

    const fault = faults.effective(spec.id, endpoint);
    let closing = false;
    if (fault.latencyMs) await sleep(fault.latencyMs, abort.signal).catch(() => (closing = true));
    if (fault.down || closing) {
      // Unreachable (or shutting down mid-delay): no status line at all, the client sees a
      // reset connection.
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    if (fault.http500) return reply.code(500).type('text/html').send(IIS_500);
    if (!endpoint) return reply.code(404).send();
    const method = ENDPOINT_METHOD[endpoint];
    if (req.method !== method) return reply.code(405).header('Allow', method).send();

    if (endpoint !== 'webOperatorLogin') {
      const denied = authenticate(spec, req.headers.authorization);
      if (denied !== null) {
        counters.unauthorized++;
        return reply.code(401).header('WWW-Authenticate', denied).send();
      }
    }

    let body: unknown;
    if (endpoint === 'webOperatorLogin' || endpoint === 'chargingSession') {
      const form = formOf(req);
      if (form === null) return reply.code(415).send();
      if (fault.errorCode) {
        body = errorAnswer(endpoint, fault);
      } else if (endpoint === 'webOperatorLogin') {
        body = login(spec, form, counters);
      } else {
        const parsed = parseSessionForm(form, model.clock);
        if ('errors' in parsed) return sendJson(reply, problemDetails(parsed.errors, stats.totalRequests), 400, fault);
        body = sessionPageJson(model, spec, now(), parsed.query);
      }
    } else if (endpoint === 'generalStatus') {
      body = generalStatusJson({ model, charger: spec, now: now(), overrides, allChargersConnected: specs.every((s) => !faults.isDown(s.id)) });
      if (fault.malformedSection) body = withMalformedSection(body, fault.malformedSection);
    } else {
      const result = powerProfile(spec, req.query as Record<string, unknown>);
      if ('errors' in result) return sendJson(reply, problemDetails(result.errors, stats.totalRequests), 400, fault);
      body = result.points;
    }
    if (fault.unknownEnums) body = withUnknownEnums(body, endpoint);
    return sendJson(reply, body, 200, fault);
  }

  function sendJson(reply: FastifyReply, body: unknown, status: number, fault: FaultSettings) {
    const text = JSON.stringify(body);
    return reply
      .code(status)
      .type(status === 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8')
      .send(fault.malformedJson ? truncatedJson(text) : text);
  }

  /** null when allowed, else the WWW-Authenticate value of the 401. */
  function authenticate(spec: ChargerSpec, header: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return 'Bearer';
    const token = match[1]!;
    if (options.staticToken && token === options.staticToken) return null;
    const expiresAt = tokens.get(spec.id)!.get(token);
    if (expiresAt === undefined) return 'Bearer error="invalid_token"';
    if (performance.now() >= expiresAt) {
      const at = new Date(Date.now() - (performance.now() - expiresAt)).toUTCString();
      return `Bearer error="invalid_token", error_description="The token expired at '${at}'"`;
    }
    return null;
  }

  function login(spec: ChargerSpec, form: Record<string, string>, counters: ChargerStats): LoginResponse {
    const field = (name: string) => Object.entries(form).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
    if (field('email').trim().toLowerCase() !== email.toLowerCase() || field('password') !== password) {
      counters.failedLogins++;
      return { errorCode: 3, errorMessage: 'Invalid email or password.', webOperator: null, token: null };
    }
    counters.logins++;
    stats.logins++;
    return {
      errorCode: 0,
      errorMessage: '',
      webOperator: { webOperatorId: 1, email, firstName: 'Web', lastName: 'Operator', role: 'Administrator', blocked: false },
      token: issueToken(spec.id),
    };
  }

  function powerProfile(spec: ChargerSpec, query: Record<string, unknown>): { points: Array<Record<string, string | number>> } | { errors: Record<string, string[]> } {
    const param = (name: string) => {
      const entry = Object.entries(query).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
      return String(Array.isArray(entry) ? entry[0] : (entry ?? '')).trim();
    };
    const errors: Record<string, string[]> = {};
    const time = (name: string) => {
      const text = param(name);
      if (text === '') errors[name] = [`The ${name} field is required.`];
      const ms = text === '' ? null : parseChargerTime(text);
      if (text !== '' && ms === null) errors[name] = [`The value '${text}' is not valid for ${name}.`];
      return ms ?? 0;
    };
    const from = time('fromTime');
    const to = time('toTime');
    if (to - from > MAX_PROFILE_SPAN_MS) errors.toTime = ['The requested range is too long.'];
    if (Object.keys(errors).length > 0) return { errors };
    const all = [...Array.from({ length: connectorsPerCharger }, (_, i) => `connector${i + 1}`), 'building', 'cluster'];
    const asked = param('measure')
      .split(',')
      .map((m) => m.trim().toLowerCase())
      .filter((m) => m !== '');
    const measures = asked.length === 0 ? all : asked.filter((m) => /^(connector\d+|building|cluster)$/.test(m));
    const points = model.profile(spec.index, from, to, now(), measures, profileToTimeOf(spec.id)).map((point) => {
      const out: Record<string, string | number> = { time: profileTime(point.time) };
      for (const [name, value] of point.values) out[name] = profileKw(value);
      return out;
    });
    return { points };
  }

  // --- control routes
  app.get('/_sim/state', async () => stateJson());
  app.get('/_sim/stats', async () => snapshot(stats));
  app.post('/_sim/stats/reset', async () => {
    stats = freshStats(specs);
    return snapshot(stats);
  });
  app.get('/_sim/faults', async () => ({ faults: faults.rules() }));
  app.post('/_sim/faults', async (req, reply) => {
    const parsed = faultBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const { expireTokens, ...patch } = parsed.data;
    try {
      const changes = Object.keys(patch).filter((key) => key !== 'charger' && key !== 'endpoint');
      if (changes.length > 0) faults.set(patch);
      if (expireTokens) faults.expireTokens(patch.charger);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    log(`faults: ${JSON.stringify(faults.rules())}`);
    return { faults: faults.rules() };
  });
  app.delete('/_sim/faults', async (req, reply) => {
    const parsed = clearSchema.safeParse({ ...(req.query as object), ...(isObject(req.body) ? req.body : {}) });
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const endpoint = CHARGER_ENDPOINTS.find((name) => name === parsed.data.endpoint);
    return { faults: faults.clear(parsed.data.charger, endpoint) };
  });
  app.post('/_sim/connectors', async (req, reply) => {
    const parsed = connectorBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const { charger, connectorId, ...state } = parsed.data;
    try {
      setConnector(charger ?? specs[0]!.id, connectorId, state);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    return stateJson();
  });
  app.delete('/_sim/connectors', async (req, reply) => {
    const parsed = clearConnectorSchema.safeParse({ ...(req.query as object), ...(isObject(req.body) ? req.body : {}) });
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    for (const key of [...overrides.keys()]) {
      const [id, connector] = key.split('#');
      if (parsed.data.charger !== undefined && id !== parsed.data.charger) continue;
      if (parsed.data.connectorId !== undefined && Number(connector) !== parsed.data.connectorId) continue;
      overrides.delete(key);
    }
    return stateJson();
  });

  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const chargers: SimulatedCharger[] = specs.map((spec) => ({ id: spec.id, name: spec.name, baseUrl: `${url}/c/${spec.id}` }));

  function log(line: string) {
    if (!options.quiet) console.log(`[simulator] ${line}`);
  }
  log(`${chargers.length} charger(s) on ${url}, seed ${seed}, clock x${clockRate}`);

  function stateJson() {
    const at = now();
    return {
      now: at,
      nowIso: new Date(at).toISOString(),
      clockRate,
      seed,
      timeZone,
      historyStart: new Date(model.historyStartMs).toISOString(),
      cluster: { maxCurrentA: model.clusterMaxA, loadGuardMaxA: model.loadGuardMaxA },
      chargers: specs.map((spec) => {
        const status = generalStatusJson({ model, charger: spec, now: at, overrides, allChargersConnected: true });
        return {
          id: spec.id,
          name: spec.name,
          baseUrl: `${url}/c/${spec.id}`,
          profileToTime: profileToTimeOf(spec.id),
          connectors: status.evses.flatMap((evse) =>
            evse.connectors.map((connector) => ({
              connectorId: connector.connectorId,
              status: connector.onlineData?.status ?? null,
              powerKW: connector.onlineData?.power ?? null,
              override: overrides.get(overrideKey(spec.id, connector.connectorId))?.state ?? null,
            })),
          ),
        };
      }),
      faults: faults.rules(),
    };
  }

  return {
    url,
    chargers,
    email,
    password,
    seed,
    faults,
    stats: () => snapshot(stats),
    resetStats: () => {
      stats = freshStats(specs);
    },
    setConnector,
    now,
    async close() {
      abort.abort();
      await app.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------

const booleanPatch = z.boolean().nullable().optional();
const faultBodySchema = z.strictObject({
  charger: z.string().optional(),
  endpoint: z.enum(CHARGER_ENDPOINTS).optional(),
  down: booleanPatch,
  latencyMs: z.number().int().min(0).max(600_000).nullable().optional(),
  http500: booleanPatch,
  malformedJson: booleanPatch,
  malformedSection: z.union([z.enum(MALFORMED_SECTIONS), z.literal(false), z.null()]).optional(),
  unknownEnums: booleanPatch,
  errorCode: z.number().int().nullable().optional(),
  errorMessage: z.string().max(500).nullable().optional(),
  expireTokens: z.boolean().optional(),
});
const clearSchema = z.object({ charger: z.string().optional(), endpoint: z.enum(CHARGER_ENDPOINTS).optional() });
const connectorBodySchema = z.strictObject({
  charger: z.string().optional(),
  connectorId: z.number().int().min(1).default(1),
  status: z.string().min(1).max(64),
  power: z.number().min(0).max(400).optional(),
  faultEventType: z.string().max(200).nullable().optional(),
  faultEventDescription: z.string().max(500).nullable().optional(),
});
const clearConnectorSchema = z.object({ charger: z.string().optional(), connectorId: z.coerce.number().int().min(1).optional() });

function errorAnswer(endpoint: ChargerEndpoint, fault: FaultSettings) {
  const errorMessage = fault.errorMessage ?? `Simulated error ${fault.errorCode}`;
  if (endpoint === 'webOperatorLogin') return { errorCode: fault.errorCode, errorMessage, webOperator: null, token: null };
  return { errorCode: fault.errorCode, errorMessage, content: null, pagingInfo: null };
}

/** The POST body as form fields; null when it is not a form (→ 415, as [FromForm] would). */
function formOf(req: FastifyRequest): Record<string, string> | null {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const body = req.body;
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) return {};
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  if (!isObject(body)) return {};
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) form[key] = String(value);
  return form;
}

/** Minimal multipart/form-data reader for text fields (what a browser's FormData sends). */
function parseMultipart(body: string, contentType: string): Record<string, string> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const fields: Record<string, string> = {};
  if (!boundary) return fields;
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function freshStats(specs: readonly ChargerSpec[]): SimulatorStats & { startedAt: number } {
  const chargers: Record<string, ChargerStats> = {};
  for (const spec of specs) {
    chargers[spec.id] = {
      requests: { webOperatorLogin: 0, generalStatus: 0, chargingSession: 0, powerProfile: 0, other: 0 },
      total: 0,
      logins: 0,
      failedLogins: 0,
      unauthorized: 0,
      inFlight: 0,
      maxInFlight: 0,
    };
  }
  return { chargers, totalRequests: 0, logins: 0, inFlight: 0, maxInFlight: 0, sinceMs: 0, startedAt: performance.now() };
}

function snapshot(stats: SimulatorStats & { startedAt: number }): SimulatorStats {
  const { startedAt, ...rest } = structuredClone(stats);
  return { ...rest, sinceMs: Math.round(performance.now() - startedAt) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('simulator closed'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('simulator closed'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function profileToTimeOption(value: SimulatorOptions['profileToTime'], known: ReadonlyMap<string, unknown>): (chargerId: string) => ProfileToTime {
  const check = (mode: unknown, what: string): ProfileToTime => {
    if (!PROFILE_TO_TIME_MODES.includes(mode as ProfileToTime)) throw new RangeError(`simulator: ${what} must be "inclusive" or "exclusive", got "${String(mode)}"`);
    return mode as ProfileToTime;
  };
  if (value === undefined) return () => 'inclusive';
  if (typeof value === 'string') {
    const mode = check(value, 'profileToTime');
    return () => mode;
  }
  const modes = new Map<string, ProfileToTime>();
  for (const [id, mode] of Object.entries(value)) {
    if (!known.has(id)) throw new RangeError(`simulator: profileToTime names unknown charger "${id}" (known: ${[...known.keys()].join(', ')})`);
    modes.set(id, check(mode, `profileToTime.${id}`));
  }
  return (chargerId) => modes.get(chargerId) ?? 'inclusive';
}

function integerOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`simulator: ${name} must be an integer ${min}-${max}, got ${value}`);
  return value;
}

function numberOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`simulator: ${name} must be ${min}-${max}, got ${value}`);
  return value;
}
