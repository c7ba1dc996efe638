/**
 * `GET /api/events?chargers=a,b`: the screens' one live connection. Server-sent events, because a
 * tablet's browser reconnects them by itself (`retry:`), they pass through plain HTTP proxies, and
 * nothing goes the other way. Omitting `chargers` means every charger; an empty value means none
 * (a page that only wants to hear about new builds).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../../src/api/server-schemas.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import { EventHub, type EventSink } from './event-hub.ts';

export interface EventsRouteOptions {
  /** The chargers' snapshots, as the server builds them. */
  feed: SnapshotFeed;
  buildId: string;
  /** More open streams than this are refused with 503 `too_many_streams`. */
  maxStreams: number;
  /** A comment line at least this often keeps proxies and tablets from closing an idle stream. */
  heartbeatMs?: number;
  /** How long the browser waits before reconnecting a dropped stream. */
  retryMs?: number;
  /** A client whose unsent data exceeds this is not reading: it is dropped. */
  maxBufferedBytes?: number;
}

export const HEARTBEAT_MS = 15_000;
export const RETRY_MS = 2_000;
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export function registerEventsRoute(app: FastifyInstance, options: EventsRouteOptions): EventHub {
  const hub = new EventHub({ feed: options.feed, buildId: options.buildId });
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const retryMs = options.retryMs ?? RETRY_MS;

  const heartbeat = setInterval(() => hub.broadcast(': keep-alive\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    hub.endAll();
  });

  // Never compressed: a compressor holds back small writes, which is exactly what a stream must not do.
  app.get('/api/events', { compress: false, config: { longLived: true } }, (request, reply) => {
    const query = request.query as Record<string, string | string[] | undefined>;
    const unknown = Object.keys(query).find((key) => key !== 'chargers');
    if (unknown !== undefined) return sendError(reply, 'bad_request', `unexpected query parameter "${unknown.slice(0, 120)}"`);
    const raw = query.chargers;
    if (Array.isArray(raw)) return sendError(reply, 'bad_request', 'give "chargers" once, as a comma-separated list');
    const ids = raw === undefined ? [...options.feed.chargerIds] : [...new Set(raw.split(',').filter((id) => id !== ''))];
    const missing = ids.find((id) => !hub.has(id));
    if (missing !== undefined) return sendError(reply, 'not_found', `no charger with id "${missing.slice(0, 120)}"`);
    if (hub.size >= options.maxStreams) {
      return sendError(reply.header('retry-after', '30'), 'too_many_streams', `the server already serves ${options.maxStreams} live streams; try again later`);
    }

    if (request.method === 'HEAD') {
      return reply.status(200).header('cache-control', 'no-cache').type('text/event-stream; charset=utf-8').send();
    }

    reply.hijack();
    const res = reply.raw;
    const socket = request.raw.socket;
    // The stream is meant to stay open: no idle timeout, and every event leaves at once.
    socket.setTimeout(0);
    socket.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // nginx buffers responses unless told otherwise.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });

    let open = true;
    const drop = () => {
      if (!open) return;
      open = false;
      hub.close(sink);
      res.destroy();
    };
    const sink: EventSink = {
      write(chunk) {
        if (!open) return false;
        // A client that stopped reading (a frozen tablet, a hostile one) must not grow our memory.
        if (res.writableLength > maxBuffered) {
          drop();
          return false;
        }
        res.write(chunk);
        return true;
      },
      end() {
        open = false;
        res.end();
      },
    };
    res.on('close', drop);
    res.on('error', drop);
    const first = hub.open(sink, ids);
    sink.write(`retry: ${retryMs}\n\n${first}`);
    return reply;
  });

  app.route({
    method: ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/api/events',
    handler: (request, reply) => sendError(reply.header('allow', 'GET, HEAD'), 'method_not_allowed', `${request.method} is not allowed here; use GET`),
  });

  return hub;
}

function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply
    .status(ERROR_STATUS[code])
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } });
}
