/**
 * What one LAN client can do to the others through our server, tried as a hostile client would:
 * flood a charger with slow history queries, or send queries the charger refuses. Real HTTP on
 * loopback; the clients come from distinct loopback addresses (127.0.0.x), as tablets come from
 * distinct LAN addresses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setMaxListeners } from 'node:events';
import { request as httpRequest } from 'node:http';
import chargingSession from '../contract/fixtures/charging-session.json' with { type: 'json' };
import { startServer, type RunningServer } from './start.ts';
import { startSimulator, type RunningSimulator } from './simulator/simulator.ts';
import { startRecordingCharger, type RecordingCharger } from './test-support/recording-charger.ts';

type Answer = { status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> };

/** A client with its own source address, so the server sees it as its own remote address. */
function client(address: string, headers: Record<string, string> = {}) {
  return (base: string, path: string, signal?: AbortSignal) =>
    new Promise<Answer>((resolve, reject) => {
      const url = new URL(path, base);
      const req = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, localAddress: address, headers, agent: false, ...(signal ? { signal } : {}) }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

const hourRange = (hour: number) => {
  const from = Date.UTC(2026, 0, 1) + hour * 3_600_000;
  return `fromTime=${new Date(from).toISOString()}&toTime=${new Date(from + 3_600_000).toISOString()}`;
};

describe('a flood of slow history queries from one client', () => {
  let sim: RunningSimulator;
  let server: RunningServer;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, staticToken: 'flood-test-token', quiet: true });
    server = await startServer({
      env: { CHARGER_URL: sim.url, CHARGER_TOKEN: 'flood-test-token', CHARGER_NAME: 'Platz 13', STATUS_TTL_MS: '0' },
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await server.close();
    await sim.close();
  });

  it('leaves other clients’ status answers under 1 s, and their history next in line', async () => {
    const flooder = client('127.0.0.2');
    const wallDisplay = client('127.0.0.3');
    const tablet = client('127.0.0.4');
    sim.faults.set({ endpoint: 'powerProfile', latencyMs: 1000 });
    sim.resetStats();
    const stop = new AbortController();
    setMaxListeners(50, stop.signal);
    let floodAnswered = 0;
    const flood = Array.from({ length: 40 }, (_, i) =>
      flooder(server.url, `/api/chargers/platz-13/powerProfile?${hourRange(i)}&measure=building`, stop.signal)
        .then(() => (floodAnswered += 1))
        .catch(() => undefined),
    );
    const stats = () => sim.stats().chargers.platz13!;
    await vi.waitFor(() => expect(stats().requests.powerProfile).toBeGreaterThanOrEqual(1));

    // The wall display polls its status throughout: every answer within 1 s.
    const statusTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const status = await wallDisplay(server.url, '/api/chargers/platz-13/generalStatus');
      statusTimes.push(performance.now() - started);
      expect(status.status).toBe(200);
    }
    expect(Math.max(...statusTimes)).toBeLessThan(1000);

    // A tablet's history query is the next to go out, not the forty-first.
    const mine = await tablet(server.url, `/api/chargers/platz-13/powerProfile?${hourRange(100)}&measure=building`);
    expect(mine.status).toBe(200);
    expect(floodAnswered).toBeLessThanOrEqual(3);
    // Never more than our two connections at the charger, whatever the clients send.
    expect(stats().maxInFlight).toBeLessThanOrEqual(2);

    // The flooder gives up: what it left waiting is never sent to the charger.
    stop.abort();
    await Promise.all(flood);
    const sentBeforeLeaving = stats().requests.powerProfile;
    const chargerClient = server.clients.get('platz-13')!;
    await vi.waitFor(() => expect(chargerClient.load()).toEqual({ busy: 0, historyBusy: 0, waiting: 0 }), { timeout: 5_000, interval: 50 });
    // (At most one more: a connection freed just as the flooder left may have gone to it.)
    expect(stats().requests.powerProfile).toBeLessThanOrEqual(sentBeforeLeaving + 1);
    sim.faults.clear();
  });
});

