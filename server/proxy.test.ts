/**
 * The proxy against a recording fake charger: what reaches the charger, what comes back, and
 * what never leaves. Real HTTP on loopback both ways.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start.ts';
import { RECORDED_TOKEN, startRecordingCharger, type RecordingCharger } from './test-support/recording-charger.ts';
import { testClock } from './test-support/test-clock.ts';
import generalStatus from '../contract/fixtures/general-status.json' with { type: 'json' };

let charger: RecordingCharger;
let server: RunningServer;
const logs: string[] = [];
/** The server's clock: tests move it on past a back-off pause instead of sleeping through it. */
const clock = testClock();
const passBackoff = () => clock.advance(60_000);

beforeAll(async () => {
  charger = await startRecordingCharger();
  server = await startServer({
    env: { CHARGER_URL: charger.url, CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'hunter2-secret', CHARGER_NAME: 'Platz 13', CHARGER_TIMEOUT_MS: '500', STATUS_TTL_MS: '0' },
    port: 0,
    host: '127.0.0.1',
    log: (line) => logs.push(line),
    now: clock.now,
  });
});
afterAll(async () => {
  await server.close();
  await charger.close();
});
afterEach(() => {
  charger.override('/api/generalStatus/', null);
  charger.override('/api/chargingSession/', null);
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('charger routes', () => {
  it('lists the charger without URL or secrets', async () => {
    const response = await get('/api/chargers');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.chargers).toEqual([{ id: 'platz-13', name: 'Platz 13', simulated: false, timeZone: expect.any(String) }]);
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it('logs in once and forwards generalStatus verbatim', async () => {
    const response = await get('/api/chargers/platz-13/generalStatus');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual(generalStatus);
    const logins = charger.requests.filter((r) => r.url === '/api/webOperatorLogin/');
    expect(logins).toHaveLength(1);
    expect(logins[0]!.body).toBe('email=owner%40example.com&password=hunter2-secret');
    const status = charger.requests.find((r) => r.url === '/api/generalStatus/')!;
    expect(status.method).toBe('GET');
    expect(status.headers.authorization).toBe(`Bearer ${RECORDED_TOKEN}`);
  });

  it('sends the session filter to the charger as its POST form, exactly those fields', async () => {
    const query = 'pageSize=10&pageNumber=1&chargingStartedTimeFrom=2022-10-05%2000:00:00&chargingStartedTimeTo=2022-10-09%2023:59:59';
    const response = await get(`/api/chargers/platz-13/chargingSession?${query}`);
    expect(response.status).toBe(200);
    const sent = charger.requests.filter((r) => r.url === '/api/chargingSession/').at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      pageSize: '10',
      pageNumber: '1',
      chargingStartedTimeFrom: '2022-10-05 00:00:00',
      chargingStartedTimeTo: '2022-10-09 23:59:59',
    });
    expect((await response.json()).content[0].chargingSessionId).toBe(34);
  });

  it('forwards a validated power-profile query', async () => {
    const response = await get('/api/chargers/platz-13/powerProfile?fromTime=2022-10-08T02:49:36.989Z&toTime=2022-10-08T08:50:46.895Z&measure=connector1,building,cluster');
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(2);
    const sent = charger.requests.filter((r) => r.url.startsWith('/api/powerProfile/')).at(-1)!;
    const params = new URL(sent.url, 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({ fromTime: '2022-10-08T02:49:36.989Z', toTime: '2022-10-08T08:50:46.895Z', measure: 'connector1,building,cluster' });
  });

  it('reports errorCode != 0 as charger_bad_response with the charger’s message', async () => {
    charger.override('/api/chargingSession/', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errorCode: 7, errorMessage: 'Database locked', content: null, pagingInfo: null }));
    });
    const response = await get('/api/chargers/platz-13/chargingSession?pageSize=5');
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: 'charger_bad_response', message: expect.stringContaining('Database locked'), chargerId: 'platz-13' } });
  });

  it('reports malformed JSON and HTTP 500 as charger_bad_response', async () => {
    charger.override('/api/generalStatus/', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"evses": [');
    });
    let response = await get('/api/chargers/platz-13/generalStatus');
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatchObject({ code: 'charger_bad_response', message: expect.stringMatching(/malformed JSON/) });

    passBackoff();
    charger.override('/api/generalStatus/', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>Server Error</h1>');
    });
    response = await get('/api/chargers/platz-13/generalStatus');
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toMatch(/HTTP 500/);
  });

  it('answers 504 charger_timeout when the charger is too slow', async () => {
    passBackoff();
    // A charger that never answers: only our timeout (CHARGER_TIMEOUT_MS, 500 ms here) ends the request.
    charger.override('/api/generalStatus/', () => {});
    const response = await get('/api/chargers/platz-13/generalStatus');
    expect(response.status).toBe(504);
    expect((await response.json()).error.code).toBe('charger_timeout');
  });
});

describe('what never leaves the server', () => {
  it('has no token, email or password in any answer, header or log line', async () => {
    const paths = ['/api/chargers', '/api/health', '/api/chargers/platz-13/generalStatus', '/api/chargers/platz-13/chargingSession?pageSize=1', '/api/nope'];
    for (const path of paths) {
      const response = await get(path);
      const headers: string[] = [];
      response.headers.forEach((value, key) => headers.push(`${key}: ${value}`));
      const text = `${headers.join('\n')}${await response.text()}`;
      for (const secret of [RECORDED_TOKEN, 'owner@example.com', 'hunter2-secret']) expect(text).not.toContain(secret);
    }
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) for (const secret of [RECORDED_TOKEN, 'owner@example.com', 'hunter2-secret']) expect(line).not.toContain(secret);
  });
});
