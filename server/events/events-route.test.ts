/**
 * `GET /api/events` over real HTTP on loopback: what a screen receives on connect and afterwards,
 * what is refused, and that a client which stops reading cannot grow the server's memory.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusCollector } from '../collector/status-collector.ts';
import { SnapshotService } from '../snapshot/snapshot-service.ts';
import type { EventHub } from './event-hub.ts';
import { registerEventsRoute, type EventsRouteOptions } from './events-route.ts';

const STATUS = readFileSync(new URL('../../contract/fixtures/general-status.json', import.meta.url), 'utf8');

interface SseEvent {
  event: string;
  data: unknown;
}

/** A scripted charger: each request takes the next answer (text, or an error to throw). */
function scriptedCharger() {
  const answers: Array<string | Error> = [];
  let requests = 0;
  let last: string | Error = STATUS;
  return {
    source: async () => {
      requests += 1;
      last = answers.shift() ?? last;
      if (last instanceof Error) throw last;
      return last;
    },
    next(...values: Array<string | Error>) {
      answers.push(...values);
    },
    get requests() {
      return requests;
    },
  };
}

const unreachable = () => Object.assign(new Error('the charger refused the connection'), { code: 'charger_unreachable' });

let app: FastifyInstance | null = null;
let collectors: StatusCollector[] = [];

