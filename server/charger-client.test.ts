/**
 * The upstream client's judgement, through our server against a recording fake charger: what
 * counts as the charger's trouble and what as one endpoint's, how refused credentials are paused,
 * what is logged, and what /api/health makes of it. Real HTTP on loopback both ways.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import chargingSession from '../contract/fixtures/charging-session.json' with { type: 'json' };
import { startServer, type RunningServer } from './start.ts';
import { RECORDED_TOKEN, startRecordingCharger, type RecordingCharger } from './test-support/recording-charger.ts';
import { testClock, type TestClock } from './test-support/test-clock.ts';

let charger: RecordingCharger;
const servers: RunningServer[] = [];

beforeAll(async () => {
  charger = await startRecordingCharger();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await charger.close();
});
afterEach(() => {
  for (const path of ['/api/webOperatorLogin/', '/api/generalStatus/', '/api/chargingSession/', '/api/powerProfile/']) charger.override(path, null);
});

const LOGIN = { CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'hunter2-secret' };

/** Past any pause these tests set. */
const PAST_THE_PAUSE_MS = 60_000;

/**
 * A server in front of the recording charger. `clock`: held still where the test counts on a
 * pause lasting (a slow machine must not see it end), moved on by hand past one.
 */
async function serverWith(env: Record<string, string>, clientOptions = {}, clock: TestClock = testClock()) {
  const logs: string[] = [];
  const server = await startServer({
    env: { CHARGER_URL: charger.url, CHARGER_NAME: 'Platz 13', STATUS_TTL_MS: '0', CHARGER_TIMEOUT_MS: '500', ...env },
    port: 0,
    host: '127.0.0.1',
    log: (line) => logs.push(line),
    now: clock.now,
    clientOptions: { maxBackoffMs: 1, ...clientOptions },
  });
  servers.push(server);
  // From here on, only what the client logs: the start-up lines (the charger's zone) are not its.
  logs.length = 0;
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.json() };
  };
  return { server, logs, get, clock };
}

const STATUS = '/api/chargers/platz-13/generalStatus';
let profileRange = 0;
/** A power-profile path no earlier test asked for (the server caches profiles for 10 s). */
const profilePath = () => {
  profileRange += 1;
  const from = Date.UTC(2022, 9, 1) + profileRange * 3_600_000;
  return `/api/chargers/platz-13/powerProfile?fromTime=${new Date(from).toISOString()}&toTime=${new Date(from + 3_600_000).toISOString()}&measure=building`;
};
const sessionsPath = (page = 1) => `/api/chargers/platz-13/chargingSession?pageSize=10&pageNumber=${page}`;
const upstream = (path: string) => charger.requests.filter((r) => r.url.split('?')[0] === path).length;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A charger that takes the request and never answers: only our timeout (500 ms here) ends it. */
const neverAnswers = () => () => {};

/**
 * A charger that answers after `ms` of real time. Only where the time at the charger is the
 * point: requests that overlap in flight, and time spent queued for a connection against the
 * real socket timeout.
 */
