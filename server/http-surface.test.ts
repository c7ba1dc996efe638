/**
 * Everything a browser (or anyone on the LAN) can send that is not a valid API call: each gets a
 * 4xx JSON error and nothing reaches the charger.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start.ts';
import { RECORDED_TOKEN, startRecordingCharger, type RecordingCharger } from './test-support/recording-charger.ts';

let charger: RecordingCharger;
let server: RunningServer;
const BIG_SCRIPT = Buffer.from(Array.from({ length: 400 }, (_, i) => `console.log("line ${i}");`).join('\n'));
const INDEX_HTML = '<!doctype html><title>Wallbox</title><script src="/assets/app-abc123.js"></script>';

/** A built SPA in a fresh folder below `parent`. */
function makeDist(parent: string, indexHtml: string): string {
  const dist = join(mkdtempSync(join(parent, 'inch-dist-')), 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), indexHtml);
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log("app")');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
  // A script the build compressed (gzip at level 1 here, so its bytes differ from what the server
  // would make of it on the fly).
  writeFileSync(join(dist, 'assets', 'chart-def456.js'), BIG_SCRIPT);
  writeFileSync(join(dist, 'assets', 'chart-def456.js.gz'), gzipSync(BIG_SCRIPT, { level: 1 }));
  writeFileSync(join(dist, 'assets', 'chart-def456.js.br'), brotliCompressSync(BIG_SCRIPT));
  return dist;
}

// Installed below a folder named `assets` (/srv/assets/inch-dashboard, say): only the files in
// dist/assets/ are hashed, so only they may be cached for a year.
const installRoot = join(mkdtempSync(join(tmpdir(), 'inch-install-')), 'assets');
mkdirSync(installRoot);
const dist = makeDist(installRoot, INDEX_HTML);