async function serve(
  chargers: Record<string, ReturnType<typeof scriptedCharger>>,
  options: Partial<EventsRouteOptions> & { intervalMs?: number } = {},
): Promise<{ url: string; app: FastifyInstance; hub: EventHub }> {
  const map = new Map(Object.entries(chargers).map(([id, c]) => [id, new StatusCollector(id, c.source, { intervalMs: options.intervalMs ?? 60_000 })]));
  collectors = [...map.values()];
  app = Fastify();
  // Registered as in the app: the stream must stay uncompressed even when the client asks for gzip.
  await app.register(fastifyCompress, { threshold: 1 });
  const feed = new SnapshotService({ collectors: map, zoneOf: () => 'Europe/Berlin', pricing: () => ({ pricePerKwh: 0.3, currency: 'EUR' }) });
  const hub = registerEventsRoute(app, { feed, buildId: 'b1', maxStreams: 5, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, app, hub };
}

afterEach(async () => {
  for (const collector of collectors) collector.close();
  await app?.close();
  app = null;
});

/** An open event stream, its events parsed as they arrive. */
function openStream(url: string): Promise<{ response: IncomingMessage; events: SseEvent[]; comments: string[]; raw: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, br' } }, (response) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      let text = '';
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event && data) events.push({ event, data: JSON.parse(data) });
          for (const line of lines) if (line.startsWith(':')) comments.push(line);
        }
      });
      response.on('error', () => {});
      resolve({ response, events, comments, raw: () => text, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function getJson(url: string): Promise<{ status: number; body: { error: { code: string; message: string } } }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe('GET /api/events', () => {
  it('opens with retry, the build and each charger’s latest state, uncompressed, with the proxy headers', async () => {
    const a = scriptedCharger();
    const b = scriptedCharger();
    const { url } = await serve({ a, b });
    // Charger a has a reading already; b has failed and never answered.
    b.next(unreachable());
    await collectors[0]!.sample(0);
    await collectors[1]!.sample(0);

    const stream = await openStream(`${url}/api/events?chargers=a,b`);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers['cache-control']).toBe('no-cache');
    expect(stream.response.headers['x-accel-buffering']).toBe('no');
    expect(stream.response.headers['content-encoding']).toBeUndefined();
    await vi.waitFor(() => expect(stream.events.length).toBeGreaterThanOrEqual(3));
    expect(stream.raw()).toMatch(/^retry: \d+\n\n/);
    expect(stream.events.slice(0, 3)).toEqual([
      { event: 'build', data: { build: 'b1' } },
      {
        event: 'snapshot',
        data: expect.objectContaining({
          v: 1,
          chargerId: 'a',
          zone: 'Europe/Berlin',
          readAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          ageMs: expect.any(Number),
          reachable: true,
          connectors: { ok: true, data: [expect.objectContaining({ key: '1-1', state: { kind: 'available', raw: 'Available', reason: null, sessionOpen: false } })] },
        }),
      },
      {
        event: 'snapshot',
        data: expect.objectContaining({
          chargerId: 'b',
          readAt: null,
          reachable: false,
          problem: { code: 'charger_unreachable', message: 'the charger refused the connection', since: expect.any(String) },
        }),
      },
    ]);
    stream.close();
  });

  it('sends a snapshot on a change, fresh when unchanged, a snapshot marked unreachable on a failure and a live one once it answers', async () => {
    const a = scriptedCharger();
    const changed = STATUS.replace('"Available"', '"Charging"');
    a.next(STATUS, STATUS, changed, unreachable(), changed);
    const { url } = await serve({ a }, { intervalMs: 50 });
    const stream = await openStream(`${url}/api/events?chargers=a`);
    await vi.waitFor(() => expect(stream.events.length).toBeGreaterThanOrEqual(6), { timeout: 5_000 });
    expect(stream.events.slice(0, 6).map((e) => e.event)).toEqual(['build', 'snapshot', 'fresh', 'snapshot', 'snapshot', 'snapshot']);
    expect(stream.events[2]!.data).toEqual({ chargerId: 'a', readAt: expect.any(String), ageMs: expect.any(Number) });
    type Data = { readAt: string; reachable: boolean; problem: { since: string } | null; connectors: { data: Array<{ state: { kind: string } }> } };
    const data = stream.events.slice(0, 6).filter((e) => e.event === 'snapshot').map((e) => e.data as Data);
    expect(data.map((d) => d.reachable)).toEqual([true, true, false, true]);
    expect(data[1]!.connectors.data[0]!.state.kind).toBe('charging');
    // The failure keeps the last values beside it.
    expect(data[2]!.connectors.data[0]!.state.kind).toBe('charging');
    const received = stream.events.slice(1, 6).map((e) => {
      const d = e.data as Partial<Data>;
      return Date.parse(d.problem?.since ?? d.readAt!);
    });
    // Each in the order it was read (the collector's cadence itself: status-collector.test.ts).
    for (let i = 1; i < received.length; i++) expect(received[i]!).toBeGreaterThanOrEqual(received[i - 1]!);
    stream.close();
  });

  it('holds the collectors of the chargers a screen asks for and releases them when the last screen leaves', async () => {
    const a = scriptedCharger();
    const b = scriptedCharger();
    const { url, hub } = await serve({ a, b });
    const first = await openStream(`${url}/api/events?chargers=a`);
    const second = await openStream(`${url}/api/events?chargers=a`);
    await vi.waitFor(() => expect(collectors[0]!.held).toBe(true));
    expect(collectors[1]!.held).toBe(false);
    first.close();
    // Once the server has let go of the first screen, the second still holds the collector.
    await vi.waitFor(() => expect(hub.size).toBe(1));
    expect(collectors[0]!.held).toBe(true);
    second.close();
    await vi.waitFor(() => expect(collectors[0]!.held).toBe(false));
    // One request for both screens.
    expect(a.requests).toBe(1);
    expect(b.requests).toBe(0);
  });

  it('all chargers without the parameter; none with an empty list', async () => {
    const { url } = await serve({ a: scriptedCharger(), b: scriptedCharger() });
    const all = await openStream(`${url}/api/events`);
    await vi.waitFor(() => expect(collectors.every((c) => c.held)).toBe(true));
    all.close();
    await vi.waitFor(() => expect(collectors.some((c) => c.held)).toBe(false));
    const none = await openStream(`${url}/api/events?chargers=`);
    await vi.waitFor(() => expect(none.events).toEqual([{ event: 'build', data: { build: 'b1' } }]));
    expect(collectors.some((c) => c.held)).toBe(false);
    none.close();
  });

  it('refuses unknown parameters (400), unknown chargers (404) and streams beyond the limit (503 too_many_streams)', async () => {
    const { url } = await serve({ a: scriptedCharger() }, { maxStreams: 2 });
    expect(await getJson(`${url}/api/events?charger=a`)).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'unexpected query parameter "charger"' } } });
    expect((await getJson(`${url}/api/events?chargers=a&chargers=a`)).status).toBe(400);
    expect(await getJson(`${url}/api/events?chargers=a,nope`)).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'no charger with id "nope"' } } });
    const open = [await openStream(`${url}/api/events?chargers=a`), await openStream(`${url}/api/events?chargers=a`)];
    const refused = await fetch(`${url}/api/events?chargers=a`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_streams');
    // A closed stream frees its place.
    open[0]!.close();
    await vi.waitFor(async () => {
      const again = await openStream(`${url}/api/events?chargers=a`);
      expect(again.response.statusCode).toBe(200);
      again.close();
    });
    open[1]!.close();
  });

  it('writes a comment line on the heartbeat interval', async () => {
    const { url } = await serve({ a: scriptedCharger() }, { heartbeatMs: 50 });
    const stream = await openStream(`${url}/api/events?chargers=a`);
    await vi.waitFor(() => expect(stream.comments.length).toBeGreaterThanOrEqual(3));
    expect(stream.comments[0]).toMatch(/^: /);
    stream.close();
  });

  it('drops a client that stops reading once its unsent data passes the limit, and its place is free again', async () => {
    // Big snapshots, often (a charger that names its state with half a megabyte): a client that
    // never reads fills the kernel's buffers, then ours.
    const a = scriptedCharger();
    let n = 0;
    const source = a.source;
    a.source = async () => {
      await source();
      n += 1;
      return STATUS.replace('"Available"', `"${'x'.repeat(512 * 1024)}${n}"`);
    };
    const { url, app: server } = await serve({ a }, { intervalMs: 50, maxStreams: 1, maxBufferedBytes: 1024 * 1024 });
    const { port } = server.server.address() as { port: number };
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /api/events?chargers=a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    // Never read: the socket is paused before anything arrives.
    socket.pause();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await vi.waitFor(
      async () => {
        const next = await fetch(`${url}/api/events?chargers=`);
        expect(next.status).toBe(200);
        await next.body?.cancel();
      },
      { timeout: 20_000, interval: 250 },
    );
    socket.resume();
    await closed;
  }, 30_000);
});