function slowly(ms: number, body: unknown) {
  return async (_request: unknown, response: import('node:http').ServerResponse) => {
    await delay(ms);
    if (response.destroyed) return;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

describe('timeouts', () => {
  it('a slow power profile times out alone: the status and other ranges still reach the charger', async () => {
    const { get } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN }, { maxBackoffMs: 60_000 }, testClock({ stopped: true }));
    charger.override('/api/powerProfile/', neverAnswers());
    const slowRange = profilePath();
    const profile = await get(slowRange);
    expect(profile.status).toBe(504);
    expect(profile.body.error.code).toBe('charger_timeout');
    const before = upstream('/api/generalStatus/');
    const status = await get(STATUS);
    expect(status.status).toBe(200);
    expect(upstream('/api/generalStatus/')).toBe(before + 1);
    // The same range waits out its own pause…
    const requestsBefore = upstream('/api/powerProfile/');
    expect((await get(slowRange)).body.error.code).toBe('charger_timeout');
    expect(upstream('/api/powerProfile/')).toBe(requestsBefore);
    // …while another range is asked: one range's trouble says nothing about the next.
    charger.override('/api/powerProfile/', null);
    expect((await get(profilePath())).status).toBe(200);
    expect(upstream('/api/powerProfile/')).toBe(requestsBefore + 1);
  });

  it('a timed-out status pauses every endpoint: the charger itself is in trouble', async () => {
    const { get } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN }, { maxBackoffMs: 60_000 }, testClock({ stopped: true }));
    charger.override('/api/generalStatus/', neverAnswers());
    expect((await get(STATUS)).status).toBe(504);
    const before = charger.requests.length;
    expect((await get(sessionsPath())).body.error.code).toBe('charger_timeout');
    expect((await get(profilePath())).body.error.code).toBe('charger_timeout');
    expect(charger.requests.length).toBe(before);
  });

  it('a request that waited for a free connection still gets its full time at the charger', async () => {
    const { get } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN });
    // A slow profile takes the history connection (400 ms, within the 500 ms timeout)…
    charger.override('/api/powerProfile/', slowly(400, []));
    charger.override('/api/chargingSession/', slowly(300, chargingSession));
    const before = upstream('/api/powerProfile/');
    const profile = get(profilePath());
    await vi.waitFor(() => expect(upstream('/api/powerProfile/')).toBe(before + 1));
    // …so the session page waits for it, then takes 300 ms at the charger: more than the timeout
    // in all, but its own time at the charger is within it.
    const started = Date.now();
    const sessions = await get(sessionsPath());
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(sessions.status).toBe(200);
    expect(sessions.body.content[0].chargingSessionId).toBe(34);
    expect((await profile).status).toBe(200);
  });
});

describe('shared answers', () => {
  it('a session page is shared while in flight but asked again afterwards; a power profile is kept for a while', async () => {
    const { get } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN });
    charger.override('/api/chargingSession/', slowly(50, chargingSession));
    const before = upstream('/api/chargingSession/');
    const together = await Promise.all([get(sessionsPath(3)), get(sessionsPath(3)), get(sessionsPath(3))]);
    expect(together.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(upstream('/api/chargingSession/') - before).toBe(1);
    // The history loader repeats an inconsistent read at once: the repeat must reach the charger.
    expect((await get(sessionsPath(3))).status).toBe(200);
    expect(upstream('/api/chargingSession/') - before).toBe(2);

    const path = profilePath();
    const profilesBefore = upstream('/api/powerProfile/');
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(200);
    expect(upstream('/api/powerProfile/') - profilesBefore).toBe(1);
  });
});