beforeAll(async () => {
  charger = await startRecordingCharger();
  server = await startServer({ env: { CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13' }, distDir: dist, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await charger.close();
});

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = await response.json();
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  return body.error.message as string;
}

/** Raw HTTP, for requests fetch() refuses to send (bodies on GET, odd paths). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; text: string; bytes: Buffer; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, text: bytes.toString('utf8'), bytes, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('API errors', () => {
  it('answers unknown API routes and chargers with 404 JSON', async () => {
    await expectJsonError(await fetch(`${server.url}/api/nope`), 404, 'not_found');
    await expectJsonError(await fetch(`${server.url}/api/chargers/platz13/reboot`), 404, 'not_found');
    const message = await expectJsonError(await fetch(`${server.url}/api/chargers/unknown/generalStatus`), 404, 'not_found');
    expect(message).toContain('unknown');
  });

  it('answers other methods on known routes with 405 and Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${server.url}/api/chargers/platz13/generalStatus`, { method });
      await expectJsonError(response, 405, 'method_not_allowed');
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('refuses request bodies before reading them', async () => {
    const response = await raw('GET', '/api/chargers/platz13/generalStatus', { 'content-type': 'application/json', 'content-length': '2' }, '{}');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error.code).toBe('bad_request');
  });

  it('validates queries and names the problem', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/chargers/platz13/generalStatus?x=1', /unexpected query parameter "x"/],
      ['/api/chargers/platz13/chargingSession?pageSize=0', /pageSize/],
      ['/api/chargers/platz13/chargingSession?pageSize=10&pageSize=20', /pageSize/],
      ['/api/chargers/platz13/chargingSession?chargingStartedTimeFrom=yesterday', /YYYY-MM-DD HH:mm:ss/],
      ['/api/chargers/platz13/chargingSession?orderByColumn=password', /orderByColumn/],
      ['/api/chargers/platz13/chargingSession?url=http://evil.example', /unexpected query parameter "url"/],
      ['/api/chargers/platz13/powerProfile?fromTime=2022-10-08T00:00:00Z&toTime=2022-10-07T00:00:00Z&measure=building', /before/],
      ['/api/chargers/platz13/powerProfile?fromTime=2022-10-08T00:00:00Z&toTime=2022-10-09T00:00:00Z&measure=../../etc', /measure/],
      ['/api/chargers/platz13/powerProfile?fromTime=2022-10-08T00:00:00Z', /toTime|measure/],
      // Values the charger itself would refuse: named here, never sent.
      ['/api/chargers/platz13/chargingSession?userId=2147483648', /^userId: userId must be 0-2147483647$/],
      ['/api/chargers/platz13/chargingSession?userId=9999999999', /^userId: userId must be 0-2147483647$/],
      ['/api/chargers/platz13/chargingSession?chargingStartedTimeFrom=0000-01-01%2000:00:00', /^chargingStartedTimeFrom: must be between the years 2000 and 2099$/],
      ['/api/chargers/platz13/chargingSession?chargingStartedTimeTo=2100-01-01%2000:00:00', /^chargingStartedTimeTo: must be between the years 2000 and 2099$/],
      ['/api/chargers/platz13/powerProfile?fromTime=1999-12-31T23:00:00Z&toTime=2000-01-01T01:00:00Z&measure=building', /^fromTime: must be between the years 2000 and 2099$/],
      ['/api/chargers/platz13/powerProfile?fromTime=9999-12-01T00:00:00Z&toTime=9999-12-02T00:00:00Z&measure=building', /^fromTime: must be between the years 2000 and 2099$/],
    ];
    const before = charger.requests.length;
    for (const [path, message] of cases) {
      expect(await expectJsonError(await fetch(`${server.url}${path}`), 400, 'bad_request'), path).toMatch(message);
    }
    expect(charger.requests.length).toBe(before);
    // The bounds themselves are accepted.
    for (const path of ['/api/chargers/platz13/chargingSession?userId=2147483647&chargingStartedTimeFrom=2000-01-01%2000:00:00&chargingStartedTimeTo=2099-12-31%2023:59:59', '/api/chargers/platz13/chargingSession?userId=']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it('routes an absolute-form request target to the configured charger, never to its host', async () => {
    const before = charger.requests.length;
    const { rawExchange } = await import('./test-support/raw-http.ts');
    const response = await rawExchange(server.port, 'GET http://127.0.0.1/api/chargers/platz13/generalStatus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(response.status).toBe(200);
    expect(charger.requests.length).toBe(before + 1);
    expect(charger.requests.at(-1)!.url).toBe('/api/generalStatus/');
    // A foreign name in the request target counts as the host (it overrides the Host header).
    const foreign = await rawExchange(server.port, 'GET http://evil.example/api/chargers/platz13/generalStatus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(foreign.status).toBe(421);
    expect(JSON.parse(foreign.body).error.code).toBe('host_not_allowed');
    expect(charger.requests.length).toBe(before + 1);
  });

  it('never lets a path pick another upstream', async () => {
    const before = charger.requests.length;
    for (const path of ['/api/chargers/..%2f..%2fapi/generalStatus', '/api/chargers/%2e%2e/generalStatus', '/api/chargers/platz13/..%2f..%2fwebOperatorLogin', '//evil.example/api/chargers', '/api/chargers/http:%2f%2fevil.example/generalStatus']) {
      const response = await raw('GET', path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(JSON.parse(response.text).error.code, path).toMatch(/not_found|bad_request/);
    }
    expect(charger.requests.length).toBe(before);
  });
});

describe('the built SPA', () => {
  it('serves hashed assets as immutable and index.html as no-cache', async () => {
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('Wallbox');
    expect((await fetch(`${server.url}/manifest.webmanifest`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the compressed files the build made as they are, and the script itself to a client that takes neither', async () => {
    const get = (encoding: string | null) => raw('GET', '/assets/chart-def456.js', encoding ? { 'accept-encoding': encoding } : {});
    const gzip = await get('gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.bytes.equals(gzipSync(BIG_SCRIPT, { level: 1 }))).toBe(true);
    expect(gunzipSync(gzip.bytes).equals(BIG_SCRIPT)).toBe(true);
    expect(gzip.headers['content-type']).toMatch(/javascript/);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.bytes.equals(brotliCompressSync(BIG_SCRIPT))).toBe(true);
    const plain = await get(null);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.equals(BIG_SCRIPT)).toBe(true);
  });

  it('answers client-side routes with the SPA and missing files with 404', async () => {
    const sessions = await fetch(`${server.url}/sessions?from=2026-01`);
    expect(sessions.status).toBe(200);
    expect(sessions.headers.get('cache-control')).toBe('no-cache');
    expect(await sessions.text()).toContain('<title>Wallbox</title>');
    await expectJsonError(await fetch(`${server.url}/assets/missing-123.js`), 404, 'not_found');
  });

  it('sends security headers that still work on a plain-http LAN address', async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('serves index.html as no-cache even when the install path contains an assets folder', async () => {
    expect(dist).toContain(`${sep}assets${sep}`);
    for (const path of ['/', '/index.html', '/sessions', '/manifest.webmanifest']) {
      expect((await fetch(`${server.url}${path}`)).headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('reports a build id that changes with index.html', async () => {
    const buildOf = async (distDir: string) => {
      const other = await startServer({ env: { CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN }, distDir, port: 0, host: '127.0.0.1' });
      try {
        return ((await (await fetch(`${other.url}/api/chargers`)).json()) as { build: string }).build;
      } finally {
        await other.close();
      }
    };
    const first = await buildOf(makeDist(tmpdir(), INDEX_HTML));
    const same = await buildOf(makeDist(tmpdir(), INDEX_HTML));
    const next = await buildOf(makeDist(tmpdir(), INDEX_HTML.replace('app-abc123', 'app-def456')));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(same).toBe(first);
    expect(next).toMatch(/^[0-9a-f]{16}$/);
    expect(next).not.toBe(first);
  });
});
