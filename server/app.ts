/**
 * Our HTTP server: a small allow-listed proxy in front of the chargers, and in
 * production the static SPA. Nothing in a request can choose the upstream address: the routes
 * below are the only way to the chargers, and each maps to one fixed charger path.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyCompress from '@fastify/compress';
import type * as z from 'zod/mini';
import { powerProfileQuerySchema, sessionFilterSchema } from '../src/api/proxy-query-schemas.ts';
import type { ArchiveProblem, ChargersResponse, HealthResponse } from '../src/api/server-schemas.ts';
import type { Archive } from './archive/archive.ts';
import { registerArchiveRoutes } from './archive/routes.ts';
import { createSettingsStore, type SettingsStore } from './archive/settings.ts';
import { isJson, isSettingsWrite, registerSettingsRoutes, SETTINGS_URL } from './archive/settings-routes.ts';
import { createChargerZones, type ChargerZones } from './charger-zones.ts';
import { ReadQueueFullError } from './archive/read-pool.ts';
import type { ChargerClient } from './charger/charger-client.ts';
import { ClientGoneError, QueueFullError } from './charger/scheduler.ts';
import { UpstreamError } from './charger/upstream-error.ts';
import type { ServerConfig } from './config.ts';
import { sendError, truncate } from './http/error-reply.ts';
import { frameworkErrorOptions } from './http/framework-errors.ts';
import { createAdminCheck } from './http/admin-check.ts';
import { createHostCheck, registerHostCheck } from './http/host-check.ts';
import { registerSecurityHeaders, securityHeaderSet } from './http/security-headers.ts';
import { DEFAULT_TIMEOUTS, registerLongLivedExemption, timeoutOptions, type ServerTimeouts } from './http/timeouts.ts';
import type { ChargerHealth } from './charger/failure-record.ts';
import { isFailure, type CollectorState, type StatusCollector } from './collector/status-collector.ts';
import { registerEventsRoute, type EventsRouteOptions } from './events/events-route.ts';
import type { RunningHome } from './home/start-home.ts';
import type { SnapshotService } from './snapshot/snapshot-service.ts';

export interface AppOptions {
  config: ServerConfig;
  clients: ChargerClient[];
  /** One per charger, by id: the only reader of the chargers' status. */
  collectors: ReadonlyMap<string, StatusCollector>;
  /** Each reading's meaning: what the event stream and the snapshot route send. */
  snapshots: SnapshotService;
  /** Built SPA to serve; null in development, where Vite serves it. */
  distDir: string | null;
  buildId: string;
  logger?: boolean;
  /** Where unexpected errors (our bugs, answered with 500) are reported; never with secrets. */
  log?: (line: string) => void;
  /** The SQLite archive; null or absent with ARCHIVE=off, or when it could not be opened. */
  archive?: Archive | null;
  /** Each charger's zone (start-up makes it with the settings' zones); absent: from the configuration alone. */
  zones?: ChargerZones;
  /** The household's settings in the archive; absent: made from `archive`. */
  settings?: SettingsStore;
  /** Why the archive (switched on) could not be opened: the server runs without it and says so. */
  archiveUnavailable?: ArchiveProblem | null;
  /** Connection timeouts; tests shorten them. */
  timeouts?: Partial<ServerTimeouts>;
  /** MQTT, notifications and metrics (`server/home/`): their routes and their part of the health. */
  home?: RunningHome | null;
  /** The server's wall clock (epoch ms), as the screens are told it; tests pin it. Default Date.now. */
  now?: () => number;
  /** The event stream's reconnect delay and keep-alive (tests shorten the delay). */
  streams?: Pick<EventsRouteOptions, 'retryMs' | 'heartbeatMs'>;
}

