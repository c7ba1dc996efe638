/**
 * The archive-backed routes: /sessions, /power, /timeline per charger, each in the charger's own
 * zone (the settings' routes: settings-routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { powerQuerySchema, sessionsQuerySchema, timelineQuerySchema, type TimelineResponseWire } from '../../src/api/archive-schemas.ts';
import { parseIsoDate } from '../../src/shared/time/local-calendar.ts';
import { isKnownStatus } from '../../contract/status-names.ts';
import type { ArchiveProblem, ErrorCode } from '../../src/api/server-schemas.ts';
import { codeOf } from './diagnosis.ts';
import { ArchiveReadError } from './read-pool.ts';
import type { Archive } from './archive.ts';
import type { HistoryClient } from './charger-reader.ts';
import { powerOf, sessionsOf } from './history.ts';
import { dayFromKey, nextDay } from './local-days.ts';

/** Longest sessions range: 20 years of local days. */
const MAX_SESSION_DAYS = 20 * 366;

export interface ArchiveRouteOptions {
  archive: Archive | null;
  /** Why the archive is switched on but could not be opened; null when it is open or off. */
  unavailable: ArchiveProblem | null;
  clients: ReadonlyMap<string, HistoryClient>;
  /** The charger's zone (server/charger-zones.ts); without an archive, the routes' local days. */
  zoneOf(chargerId: string): string;
  sendError(reply: FastifyReply, code: ErrorCode, message: string, chargerId?: string): FastifyReply;
  /** The screen's fair-queue key and abort signal for charger requests made on its behalf. */
  historyOptions(request: FastifyRequest, reply: FastifyReply): { clientKey: string; signal: AbortSignal };
  /** Answers the failure of a charger call (an UpstreamError) or rethrows. */
  upstreamError(reply: FastifyReply, error: unknown): FastifyReply;
  /** The server's wall clock (epoch ms). */
  now: () => number;
}

export function registerArchiveRoutes(app: FastifyInstance, options: ArchiveRouteOptions): void {
  const { archive, clients, sendError } = options;

  function context(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const client = clients.get(request.params.id);
    if (!client) {
      sendError(reply, 'not_found', `no charger with id "${request.params.id.slice(0, 120)}"`);
      return null;
    }
    const chargerId = request.params.id;
    if (options.unavailable) {
      sendError(reply, 'archive_unavailable', `${options.unavailable.message}; see /api/health for what to do`);
      return null;
    }
    // Asked per request: a zone changed on the settings screen applies to the next read.
    const zone = archive ? archive.zoneOf(chargerId) : options.zoneOf(chargerId);
    return { archive, chargerId, client, zone, now: options.now(), request: options.historyOptions(request, reply) };
  }

  /**
   * A failure of the archive file (a damaged page, a file that cannot be read) answers
   * archive_unavailable with what is known of it; anything else goes to the charger's handler.
   */
  function failed(reply: FastifyReply, error: unknown): FastifyReply {
    if (archive && (error instanceof ArchiveReadError || codeOf(error).startsWith('SQLITE_'))) {
      archive.noticeFailure(error);
      const problem = archive.problem();
      const why = problem && problem.kind !== 'disk_full' ? problem.message : `the archive could not be read (${codeOf(error)})`;
      return sendError(reply, 'archive_unavailable', `${why}; see /api/health for what to do`);
    }
    return options.upstreamError(reply, error);
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
    const { zone } = ctx;
    const from = parseIsoDate(q.from) ? dayFromKey(q.from, zone) : null;
    const to = parseIsoDate(q.to) ? dayFromKey(q.to, zone) : null;
    if (!from || !to) return sendError(reply, 'bad_request', `${from ? 'to' : 'from'}: not a calendar date`);
    if (to.startMs < from.startMs) return sendError(reply, 'bad_request', 'to: must not be before from');
    if ((to.startMs - from.startMs) / 86_400_000 > MAX_SESSION_DAYS) return sendError(reply, 'bad_request', 'to: the range may span at most 20 years');
    try {
      return json(reply, await sessionsOf(ctx, from.startMs, nextDay(to, zone).startMs));
    } catch (error) {
      return failed(reply, error);
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
      return failed(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/api/chargers/:id/timeline', async (request, reply) => {
    const ctx = context(request, reply);
    if (!ctx) return reply;
    const q = query(timelineQuerySchema, request, reply);
    if (!q) return reply;
    const day = parseIsoDate(q.date) ? dayFromKey(q.date, ctx.zone) : null;
    if (!day) return sendError(reply, 'bad_request', 'date: not a calendar date');
    if (!archive) return sendError(reply, 'archive_off', 'the timeline is kept in the archive, which is switched off (ARCHIVE=off)');
    try {
      const events = (await archive.read('events', [ctx.chargerId, day.startMs, day.endMs], ctx.request)).map(withoutStateNameDetail);
      const body: TimelineResponseWire = { date: day.key, events, source: 'archive' };
      return json(reply, body);
    } catch (error) {
      return failed(reply, error);
    }
  });
}

type TimelineEvent = TimelineResponseWire['events'][number];

/**
 * A fault without type or text is recorded under the connector's state name (`Faulted`): that is
 * no detail to show, and the browser (which never maps raw names) would read it as a fault type.
 */
function withoutStateNameDetail(event: TimelineEvent): TimelineEvent {
  if ((event.kind !== 'fault' && event.kind !== 'fault_cleared') || !isKnownStatus(event.detail)) return event;
  const { detail: _detail, ...rest } = event;
  return rest;
}
