import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { connectivitySchema, evseSchema, generalStatusSchema, powerManagementSchema } from '../../contract/charger-schemas.ts';
import { chargingSessionPageSchema } from '../../contract/session-schemas.ts';
import { ETREL_CONNECTOR_STATES, startSimulator, type RunningSimulator } from './simulator.ts';
import { bearer, getJson, login, sessionPage, token, type Loose } from './test-client.ts';

const START = Date.parse('2025-11-20T19:00:00Z');
const STATIC = 'static-secret';

let sim: RunningSimulator;
let a: string;
let b: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, chargers: 2, clockRate: 0, startTime: START, historyDays: 20, staticToken: STATIC, quiet: true });
  [a, b] = sim.chargers.map((c) => c.baseUrl) as [string, string];
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
});

const status = (baseUrl: string) => fetch(`${baseUrl}/api/generalStatus/`, { headers: bearer(STATIC) });
const control = (path: string, method: string, body?: unknown) =>
  fetch(`${sim.url}/_sim/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

describe('faults', () => {
  it('down: resets the connection for that charger only, and the cluster notices', async () => {
    const res = await control('faults', 'POST', { charger: 'platz5', down: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Loose).faults).toEqual([{ charger: 'platz5', down: true }]);
    await expect(status(b)).rejects.toThrow(TypeError);
    await expect(fetch(`${b}/api/webOperatorLogin/`, { method: 'POST', body: new URLSearchParams({ email: sim.email, password: sim.password }) })).rejects.toThrow();
    const neighbour = (await (await status(a)).json()) as Loose;
    expect(neighbour.powerManagement.cluster.allChargersConnected).toBe(false);
    expect(sim.stats().chargers.platz5!.requests.generalStatus).toBeGreaterThanOrEqual(1);

    expect((await control('faults', 'DELETE')).status).toBe(200);
    expect((await status(b)).status).toBe(200);
    expect(((await (await status(a)).json()) as Loose).powerManagement.cluster.allChargersConnected).toBe(true);
  });

  it('can be restricted to one endpoint', async () => {
    sim.faults.set({ charger: 'all', endpoint: 'powerProfile', down: true });
    expect((await status(a)).status).toBe(200);
    await expect(fetch(`${a}/api/powerProfile/?fromTime=2025-11-20T00:00:00Z&toTime=2025-11-20T01:00:00Z`, { headers: bearer(STATIC) })).rejects.toThrow();
    // An endpoint-only outage is not a disconnected charger.
    expect(((await (await status(a)).json()) as Loose).powerManagement.cluster.allChargersConnected).toBe(true);
  });

  it('latencyMs: answers late, and faults combine', async () => {
    sim.faults.set({ charger: 'platz4', latencyMs: 400 });
    let started = performance.now();
    expect((await status(a)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    // The other charger is not delayed: it answers while platz4, held for a minute, has not.
    sim.faults.set({ charger: 'platz4', latencyMs: 60_000 });
    const held = new AbortController();
    let heldSettled = false;
    const slow = fetch(`${a}/api/generalStatus/`, { headers: bearer(STATIC), signal: held.signal }).then(
      () => (heldSettled = true),
      () => (heldSettled = true),
    );
    expect((await status(b)).status).toBe(200);
    expect(heldSettled).toBe(false);
    held.abort();
    await slow;
    sim.faults.set({ charger: 'platz4', latencyMs: 400 });

    sim.faults.set({ charger: 'platz4', http500: true });
    started = performance.now();
    expect((await status(a)).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('http500: an IIS error page', async () => {
    sim.faults.set({ http500: true });
    const res = await status(a);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('500 - Internal server error.');
    sim.faults.clear();
    expect((await status(a)).status).toBe(200);
  });

  it('malformedJson: HTTP 200 with JSON that does not parse', async () => {
    sim.faults.set({ charger: 'platz4', malformedJson: true });
    for (const res of [await status(a), await fetch(`${a}/api/chargingSession/`, { method: 'POST', headers: bearer(STATIC) })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(20);
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
    }
    expect((await (await status(b)).json()) as Loose).toHaveProperty('evses');
  });

  it('malformedSection: breaks exactly one panel of generalStatus', async () => {
    const sections = {
      evses: (s: Loose) => z.array(evseSchema).safeParse(s.evses).success,
      powerManagement: (s: Loose) => powerManagementSchema.safeParse(s.powerManagement).success,
      connectivity: (s: Loose) => connectivitySchema.safeParse(s).success,
    };
    for (const broken of Object.keys(sections) as Array<keyof typeof sections>) {
      sim.faults.set({ charger: 'platz4', endpoint: 'generalStatus', malformedSection: broken });
      const body = (await (await status(a)).json()) as Loose;
      expect(generalStatusSchema.safeParse(body).success).toBe(false);
      for (const [name, valid] of Object.entries(sections)) expect(valid(body), `${broken} broken, ${name} checked`).toBe(name !== broken);
    }
  });

  it('unknownEnums: values the dashboard has never seen, still within the contract', async () => {
    sim.faults.set({ unknownEnums: true });
    const body = (await (await status(a)).json()) as Loose;
    expect(generalStatusSchema.safeParse(body).success).toBe(true);
    const connector = body.evses[0].connectors[0];
    expect(connector.onlineData.status).toBe('WaitingForGridCapacity');
    expect(connector.onlineData.mode).toBe('Turbo');
    expect(connector.lastSession.chargingSessionStopReason).toBe('LocalStopBecauseSolarEclipse');
    const page = await sessionPage(a, STATIC, { pageSize: '20' });
    expect(chargingSessionPageSchema.safeParse(page).success).toBe(true);
    expect(page.content.filter((s: Loose) => s.chargingSessionStopReason !== null).every((s: Loose) => s.chargingSessionStopReason === 'LocalStopBecauseSolarEclipse')).toBe(true);
    expect(page.content.every((s: Loose) => s.chargingMode === 'Turbo')).toBe(true);
  });

  it('errorCode: HTTP 200 with errorCode on sessions and login', async () => {
    sim.faults.set({ charger: 'platz4', errorCode: 42, errorMessage: 'Database is locked' });
    const page = await sessionPage(a, STATIC, {});
    expect(page).toMatchObject({ errorCode: 42, errorMessage: 'Database is locked', content: null });
    const { status: code, body } = await login(a, sim.email, sim.password);
    expect(code).toBe(200);
    expect(body).toMatchObject({ errorCode: 42, token: null });
    expect((await sessionPage(b, STATIC, {})).errorCode).toBe(0);
  });

  it('expireTokens: every issued token is refused at once; the static token is not issued', async () => {
    const t = await token(a, sim.email, sim.password);
    expect((await status(a)).status).toBe(200);
    expect((await fetch(`${a}/api/generalStatus/`, { headers: bearer(t) })).status).toBe(200);
    const res = await control('faults', 'POST', { expireTokens: true });
    expect(((await res.json()) as Loose).faults).toEqual([]);
    expect((await fetch(`${a}/api/generalStatus/`, { headers: bearer(t) })).status).toBe(401);
    expect((await status(a)).status).toBe(200);
    const fresh = await token(a, sim.email, sim.password);
    expect((await fetch(`${a}/api/generalStatus/`, { headers: bearer(fresh) })).status).toBe(200);
    expect(sim.stats().chargers.platz4!.unauthorized).toBeGreaterThanOrEqual(1);
  });

  it('validates control bodies', async () => {
    expect((await control('faults', 'POST', { charger: 'platz99', down: true })).status).toBe(400);
    expect((await control('faults', 'POST', { down: 'yes' })).status).toBe(400);
    expect((await control('faults', 'POST', { malformedSection: 'wifi' })).status).toBe(400);
    expect((await control('faults', 'POST', { latencyMs: -5 })).status).toBe(400);
    expect(sim.faults.rules()).toEqual([]);
  });

  it('clears single faults with false, rules per charger, or everything', async () => {
    await control('faults', 'POST', { charger: 'platz4', http500: true, latencyMs: 10 });
    await control('faults', 'POST', { charger: 'platz4', http500: false });
    expect(sim.faults.rules()).toEqual([{ charger: 'platz4', latencyMs: 10 }]);
    await control('faults', 'POST', { charger: 'platz5', http500: true });
    expect((await control('faults?charger=platz4', 'DELETE')).status).toBe(200);
    expect(sim.faults.rules()).toEqual([{ charger: 'platz5', http500: true }]);
    await control('faults', 'DELETE');
    expect(sim.faults.rules()).toEqual([]);
  });

  it('clears by endpoint alone: only that endpoint’s rules, on every charger', async () => {
    sim.faults.set({ charger: 'platz4', endpoint: 'powerProfile', http500: true });
    sim.faults.set({ endpoint: 'powerProfile', latencyMs: 20 });
    sim.faults.set({ charger: 'platz5', endpoint: 'generalStatus', malformedJson: true });
    sim.faults.set({ charger: 'platz4', down: true });
    expect((await control('faults?endpoint=powerProfile', 'DELETE')).status).toBe(200);
    expect(sim.faults.rules()).toEqual([
      { charger: 'platz5', endpoint: 'generalStatus', malformedJson: true },
      { charger: 'platz4', down: true },
    ]);
    // Both criteria: only that charger's rule for that endpoint.
    sim.faults.set({ charger: 'platz4', endpoint: 'generalStatus', http500: true });
    sim.faults.clear('platz5', 'generalStatus');
    expect(sim.faults.rules()).toEqual([
      { charger: 'platz4', down: true },
      { charger: 'platz4', endpoint: 'generalStatus', http500: true },
    ]);
  });
});

describe('control routes and stats', () => {
  it('reports the state and forces connectors over HTTP', async () => {
    const state = (await (await control('state', 'GET')).json()) as Loose;
    expect(state).toMatchObject({ now: START, seed: 9, clockRate: 0, timeZone: 'Europe/Berlin' });
    expect(state.chargers.map((c: Loose) => c.id)).toEqual(['platz4', 'platz5']);
    expect(state.chargers[0].connectors[0]).toMatchObject({ connectorId: 1, override: null });

    const forced = await control('connectors', 'POST', { charger: 'platz5', connectorId: 1, status: 'Charging', power: 11 });
    expect(forced.status).toBe(200);
    expect(((await forced.json()) as Loose).chargers[1].connectors[0]).toMatchObject({ status: 'Charging', powerKW: 11 });
    const live = ((await (await status(b)).json()) as Loose).evses[0].connectors[0].onlineData;
    expect(live).toMatchObject({ status: 'Charging', power: 11, targetCurrent: 16 });
    expect((await control('connectors', 'POST', { charger: 'platz5', connectorId: 3, status: 'Charging' })).status).toBe(400);
    expect((await control('connectors', 'POST', { charger: 'platz5' })).status).toBe(400);

    expect((await control('connectors', 'DELETE')).status).toBe(200);
    const back = ((await (await status(b)).json()) as Loose).evses[0].connectors[0].onlineData;
    expect(back.power).not.toBe(11);
  });

  it('counts requests per charger and endpoint, logins, and concurrency', async () => {
    expect((await control('stats/reset', 'POST')).status).toBe(200);
    sim.faults.set({ charger: 'platz4', endpoint: 'generalStatus', latencyMs: 150 });
    await Promise.all(Array.from({ length: 6 }, () => status(a)));
    await token(b, sim.email, sim.password);
    await getJson(`${b}/api/powerProfile/?fromTime=2025-11-20T00:00:00Z&toTime=2025-11-20T01:00:00Z&measure=building`, STATIC);
    const stats = (await (await control('stats', 'GET')).json()) as Loose;
    expect(stats.chargers.platz4.requests).toEqual({ webOperatorLogin: 0, generalStatus: 6, chargingSession: 0, powerProfile: 0, other: 0 });
    expect(stats.chargers.platz4.maxInFlight).toBe(6);
    expect(stats.chargers.platz4.inFlight).toBe(0);
    expect(stats.chargers.platz5.requests).toMatchObject({ webOperatorLogin: 1, powerProfile: 1 });
    expect(stats.chargers.platz5.logins).toBe(1);
    expect(stats.logins).toBe(1);
    expect(stats.totalRequests).toBe(8);
    expect(stats.maxInFlight).toBeGreaterThanOrEqual(6);
    sim.resetStats();
    expect(sim.stats().totalRequests).toBe(0);
  });

  it('advances sim time with the clock rate', async () => {
    // The simulator's clock follows performance.now(): a fake one moves exactly as far as told
    // (its server's own timers stay real).
    vi.useFakeTimers({ toFake: ['performance'] });
    const fast = await startSimulator({ seed: 3, clockRate: 600, startTime: START, historyDays: 2, quiet: true });
    try {
      const first = fast.now();
      vi.advanceTimersByTime(100);
      expect(fast.now() - first).toBe(60_000);
    } finally {
      vi.useRealTimers();
      await fast.close();
    }
  });

  it('refuses nonsense options at start', async () => {
    await expect(startSimulator({ chargers: 0, quiet: true })).rejects.toThrow(/chargers/);
    await expect(startSimulator({ timeZone: 'Mars/Olympus', quiet: true })).rejects.toThrow(/time zone/);
    await expect(startSimulator({ seed: 1.5, quiet: true })).rejects.toThrow(/seed/);
  });
});

describe('cli', () => {
  it('prints the chargers and credentials, serves them, and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    // Node itself with tsx's loader, not the tsx command: that one relays SIGTERM to its own child
    // and, when the child does not confirm over IPC within 30 ms (a busy machine), SIGKILLs it and
    // exits 143, which is tsx's timing, not the simulator's shutdown.
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const variety = ['--connectors', '2', '--connector-numbering', 'evse', '--status-names', 'platz5=etrel', '--unknown-status', '60@platz4:2', '--outage', '3:2', '--token', 'cli-token'];
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--chargers', '2', '--seed', '7', '--history-days', '5', '--password', 'pw', ...variety], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the banner itself, not for a fixed time: starting tsx (it compiles the simulator)
    // takes as long as the machine needs. An early exit fails at once with what the CLI said.
    const printed = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('login:')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`simulator CLI exited with ${code} before printing its login line:\n${out}${err}`)));
    });
    try {
      await printed;
      expect(out).toMatch(/platz4\tPlatz 4\thttp:\/\/127\.0\.0\.1:\d+\/c\/platz4/);
      expect(out).toMatch(/platz5\tPlatz 5\t/);
      expect(out).toContain('password pw');
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)![0];
      expect((await login(url, 'operator@example.com', 'pw')).body.errorCode).toBe(0);
      // The variety flags reach the simulator.
      const [platz4, platz5] = await Promise.all(['platz4', 'platz5'].map((id) => getJson(`${url}/c/${id}/api/generalStatus/`, 'cli-token')));
      expect(platz4.evses.map((e: Loose) => e.connectors[0].connectorId)).toEqual([1, 1]);
      expect(platz4.evses[1].connectors[0].onlineData.status).toHaveLength(60);
      expect(ETREL_CONNECTOR_STATES).toContain(platz5.evses[0].connectors[0].onlineData.status);
      const state: Loose = await (await fetch(`${url}/_sim/state`)).json();
      expect(state.outages).toMatchObject([{ charger: 'all', days: 2 }]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
