/**
 * Our server in front of a separately started simulator, configured the way a user configures a
 * real charger (CHARGER_URL + email/password): login, token expiry, faults and recovery,
 * single-flight. Real HTTP both ways on loopback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start.ts';
import { startSimulator, type RunningSimulator } from './simulator/simulator.ts';
import { testClock, type TestClock } from './test-support/test-clock.ts';

let sim: RunningSimulator;
const servers: RunningServer[] = [];
const logs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, email: 'owner@example.com', password: 'correct horse', quiet: true });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await sim.close();
});
afterEach(() => {
  sim.faults.clear();
});

/**
 * A server in front of the simulator. `clock`: held still where the test counts on a pause
 * lasting (a slow machine must not see it end), moved on by hand past one.
 */
async function serverWith(env: Record<string, string>, clientOptions = {}, clock: TestClock = testClock()): Promise<RunningServer> {
  const server = await startServer({
    env: { CHARGER_URL: sim.url, CHARGER_NAME: 'Platz 13', STATUS_TTL_MS: '0', ...env },
    port: 0,
    host: '127.0.0.1',
    log: (line) => logs.push(line),
    now: clock.now,
    clientOptions: { maxBackoffMs: 1, ...clientOptions },
  });
  servers.push(server);
  return server;
}

const call = async (server: RunningServer, path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json() };
};
const sessionsPath = '/api/chargers/platz-13/chargingSession?pageSize=10&pageNumber=1&orderByColumn=chargingStartedTime&orderDirection=Descending';
const profilePath = () => {
  const to = new Date(sim.now());
  const from = new Date(sim.now() - 6 * 3600_000);
  return `/api/chargers/platz-13/powerProfile?fromTime=${from.toISOString()}&toTime=${to.toISOString()}&measure=connector1,building,cluster`;
};

describe('with email and password', () => {
  it('logs in and serves all three routes, also after the charger expires the token', async () => {
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'correct horse' });
    sim.resetStats();
    const status = await call(server, '/api/chargers/platz-13/generalStatus');
    expect(status.status).toBe(200);
    expect(status.body.evses[0].connectors[0].onlineData.status).toEqual(expect.any(String));
    const sessions = await call(server, sessionsPath);
    expect(sessions.status).toBe(200);
    expect(sessions.body.content.length).toBe(10);
    expect(sessions.body.pagingInfo.numOfRows).toBeGreaterThan(90);
    const profile = await call(server, profilePath());
    expect(profile.status).toBe(200);
    expect(profile.body.length).toBeGreaterThan(60);
    expect(sim.stats().chargers.platz13!.logins).toBe(1);

    sim.faults.expireTokens();
    const afterExpiry = await call(server, '/api/chargers/platz-13/generalStatus');
    expect(afterExpiry.status).toBe(200);
    const stats = sim.stats().chargers.platz13!;
    expect(stats.unauthorized).toBe(1);
    expect(stats.logins).toBe(2);
  });

  it('answers 502 charger_auth_failed for a wrong password and does not retry in a loop', async () => {
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'wrong' }, { maxLoginBackoffMs: 60_000 });
    sim.resetStats();
    for (let i = 0; i < 5; i++) {
      const result = await call(server, '/api/chargers/platz-13/generalStatus');
      expect(result.status).toBe(502);
      expect(result.body.error).toMatchObject({ code: 'charger_auth_failed', chargerId: 'platz-13' });
    }
    const stats = sim.stats().chargers.platz13!;
    expect(stats.failedLogins).toBe(1);
    expect(stats.requests.generalStatus).toBe(0);
  });

  it('logs in only once when many requests need a token at the same time', async () => {
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'correct horse' });
    sim.resetStats();
    const paths = [sessionsPath, profilePath(), '/api/chargers/platz-13/generalStatus', `${sessionsPath}&userId=1`];
    const results = await Promise.all(paths.map((p) => call(server, p)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(sim.stats().chargers.platz13!.logins).toBe(1);
  });
});

describe('with a static token', () => {
  it('reports a refused token as charger_auth_failed', async () => {
    const server = await serverWith({ CHARGER_TOKEN: 'not-a-token' });
    const result = await call(server, '/api/chargers/platz-13/generalStatus');
    expect(result).toEqual({ status: 502, body: { error: { code: 'charger_auth_failed', message: expect.stringContaining('token'), chargerId: 'platz-13' } } });
  });
});