describe('refused credentials', () => {
  it('a login the charger accepts but whose token it refuses: one login per pause, and one log line', async () => {
    const { get, logs } = await serverWith(LOGIN, { maxLoginBackoffMs: 60_000 }, testClock({ stopped: true }));
    charger.override('/api/generalStatus/', (_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"message":"Unauthorized"}');
    });
    const logins = () => upstream('/api/webOperatorLogin/');
    const before = { logins: logins(), status: upstream('/api/generalStatus/') };
    for (let i = 0; i < 5; i++) {
      const result = await get(STATUS);
      expect(result.status).toBe(502);
      expect(result.body.error).toMatchObject({ code: 'charger_auth_failed', message: expect.stringContaining('refused the token') });
    }
    expect(logins() - before.logins).toBe(1);
    expect(upstream('/api/generalStatus/') - before.status).toBe(1);
    // The other endpoints wait too: without a usable token they cannot work.
    const sessionsBefore = upstream('/api/chargingSession/');
    expect((await get(sessionsPath())).body.error.code).toBe('charger_auth_failed');
    expect(upstream('/api/chargingSession/')).toBe(sessionsBefore);
    expect(logs.filter((line) => line.includes('charger_auth_failed'))).toHaveLength(1);
  });

  it('after each pause tries once, with one login, and logs nothing new', async () => {
    const { get, logs, clock } = await serverWith(LOGIN, { maxLoginBackoffMs: 60_000 }, testClock({ stopped: true }));
    charger.override('/api/generalStatus/', (_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const before = { logins: upstream('/api/webOperatorLogin/'), status: upstream('/api/generalStatus/') };
    for (let pause = 0; pause < 3; pause++) {
      // Within the pause: answered from the refusal, nothing sent.
      await get(STATUS);
      await get(STATUS);
      expect(upstream('/api/webOperatorLogin/') - before.logins).toBe(pause + 1);
      clock.advance(PAST_THE_PAUSE_MS);
    }
    // One login per attempt (not a second one for the refused fresh token).
    expect(upstream('/api/generalStatus/') - before.status).toBe(3);
    expect(logs).toEqual([expect.stringMatching(/logged in/), expect.stringMatching(/charger_auth_failed/)]);
  });

  it('a refused static token is asked once per pause, not on every poll', async () => {
    const { get, logs } = await serverWith({ CHARGER_TOKEN: 'not-the-token' }, { maxLoginBackoffMs: 60_000 }, testClock({ stopped: true }));
    const before = upstream('/api/generalStatus/');
    for (let i = 0; i < 5; i++) {
      const result = await get(STATUS);
      expect(result.body.error).toMatchObject({ code: 'charger_auth_failed', message: expect.stringContaining('CHARGER_TOKEN') });
    }
    expect(upstream('/api/generalStatus/') - before).toBe(1);
    expect(logs).toHaveLength(1);
  });

  it('a refused login is logged once, not once per blocked poll', async () => {
    const { get, logs } = await serverWith(LOGIN, { maxLoginBackoffMs: 60_000 }, testClock({ stopped: true }));
    charger.override('/api/webOperatorLogin/', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errorCode: 1, errorMessage: 'Invalid credentials', webOperator: null, token: null }));
    });
    const before = upstream('/api/webOperatorLogin/');
    for (let i = 0; i < 5; i++) expect((await get(STATUS)).body.error.code).toBe('charger_auth_failed');
    expect((await get(profilePath())).body.error.code).toBe('charger_auth_failed');
    expect(upstream('/api/webOperatorLogin/') - before).toBe(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/refused the login \(error 1: Invalid credentials\)/);
    for (const line of logs) expect(line).not.toMatch(/owner@example\.com|hunter2-secret/);
  });
});

describe('refusals of one history query', () => {
  it('a 401 or 403 for one history query answers that query alone; the same on the status pauses every call', async () => {
    const { get, logs } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN }, { maxLoginBackoffMs: 60_000, maxBackoffMs: 60_000 }, testClock({ stopped: true }));
    const refuse = (status: number) => (_request: unknown, response: import('node:http').ServerResponse) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end('{"message":"no"}');
    };
    charger.override('/api/chargingSession/', refuse(401));
    charger.override('/api/powerProfile/', refuse(403));
    expect((await get(sessionsPath(11))).body.error).toMatchObject({ code: 'charger_auth_failed', message: 'the charger refused this request (HTTP 401)' });
    expect((await get(profilePath())).body.error).toMatchObject({ code: 'charger_auth_failed', message: 'the charger refused access (HTTP 403)' });
    // Nothing else waits: the status and other queries are asked.
    charger.override('/api/chargingSession/', null);
    charger.override('/api/powerProfile/', null);
    const before = charger.requests.length;
    expect((await get(STATUS)).status).toBe(200);
    expect((await get(sessionsPath(12))).status).toBe(200);
    expect((await get(profilePath())).status).toBe(200);
    expect(charger.requests.length).toBe(before + 3);
    expect(logs.some((line) => line.includes('every call waits'))).toBe(false);

    // The status refused: our credentials are wrong, and every call waits.
    charger.override('/api/generalStatus/', refuse(403));
    expect((await get(STATUS)).body.error.code).toBe('charger_auth_failed');
    const afterRefusal = charger.requests.length;
    expect((await get(sessionsPath(13))).body.error.code).toBe('charger_auth_failed');
    expect(charger.requests.length).toBe(afterRefusal);
  });
});

