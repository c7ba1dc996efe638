/**
 * The archive-backed routes: /sessions, /power, /timeline per charger, and the settings, whose
 * PUT is the server's only write: JSON only, from our own pages only (Origin / Sec-Fetch-Site),
 * validated, and with the admin PIN when one is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import {
  ADMIN_PIN_HEADER,
  powerQuerySchema,
  sessionsQuerySchema,
  settingsBodySchema,
  timelineQuerySchema,
  type SettingsResponse,
  type TimelineResponseWire,
} from '../../src/api/archive-schemas.ts';
import { parseIsoDate } from '../../src/shared/time/local-calendar.ts';
import type { ErrorCode } from '../../src/api/server-schemas.ts';
import type { Archive } from './archive.ts';
import type { HistoryClient } from './charger-reader.ts';
import { powerOf, sessionsOf } from './history.ts';
import { dayFromKey, nextDay } from './local-days.ts';
import type { SettingsStore } from './settings.ts';

export const SETTINGS_URL = '/api/settings';
/** Longest sessions range: 20 years of local days. */
const MAX_SESSION_DAYS = 20 * 366;
/** Wrong PINs allowed per minute before every PUT waits out the minute. */
const PIN_ATTEMPTS_PER_MINUTE = 5;

export interface ArchiveRouteOptions {
  archive: Archive | null;
  clients: ReadonlyMap<string, HistoryClient>;
  settings: SettingsStore;
  zone: string;
  adminPin: string | null;
  sendError(reply: FastifyReply, code: ErrorCode, message: string, chargerId?: string): FastifyReply;
  /** The screen's fair-queue key and abort signal for charger requests made on its behalf. */
  historyOptions(request: FastifyRequest, reply: FastifyReply): { clientKey: string; signal: AbortSignal };
  /** Answers the failure of a charger call (an UpstreamError) or rethrows. */
  upstreamError(reply: FastifyReply, error: unknown): FastifyReply;
  /** The server's wall clock (epoch ms). */
  now: () => number;
}