const CHARGER_ROUTES = ['snapshot', 'generalStatus', 'chargingSession', 'powerProfile'] as const;
const ARCHIVE_ROUTES = ['sessions', 'power', 'timeline'] as const;
/** A reading older than this many status intervals is stale (screens use the same figure). */
const STALE_AFTER_INTERVALS = 2.5;
const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
/** Longest request line we look at; anything longer is refused before routing. */
const MAX_URL_LENGTH = 4096;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, distDir, buildId } = options;
  const clients = new Map(options.clients.map((client) => [client.id, client]));
  const archive = options.archive ?? null;
  const zones =
    options.zones ?? createChargerZones({ chargers: config.chargers, environmentZone: config.environmentTimeZone, serverZone: config.serverTimeZone });
  const unavailable = archive ? null : (options.archiveUnavailable ?? null);
  const now = options.now ?? Date.now;

  const app = Fastify({
    // Our own log lines (start-up, charger failures) go through the `log` callback; no access log.
    logger: options.logger ?? false,
    bodyLimit: 1024,
    return503OnClosing: true,
    // `request.ip` (a screen's fair queue for history) is the client behind a named proxy.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    ...timeoutOptions({ ...DEFAULT_TIMEOUTS, ...options.timeouts }),
    // Malformed HTTP, malformed URLs and late requests still get our JSON error shape and headers.
    ...frameworkErrorOptions(await securityHeaderSet()),
    routerOptions: {
      ignoreTrailingSlash: true,
      maxParamLength: 200,
    },
  });

  await registerSecurityHeaders(app);
  registerHostCheck(app, createHostCheck(config.allowedHosts));
  registerLongLivedExemption(app);
  await app.register(fastifyCompress, { threshold: 1024 });

  // Every request but the settings' PUT is a GET: refuse bodies before anything parses them,
  // and overlong URLs. The settings' PUT takes JSON and nothing else.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      return sendError(reply, 'bad_request', 'URL too long');
    }
    if (isSettingsWrite(request)) {
      if (!isJson(request)) return sendError(reply, 'unsupported_media_type', 'settings are sent as JSON (Content-Type: application/json)');
      return;
    }
    const length = request.headers['content-length'];
    if ((length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined) {
      return sendError(reply, 'bad_request', 'request bodies are not accepted');
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Only statuses we have a code for keep theirs. A static file outside the served folder
      // (a traversal, refused with 403) is simply not there.
      if (status === 403 || status === 404) return sendError(reply, 'not_found', `not found: ${truncate(request.url.split('?')[0] ?? '')}`);
      return sendError(reply, status === 405 ? 'method_not_allowed' : status === 408 ? 'request_timeout' : 'bad_request', error.message);
    }
    request.log.error(error);
    options.log?.(`internal error on ${request.method} ${truncate(request.url.split('?')[0] ?? '')}: ${error.stack ?? error.message}`);
    return reply.status(500).type('application/json; charset=utf-8').send({ error: { code: 'internal', message: 'internal server error' } });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (distDir && (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path) && !/\.[a-z0-9]+$/i.test(path)) {
      // Client-side routes (/sessions, /garage) get the SPA.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
    }
    return sendError(reply, 'not_found', isApiPath(path) ? `no such API route: ${request.method} ${truncate(path)}` : `not found: ${truncate(path)}`);
  });

  // ------------------------------------------------------------------------------------------
  // API

  app.get('/api/chargers', async (request, reply) => {
    if (!noQuery(request, reply)) return reply;
    const body: ChargersResponse = {
      chargers: options.clients.map((client) => ({ ...client.info, timeZone: zones.zoneOf(client.id).zone })),
      build: buildId,
      pricing: config.pricing,
      statusIntervalMs: config.statusIntervalMs,
      staleAfterMs: STALE_AFTER_INTERVALS * config.statusIntervalMs,
      // A stream silent this long is taken for a buffering proxy: at least three intervals' events
      // are due by then.
      streamSilenceMs: Math.max(config.streamSilenceMs, 3 * config.statusIntervalMs),
      now: new Date(now()).toISOString(),
    };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get('/api/health', async (request, reply) => {
    if (!noQuery(request, reply)) return reply;
    // The collectors' readings, validated as the screens get them; a collector nobody holds reads
    // once now (through the client's status cache), so health checks cost the chargers nothing extra.
    // A held collector's reading is at most an interval old; one nobody holds reads anew unless
    // its last reading is still within the status cache's time.
    const states = await Promise.all(
      options.clients.map((client) => {
        const collector = options.collectors.get(client.id);
        if (!collector) return Promise.resolve(null);
        return collector.sample(collector.held ? STALE_AFTER_INTERVALS * config.statusIntervalMs : config.statusTtlMs);
      }),
    );
    // `ok` follows the status and the connection; a failing history query shows in `endpointErrors`.
    // An archive that cannot be read has no counts to show: its problem says why.
    const chargers = await Promise.all(
      options.clients.map(async (client, index) => {
        const health = healthOf(client.health(), states[index] ?? null);
        const counts = archive ? await archive.health(client.id).catch(() => null) : null;
        return counts ? { ...health, archive: counts } : health;
      }),
    );
    const problem = archive?.problem() ?? unavailable;
    const body: HealthResponse = {
      ok: chargers.every((c) => c.reachable && c.lastError === null),
      ...(config.archive ? { archive: { file: archive?.store.path ?? unavailable?.file ?? config.archive.path, ok: problem === null, problem } } : {}),
      chargers,
      ...options.home?.health(),
    };
    return reply.header('cache-control', 'no-store').send(body);
  });

  // The snapshot, for a page whose event stream cannot flow (its fallback polls this): the same
  // meaning the stream pushes, so a polling page renders exactly what a streaming one does.
  app.get<{ Params: { id: string } }>('/api/chargers/:id/snapshot', async (request, reply) => {
    const client = findClient(clients, request, reply);
    if (!client || !noQuery(request, reply)) return reply;
    const collector = options.collectors.get(client.id)!;
    // A collector nobody holds reads once now (through the status cache); a held one is at most an interval old.
    await collector.sample(collector.held ? config.statusIntervalMs : config.statusTtlMs);
    return reply.header('cache-control', 'no-store').send(options.snapshots.latest(client.id));
  });

  app.get<{ Params: { id: string } }>('/api/chargers/:id/generalStatus', async (request, reply) => {
    const client = findClient(clients, request, reply);
    if (!client || !noQuery(request, reply)) return reply;
    return forward(reply, client.generalStatus());
  });

  app.get<{ Params: { id: string } }>('/api/chargers/:id/chargingSession', async (request, reply) => {
    const client = findClient(clients, request, reply);
    if (!client) return reply;
    const form = validateQuery(sessionFilterSchema, request, reply);
    if (!form) return reply;
    return forward(reply, client.chargingSession(definedStrings(form), historyOptions(request, reply)));
  });

  app.get<{ Params: { id: string } }>('/api/chargers/:id/powerProfile', async (request, reply) => {
    const client = findClient(clients, request, reply);
    if (!client) return reply;
    const query = validateQuery(powerProfileQuerySchema, request, reply);
    if (!query) return reply;
    return forward(reply, client.powerProfile({ fromTime: query.fromTime, toTime: query.toTime, measure: query.measure }, historyOptions(request, reply)));
  });

  // Every write asks the same check: same origin, and the admin PIN (locked per client) or this machine.
  const adminCheck = createAdminCheck(config.adminPin);
  registerArchiveRoutes(app, {
    archive,
    unavailable,
    clients,
    zoneOf: (chargerId) => zones.zoneOf(chargerId).zone,
    sendError: (reply, code, message, chargerId) => sendError(reply, code, message, chargerId),
    historyOptions,
    upstreamError: answerUpstreamError,
    now,
  });
  registerSettingsRoutes(app, {
    settings: options.settings ?? createSettingsStore(archive?.store ?? null, config.pricing),
    zones,
    chargerIds: options.clients.map((client) => client.id),
    archiveOn: config.archive !== null,
    archiveWritable: () => archive?.writable() ?? false,
    archiveUnavailable: unavailable,
    adminPin: config.adminPin,
    adminCheck,
    sendError: (reply, code, message) => sendError(reply, code, message),
  });
  app.route({
    method: OTHER_METHODS.filter((m) => m !== 'PUT'),
    url: SETTINGS_URL,
    handler: (request, reply) =>
      sendError(reply.header('allow', 'GET, HEAD, PUT'), 'method_not_allowed', `${request.method} is not allowed here; use GET or PUT`),
  });

  for (const url of ['/api/chargers', '/api/health', ...[...CHARGER_ROUTES, ...ARCHIVE_ROUTES].map((r) => `/api/chargers/:id/${r}`)]) {
    app.route({
      method: [...OTHER_METHODS],
      url,
      handler: (request, reply) =>
        sendError(reply.header('allow', 'GET, HEAD'), 'method_not_allowed', `${request.method} is not allowed here; use GET`),
    });
  }

  const hub = registerEventsRoute(app, { feed: options.snapshots, buildId, maxStreams: config.maxStreams, ...options.streams });
  options.home?.registerRoutes(app, { adminCheck, eventStreams: () => hub.size });

  // ------------------------------------------------------------------------------------------
  // The built SPA

  if (distDir && existsSync(join(distDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      index: ['index.html'],
      // The build leaves a Zopfli .gz and a Brotli .br beside each script and stylesheet: sent
      // as they are, smaller than compressing on the fly and no CPU per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, filePath) {
        // Hashed assets never change under their name; everything else is checked every time so
        // a new build reaches the tablets.
        // Tested relative to distDir: the install's own path may well contain an `assets` folder.
        reply.header('cache-control', isHashedAsset(distDir, filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  return app;
}

/**
 * A charger's health as its collector last saw the status: a failure, or a status whose sections
 * do not have the expected shape, is not ok even when the charger answered.
 */
function healthOf(client: ChargerHealth, state: CollectorState | null): ChargerHealth {
  if (!state) return client;
  if (isFailure(state)) return { ...client, lastError: state.error };
  const broken = Object.entries(state.live).flatMap(([name, section]) => (section.ok ? [] : [`${name}: ${section.error}`]));
  if (broken.length === 0) return client;
  return { ...client, lastError: { code: 'charger_bad_response', message: `the status answer has an unexpected shape (${broken.join('; ')})` } };
}

/** Vite's hashed output lives in `<distDir>/assets/`. */
function isHashedAsset(distDir: string, filePath: string): boolean {
  return relative(distDir, filePath).startsWith(`assets${sep}`);
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function findClient(
  clients: Map<string, ChargerClient>,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
): ChargerClient | null {
  const client = clients.get(request.params.id);
  if (!client) {
    sendError(reply, 'not_found', `no charger with id "${truncate(request.params.id)}"`);
    return null;
  }
  return client;
}

function noQuery(request: FastifyRequest, reply: FastifyReply): boolean {
  const keys = Object.keys(request.query as object);
  if (keys.length === 0) return true;
  sendError(reply, 'bad_request', `unexpected query parameter "${truncate(keys[0]!)}"`);
  return false;
}

function validateQuery<S extends z.ZodMiniType>(schema: S, request: FastifyRequest, reply: FastifyReply): z.output<S> | null {
  const parsed = schema.safeParse({ ...(request.query as object) });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `unexpected query parameter "${truncate(issue.keys[0] ?? '')}"`
      : `${field ? `${field}: ` : ''}${issue.message}`;
  sendError(reply, 'bad_request', message);
  return null;
}

/**
 * A history request's place in the charger's fair queue (its remote address), and a signal that
 * aborts when its connection closes before the answer, so an abandoned request is never sent.
 */
function historyOptions(request: FastifyRequest, reply: FastifyReply): { clientKey: string; signal: AbortSignal } {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  return { clientKey: request.ip, signal: gone.signal };
}

function definedStrings(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function forward(reply: FastifyReply, upstream: Promise<string>): Promise<FastifyReply> {
  try {
    const text = await upstream;
    return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(text);
  } catch (error) {
    return answerUpstreamError(reply, error);
  }
}

/** A failed charger call as our error answer; anything that is not the charger's is rethrown (a 500). */
function answerUpstreamError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof UpstreamError) return sendError(reply, error.code, error.message, error.chargerId);
  if (error instanceof QueueFullError) return sendError(reply.header('retry-after', '5'), 'too_many_requests', error.message, error.chargerId);
  if (error instanceof ReadQueueFullError) return sendError(reply.header('retry-after', '5'), 'too_many_requests', error.message);
  if (error instanceof ClientGoneError) {
    // Nobody is left to answer: the connection is closed already.
    reply.hijack();
    reply.raw.destroy();
    return reply;
  }
  throw error;
}