describe('health', () => {
  it('follows the status and the connection; a failing history endpoint shows only in endpointErrors', async () => {
    const { get, clock } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN });
    charger.override('/api/powerProfile/', (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      response.end('<h1>Server Error</h1>');
    });
    expect((await get(profilePath())).status).toBe(502);
    let health = await get('/api/health');
    expect(health.body).toEqual({
      ok: true,
      chargers: [
        {
          id: 'platz-13',
          reachable: true,
          lastOkAt: expect.any(String),
          lastError: null,
          endpointErrors: { powerProfile: { code: 'charger_bad_response', message: 'the charger answered HTTP 500' } },
        },
      ],
    });

    // A bad status answer: reachable, but not ok. The profile's failure is still reported, not
    // hidden by the status calls in between.
    clock.advance(PAST_THE_PAUSE_MS);
    charger.override('/api/generalStatus/', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"evses": [');
    });
    health = await get('/api/health');
    expect(health.body.ok).toBe(false);
    expect(health.body.chargers[0]).toMatchObject({
      reachable: true,
      lastError: { code: 'charger_bad_response', message: 'the charger sent malformed JSON' },
      endpointErrors: { generalStatus: { code: 'charger_bad_response' }, powerProfile: { code: 'charger_bad_response' } },
    });

    // The status recovers; the profile recovers; nothing is left.
    clock.advance(PAST_THE_PAUSE_MS);
    charger.override('/api/generalStatus/', null);
    charger.override('/api/powerProfile/', null);
    expect((await get('/api/health')).body.chargers[0]).toMatchObject({ reachable: true, lastError: null, endpointErrors: { powerProfile: {} } });
    expect((await get(profilePath())).status).toBe(200);
    expect((await get('/api/health')).body).toEqual({ ok: true, chargers: [{ id: 'platz-13', reachable: true, lastOkAt: expect.any(String), lastError: null }] });
  });

  it('a slow history query does not make the charger unreachable', async () => {
    const { get } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN });
    charger.override('/api/chargingSession/', neverAnswers());
    expect((await get(sessionsPath(7))).status).toBe(504);
    const health = await get('/api/health');
    expect(health.body.ok).toBe(true);
    expect(health.body.chargers[0]).toMatchObject({ reachable: true, lastError: null, endpointErrors: { chargingSession: { code: 'charger_timeout' } } });
  });

  it('a charger that cannot be reached is not reachable, whichever call found out', async () => {
    const dead = await startRecordingCharger();
    const url = dead.url;
    await dead.close();
    const { get } = await serverWith({ CHARGER_URL: url, CHARGER_TOKEN: RECORDED_TOKEN }, { maxBackoffMs: 60_000 }, testClock({ stopped: true }));
    expect((await get(profilePath())).body.error.code).toBe('charger_unreachable');
    const health = await get('/api/health');
    expect(health.body.ok).toBe(false);
    expect(health.body.chargers[0]).toMatchObject({ reachable: false, lastOkAt: null, lastError: { code: 'charger_unreachable', message: 'the charger refused the connection' } });
  });
});

describe('what is and is not the charger’s fault', () => {
  it('a redirect names the https address to use', async () => {
    const { get } = await serverWith({ CHARGER_TOKEN: RECORDED_TOKEN });
    charger.override('/api/generalStatus/', (_request, response) => {
      response.writeHead(301, { location: 'https://platz13.local/api/generalStatus/' });
      response.end();
    });
    const result = await get(STATUS);
    expect(result.status).toBe(502);
    expect(result.body.error).toMatchObject({ code: 'charger_bad_response', message: expect.stringMatching(/redirects to https \(HTTP 301\); use https:\/\/platz13\.local as the charger URL/) });
  });

  it('an error in our own request is a logged 500, not an unreachable charger', async () => {
    // A header value undici refuses to send: our fault, not the network's.
    const { get, logs } = await serverWith({ CHARGER_TOKEN: 'tok\u0007en' });
    const before = charger.requests.length;
    const result = await get(STATUS);
    expect(result).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal server error' } } });
    expect(charger.requests.length).toBe(before);
    expect(logs.some((line) => line.startsWith('internal error on GET /api/chargers/platz-13/generalStatus'))).toBe(true);
    // Health names it as ours, not as the charger's.
    const health = await get('/api/health');
    expect(health.body.ok).toBe(false);
    expect(health.body.chargers[0].lastError).toEqual({ code: 'internal', message: 'internal error while reading the status; see the server log' });
  });
});
