/**
 * The server's defences against clients that are not our pages: DNS rebinding, sockets held
 * open, malformed URLs, and paths that try to leave the served folder. Real HTTP on loopback.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app.ts';
import { ChargerClient } from '../charger/charger-client.ts';
import { loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../start.ts';
import { rawExchange } from '../test-support/raw-http.ts';
import { RECORDED_TOKEN, startRecordingCharger, type RecordingCharger } from '../test-support/recording-charger.ts';
import { createSettingsStore } from '../archive/settings.ts';
import { SnapshotService } from '../snapshot/snapshot-service.ts';

let charger: RecordingCharger;
let server: RunningServer;
const dist = join(mkdtempSync(join(tmpdir(), 'inch-hardening-')), 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Wallbox</title>');
writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log("app")');

const TIMEOUTS = { requestMs: 300, idleMs: 1_000, keepAliveMs: 300, checkIntervalMs: 100 };

beforeAll(async () => {
  charger = await startRecordingCharger();
  server = await startServer({
    env: { CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13', ALLOWED_HOSTS: 'dashboard.example.com' },
    distDir: dist,
    port: 0,
    host: '127.0.0.1',
    timeouts: TIMEOUTS,
  });
});
afterAll(async () => {
  await server.close();
  await charger.close();
});

const get = (path: string, host: string) => rawExchange(server.port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

function expectSecurityHeaders(headers: Record<string, string>, label: string) {
  expect(headers['content-security-policy'], label).toContain("default-src 'self'");
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['x-frame-options'], label).toBe('SAMEORIGIN');
}

describe('DNS rebinding', () => {
  it('a request with Host: rebind.example gets no data, from the API, the app or anywhere', async () => {
    const before = charger.requests.length;
    for (const path of ['/api/chargers', '/api/chargers/platz13/generalStatus', '/api/chargers/platz13/chargingSession?pageSize=10', '/api/health', '/', '/index.html', '/assets/app-abc123.js', '/sessions', '/nope']) {
      const response = await get(path, 'rebind.example');
      expect(response.status, path).toBe(421);
      expect(JSON.parse(response.body), path).toEqual({ error: { code: 'host_not_allowed', message: expect.stringContaining('"rebind.example"') } });
      expect(response.body, path).not.toMatch(/platz13|Wallbox|console\.log/);
      expectSecurityHeaders(response.headers, path);
    }
    expect((await get('/api/chargers', 'rebind.example:8080')).status).toBe(421);
    expect(charger.requests.length).toBe(before);
  });

  it('answers for IP literals, localhost, *.local and ALLOWED_HOSTS', async () => {
    for (const host of ['127.0.0.1', `127.0.0.1:${server.port}`, '[::1]', 'localhost', 'garage.local', 'dashboard.example.com']) {
      expect((await get('/api/chargers', host)).status, host).toBe(200);
    }
  });
});

describe('connection timeouts', () => {
  function openSocket(send: string) {
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    socket.on('connect', () => send && socket.write(send));
    return { socket, received: () => received, closed: () => closed };
  }

  it('closes a socket that sends nothing, or only part of a request, with 408 request_timeout', async () => {
    const silent = openSocket('');
    const trickling = openSocket('GET /api/chargers HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await vi.waitFor(() => expect(silent.closed() && trickling.closed()).toBe(true), { timeout: 5_000, interval: 50 });
    for (const { received } of [silent, trickling]) {
      expect(received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(received()).toMatch(/content-security-policy: default-src 'self'/i);
      expect(received().slice(received().indexOf('\r\n\r\n') + 4)).toBe(JSON.stringify({ error: { code: 'request_timeout', message: 'the request did not arrive in time' } }));
    }
  });

  it('closes an idle keep-alive socket after its answer', async () => {
    const idle = openSocket('GET /api/chargers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await vi.waitFor(() => expect(idle.received()).toMatch(/^HTTP\/1\.1 200 OK/), { timeout: 5_000, interval: 20 });
    expect(idle.closed()).toBe(false);
    await vi.waitFor(() => expect(idle.closed()).toBe(true), { timeout: 5_000, interval: 50 });
  });

  it('exempts a route marked longLived from the inactivity timeout, and only that route', async () => {
    const config = { ...loadConfig({ CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN }) };
    const clients = config.chargers.map((c) => new ChargerClient(c, { timeoutMs: 500, statusTtlMs: 0 }));
    const collectors = new Map();
    const app = await buildApp({ config, clients, collectors, snapshots: new SnapshotService({ collectors, zoneOf: () => 'UTC', pricing: () => ({ pricePerKwh: null, currency: 'EUR' }) }), settings: createSettingsStore(null, config.pricing), distDir: null, buildId: 'test', timeouts: { ...TIMEOUTS, idleMs: 300 } });
    // Both answers go quiet after their first line. Each ends only once the inactivity timeout
    // has closed the slow one's socket: the stream, quiet for as long, must still be open then.
    let slowClosed!: () => void;
    const afterSlowClosed = new Promise<void>((resolve) => (slowClosed = resolve));
    const quietly = (reply: import('fastify').FastifyReply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/plain' });
      reply.raw.write('start\n');
      void afterSlowClosed.then(() => reply.raw.end('end\n'));
      return reply;
    };
    app.get('/api/test-stream', { config: { longLived: true } }, async (_request, reply) => quietly(reply));
    app.get('/api/test-slow', async (_request, reply) => quietly(reply));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as import('node:net').AddressInfo).port;
      const stream = rawExchange(port, 'GET /api/test-stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      const slow = await rawExchange(port, 'GET /api/test-slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      expect(slow.body).toBe('start\n');
      slowClosed();
      expect((await stream).body).toBe('start\nend\n');
    } finally {
      await app.close();
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

describe('requests that never reach a route', () => {
  it('a malformed URL or an overlong path segment: 400 JSON with the security headers, the path not echoed', async () => {
    // Without a built app: with one, an overlong segment falls through to the static files' 404.
    const apiOnly = await startServer({ env: { CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13' }, port: 0, host: '127.0.0.1' });
    try {
      for (const [port, path] of [
        [server.port, '/api/chargers/%ff%fe<script>/generalStatus'],
        [apiOnly.port, '/api/chargers/%ff%fe<script>/generalStatus'],
        [apiOnly.port, `/api/chargers/${'%41'.repeat(300)}/generalStatus`],
      ] as const) {
        const response = await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        expect(response.status, path).toBe(400);
        expect(response.headers['content-type'], path).toMatch(/application\/json/);
        expect(JSON.parse(response.body).error.code, path).toBe('bad_request');
        expect(response.body, path).not.toMatch(/%ff|script|%41|AAAA/i);
        expectSecurityHeaders(response.headers, path);
      }
    } finally {
      await apiOnly.close();
    }
  });

  it('oversized headers: 431 request_header_too_large JSON with the security headers, the header not echoed', async () => {
    // Over Node's 16 KiB header limit: the parser refuses it before any route runs.
    const response = await rawExchange(server.port, `GET /api/chargers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'q'.repeat(20_000)}\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'request_header_too_large', message: 'request headers too large' } });
    expect(response.body).not.toContain('qqqq');
    expectSecurityHeaders(response.headers, 'oversized headers');
  });

  it('a path that leaves the served folder is not found (404 not_found), not a mislabelled 403', async () => {
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/../../../etc/passwd', '/assets/%2e%2e/index.html', '/assets/%00']) {
      const response = await get(path, '127.0.0.1');
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body).error.code, path).toBe('not_found');
      expectSecurityHeaders(response.headers, path);
    }
  });
});