export function registerArchiveRoutes(app: FastifyInstance, options: ArchiveRouteOptions): void {
  const { archive, clients, zone, sendError } = options;

  function context(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const client = clients.get(request.params.id);
    if (!client) {
      sendError(reply, 'not_found', `no charger with id "${request.params.id.slice(0, 120)}"`);
      return null;
    }
    return { archive, chargerId: request.params.id, client, zone, now: options.now(), request: options.historyOptions(request, reply) };
  }

  function query<S extends z.ZodMiniType>(schema: S, request: FastifyRequest, reply: FastifyReply): z.output<S> | null {
    const parsed = schema.safeParse({ ...(request.query as object) });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    sendError(reply, 'bad_request', issue.code === 'unrecognized_keys' ? `unexpected query parameter "${(issue.keys[0] ?? '').slice(0, 120)}"` : `${field ? `${field}: ` : ''}${issue.message}`);
    return null;
  }

  const json = (reply: FastifyReply, body: unknown) => reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);

  app.get<{ Params: { id: string } }>('/api/chargers/:id/sessions', async (request, reply) => {
    const ctx = context(request, reply);
    if (!ctx) return reply;
    const q = query(sessionsQuerySchema, request, reply);
    if (!q) return reply;
    const from = parseIsoDate(q.from) ? dayFromKey(q.from, zone) : null;
    const to = parseIsoDate(q.to) ? dayFromKey(q.to, zone) : null;
    if (!from || !to) return sendError(reply, 'bad_request', `${from ? 'to' : 'from'}: not a calendar date`);
    if (to.startMs < from.startMs) return sendError(reply, 'bad_request', 'to: must not be before from');
    if ((to.startMs - from.startMs) / 86_400_000 > MAX_SESSION_DAYS) return sendError(reply, 'bad_request', 'to: the range may span at most 20 years');
    try {
      return json(reply, await sessionsOf(ctx, from.startMs, nextDay(to, zone).startMs));
    } catch (error) {
      return options.upstreamError(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/api/chargers/:id/power', async (request, reply) => {
    const ctx = context(request, reply);
    if (!ctx) return reply;
    const q = query(powerQuerySchema, request, reply);
    if (!q) return reply;
    try {
      return json(reply, await powerOf(ctx, Date.parse(q.from), Date.parse(q.to), q.step ?? '5m'));
    } catch (error) {
      return options.upstreamError(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/api/chargers/:id/timeline', async (request, reply) => {
    const ctx = context(request, reply);
    if (!ctx) return reply;
    const q = query(timelineQuerySchema, request, reply);
    if (!q) return reply;
    const day = parseIsoDate(q.date) ? dayFromKey(q.date, zone) : null;
    if (!day) return sendError(reply, 'bad_request', 'date: not a calendar date');
    if (!archive) return sendError(reply, 'archive_off', 'the timeline is kept in the archive, which is switched off (ARCHIVE=off)');
    const body: TimelineResponseWire = { date: day.key, events: archive.readers.events(ctx.chargerId, day.startMs, day.endMs), source: 'archive' };
    return json(reply, body);
  });

  const settingsBody = (): SettingsResponse => {
    const current = options.settings.get();
    return { ...current, pinRequired: options.adminPin !== null, writable: archive !== null };
  };

  app.get(SETTINGS_URL, async (request, reply) => {
    if (Object.keys(request.query as object).length > 0) return sendError(reply, 'bad_request', 'unexpected query parameter');
    return json(reply, settingsBody());
  });

  let wrongPins: number[] = [];
  app.put(SETTINGS_URL, { bodyLimit: 4096 }, async (request, reply) => {
    const refusal = crossOrigin(request);
    if (refusal) return sendError(reply, 'forbidden', refusal);
    if (options.adminPin !== null) {
      const now = options.now();
      wrongPins = wrongPins.filter((t) => now - t < 60_000);
      if (wrongPins.length >= PIN_ATTEMPTS_PER_MINUTE) return sendError(reply, 'forbidden', 'too many wrong PINs; try again in a minute');
      const given = request.headers[ADMIN_PIN_HEADER];
      if (typeof given !== 'string' || !samePin(given, options.adminPin)) {
        wrongPins.push(now);
        return sendError(reply, 'forbidden', given === undefined ? 'the admin PIN is required (X-Admin-Pin)' : 'wrong admin PIN');
      }
    }
    const parsed = settingsBodySchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return sendError(reply, 'bad_request', issue.code === 'unrecognized_keys' ? `unexpected field "${(issue.keys[0] ?? '').slice(0, 60)}"` : `${field ? `${field}: ` : ''}${issue.message}`);
    }
    const saved = options.settings.put(parsed.data);
    if (saved === 'off') return sendError(reply, 'archive_off', 'settings are kept in the archive, which is switched off (ARCHIVE=off)');
    if (saved === 'full') return sendError(reply, 'archive_full', 'the archive’s disk is full; the settings were not saved');
    return json(reply, settingsBody());
  });
}

/**
 * Why a PUT is not from one of our own pages, or null. Browsers send Sec-Fetch-Site and Origin
 * with every PUT; a page elsewhere cannot forge either. A request with neither is not from a
 * browser (curl on the server), which no web page can make.
 */
function crossOrigin(request: FastifyRequest): string | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `settings can only be changed from this dashboard's own pages (Sec-Fetch-Site: ${String(site).slice(0, 40)})`;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== request.headers.host) return `settings can only be changed from this dashboard's own pages (Origin: ${origin.slice(0, 80)})`;
  }
  return null;
}

function samePin(given: string, expected: string): boolean {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(hash(given), hash(expected));
}

/** Whether `request` is the one request that may carry a body. */
export function isSettingsWrite(request: FastifyRequest): boolean {
  return request.method === 'PUT' && request.url.split('?')[0]?.replace(/\/+$/, '') === SETTINGS_URL;
}

/** JSON only: the one body we accept. */
export function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/json\s*(;|$)/i.test(type);
}