describe('tablets behind a reverse proxy named in TRUST_PROXY', () => {
  let sim: RunningSimulator;
  let server: RunningServer;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 6, staticToken: 'proxy-test-token', quiet: true });
    server = await startServer({
      env: { CHARGER_URL: sim.url, CHARGER_TOKEN: 'proxy-test-token', CHARGER_NAME: 'Platz 13', STATUS_TTL_MS: '0', TRUST_PROXY: '127.0.0.5' },
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await server.close();
    await sim.close();
  });

  it('keep a fair queue each, told apart by the address the proxy forwards', async () => {
    // Both come through the same proxy address; only X-Forwarded-For tells them apart.
    const flooder = client('127.0.0.5', { 'x-forwarded-for': '192.168.1.20' });
    const tablet = client('127.0.0.5', { 'x-forwarded-for': '192.168.1.21' });
    sim.faults.set({ endpoint: 'powerProfile', latencyMs: 1000 });
    const stop = new AbortController();
    setMaxListeners(50, stop.signal);
    let floodAnswered = 0;
    const flood = Array.from({ length: 20 }, (_, i) =>
      flooder(server.url, `/api/chargers/platz-13/powerProfile?${hourRange(i)}&measure=building`, stop.signal)
        .then(() => (floodAnswered += 1))
        .catch(() => undefined),
    );
    await vi.waitFor(() => expect(sim.stats().chargers.platz13!.requests.powerProfile).toBeGreaterThanOrEqual(1));

    const mine = await tablet(server.url, `/api/chargers/platz-13/powerProfile?${hourRange(100)}&measure=building`);
    expect(mine.status).toBe(200);
    // Sharing the proxy's queue, the tablet would have waited for all twenty.
    expect(floodAnswered).toBeLessThanOrEqual(3);
    stop.abort();
    await Promise.all(flood);
    sim.faults.clear();
  });
});

describe('history queries the charger refuses', () => {
  let charger: RecordingCharger;
  let server: RunningServer;
  const logs: string[] = [];

  beforeAll(async () => {
    charger = await startRecordingCharger();
    server = await startServer({
      env: { CHARGER_URL: charger.url, CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'secret', CHARGER_NAME: 'Platz 13', STATUS_TTL_MS: '0' },
      port: 0,
      host: '127.0.0.1',
      log: (line) => logs.push(line),
      // Long pauses, so a pause that wrongly reached other requests would show.
      clientOptions: { maxBackoffMs: 60_000 },
    });
    // The charger refuses some filters and breaks on some ranges; it answers every other query.
    const json = (response: import('node:http').ServerResponse, status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };
    charger.override('/api/chargingSession/', (recorded, response) => {
      const code = new URLSearchParams(recorded.body).get('identificationCode');
      if (code === 'REFUSED') return json(response, 200, '{"errorCode":5,"errorMessage":"Invalid filter","content":null}');
      if (code === 'BADREQUEST') return json(response, 400, '{"message":"The request is invalid."}');
      if (code === 'DENIED') return json(response, 401, '{"message":"Unauthorized"}');
      if (code === 'BROKEN') return json(response, 200, '{"content": [');
      if (code === 'DROPPED') return void response.socket?.destroy();
      return json(response, 200, JSON.stringify(chargingSession));
    });
    charger.override('/api/powerProfile/', (recorded, response) => {
      if (recorded.url.includes('2022-01-01')) return json(response, 500, '<h1>Server Error</h1>');
      return json(response, 200, '[]');
    });
  });
  afterAll(async () => {
    await server.close();
    await charger.close();
  });
  afterEach(() => {
    charger.requests.length = 0;
  });

  it('answer only the client that sent them: other clients’ history and the status are untouched', async () => {
    const attacker = client('127.0.0.5');
    const others = client('127.0.0.6');
    const sessions = (code: string, page = 1) => `/api/chargers/platz-13/chargingSession?pageSize=10&pageNumber=${page}&identificationCode=${code}`;
    const poisons = [
      sessions('REFUSED'),
      sessions('BADREQUEST'),
      sessions('DENIED'),
      sessions('BROKEN'),
      sessions('DROPPED'),
      '/api/chargers/platz-13/powerProfile?fromTime=2022-01-01T00:00:00Z&toTime=2022-01-02T00:00:00Z&measure=building',
    ];
    for (const path of poisons) {
      const answer = await attacker(server.url, path);
      expect(answer.status, path).toBe(502);
      expect(answer.body.error!.code, path).toMatch(/^charger_(bad_response|auth_failed|unreachable)$/);
    }
    // The same refused query again is answered from its pause, without asking the charger.
    const asked = charger.requests.length;
    expect((await attacker(server.url, sessions('REFUSED'))).status).toBe(502);
    expect(charger.requests.length).toBe(asked);

    // Everyone else: 35 good history queries and the status, all answered by the charger.
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => others(server.url, sessions('CARD1', i + 1))),
      ...Array.from({ length: 5 }, (_, i) => others(server.url, `/api/chargers/platz-13/powerProfile?${hourRange(i)}&measure=building`)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(35).fill(200));
    expect((await others(server.url, '/api/chargers/platz-13/generalStatus')).status).toBe(200);

    // The charger counts as healthy: only the refused requests' own endpoints show their errors.
    const health = await others(server.url, '/api/health');
    expect(health.body).toMatchObject({ ok: true, chargers: [{ reachable: true, lastError: null }] });
    // A refused query is logged once per endpoint and kind, and says only that request waits.
    expect(logs.some((line) => line.includes('this request waits'))).toBe(true);
    expect(logs.some((line) => line.includes('every call waits'))).toBe(false);
  });
});