describe('faults and recovery', () => {
  it('maps each simulator fault to its error code and recovers once it is lifted', async () => {
    const clock = testClock();
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'correct horse', CHARGER_TIMEOUT_MS: '300' }, {}, clock);
    const statusPath = '/api/chargers/platz-13/generalStatus';
    const cases: Array<[Parameters<RunningSimulator['faults']['set']>[0], number, string, string]> = [
      [{ down: true }, 502, 'charger_unreachable', statusPath],
      [{ latencyMs: 1000 }, 504, 'charger_timeout', statusPath],
      [{ http500: true }, 502, 'charger_bad_response', statusPath],
      [{ malformedJson: true }, 502, 'charger_bad_response', statusPath],
      [{ errorCode: 5, errorMessage: 'Session table locked', endpoint: 'chargingSession' }, 502, 'charger_bad_response', sessionsPath],
    ];
    for (const [fault, status, code, path] of cases) {
      sim.faults.set(fault);
      const failed = await call(server, path);
      expect(failed.status, JSON.stringify(fault)).toBe(status);
      expect(failed.body.error.code, JSON.stringify(fault)).toBe(code);
      sim.faults.clear();
      clock.advance(60_000); // past the pause the failure started
      const recovered = await call(server, path);
      expect(recovered.status, `recovery after ${JSON.stringify(fault)}`).toBe(200);
    }
    const health = await call(server, '/api/health');
    expect(health.body).toEqual({ ok: true, chargers: [{ id: 'platz-13', reachable: true, lastOkAt: expect.any(String), lastError: null }] });
  });

  it('backs off a dead charger instead of hammering it, and says so in health', async () => {
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'correct horse' }, { maxBackoffMs: 10_000 }, testClock({ stopped: true }));
    await call(server, '/api/chargers/platz-13/generalStatus');
    sim.faults.set({ down: true });
    sim.resetStats();
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await call(server, '/api/chargers/platz-13/generalStatus'));
    expect(results.every((r) => r.status === 502 && r.body.error.code === 'charger_unreachable')).toBe(true);
    expect(sim.stats().chargers.platz13!.requests.generalStatus).toBeLessThanOrEqual(1);
    const health = await call(server, '/api/health');
    expect(health.body.ok).toBe(false);
    expect(health.body.chargers[0]).toMatchObject({ reachable: false, lastError: { code: 'charger_unreachable' } });
  });
});

describe('back-off scope', () => {
  it('a failing history request pauses only itself: the status and other queries still reach the charger', async () => {
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'correct horse' }, { maxBackoffMs: 10_000 }, testClock({ stopped: true }));
    sim.faults.set({ endpoint: 'chargingSession', errorCode: 5, errorMessage: 'Session table locked' });
    sim.faults.set({ endpoint: 'powerProfile', http500: true });
    expect((await call(server, sessionsPath)).body.error.code).toBe('charger_bad_response');
    expect((await call(server, profilePath())).body.error.code).toBe('charger_bad_response');
    sim.resetStats();
    // Within its pause, the same query answers from its last error without asking the charger…
    expect((await call(server, sessionsPath)).status).toBe(502);
    expect(sim.stats().chargers.platz13!.requests.chargingSession).toBe(0);
    // …while the status is untouched by the failures…
    const status = await call(server, '/api/chargers/platz-13/generalStatus');
    expect(status.status).toBe(200);
    expect(sim.stats().chargers.platz13!.requests.generalStatus).toBe(1);
    // …and another query is asked: the charger may refuse one filter and answer the next.
    sim.faults.clear();
    expect((await call(server, sessionsPath.replace('pageNumber=1', 'pageNumber=2'))).status).toBe(200);
    expect(sim.stats().chargers.platz13!.requests.chargingSession).toBe(1);
  });
});

describe('coalescing', () => {
  it('sends one upstream request for 20 concurrent identical ones, and caches generalStatus for the TTL', async () => {
    const server = await serverWith({ CHARGER_EMAIL: 'owner@example.com', CHARGER_PASSWORD: 'correct horse', STATUS_TTL_MS: '2000' });
    await call(server, '/api/chargers/platz-13/chargingSession?pageSize=1'); // log in first
    sim.faults.set({ latencyMs: 100 });
    sim.resetStats();
    const results = await Promise.all(Array.from({ length: 20 }, () => call(server, '/api/chargers/platz-13/generalStatus')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    let stats = sim.stats().chargers.platz13!;
    expect(stats.requests.generalStatus).toBe(1);
    expect(stats.maxInFlight).toBe(1);
    // Within the TTL: served from the cache.
    await call(server, '/api/chargers/platz-13/generalStatus');
    stats = sim.stats().chargers.platz13!;
    expect(stats.requests.generalStatus).toBe(1);
  });
});

describe('logs', () => {
  it('never contain the email, password or a token', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) {
      expect(line).not.toMatch(/owner@example\.com|correct horse|Bearer/);
    }
  });
});
