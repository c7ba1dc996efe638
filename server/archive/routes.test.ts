/**
 * The archive-backed routes over real HTTP: the recorded answers, a realistic stretch of simulated
 * history, the timeline, a full disk, ARCHIVE=off.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import recordedSessions from '../../contract/fixtures/charging-session.json' with { type: 'json' };
import recordedPower from '../../contract/fixtures/power-profile.json' with { type: 'json' };
import { powerResponseSchema, sessionsResponseSchema, timelineResponseSchema, type PowerResponseWire, type SessionsResponseWire } from '../../src/api/archive-schemas.ts';
import { chargingSessionSchema, type ChargingSession } from '../../contract/session-schemas.ts';
import { startSimulator } from '../simulator/simulator.ts';
import { startServer, type RunningServer } from '../start.ts';
import { dayFromKey } from './local-days.ts';
import { RECORDED_TOKEN, startRecordingCharger } from '../test-support/recording-charger.ts';
import { FakeFeed, statusJson, temporaryArchive } from '../test-support/archive.ts';

const temps: Array<{ remove(): void }> = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const t of temps.splice(0)) t.remove();
});
const temp = () => {
  const t = temporaryArchive();
  temps.push(t);
  return t;
};
async function started(options: Parameters<typeof startServer>[0]): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', ...options });
  closers.push(() => server.close());
  return server;
}
async function get(server: RunningServer, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json() };
}

/** A session as our routes answer it, from the charger's own record of it. */
function sessionAsCharger(r: ChargingSession) {
  return {
    id: r.chargingSessionId,
    connectorId: r.connectorId,
    startedAt: r.chargingStartedTime,
    endedAt: r.chargingEndedTime,
    pluggedInAt: r.vehicleConnectedTime,
    unpluggedAt: r.vehicleDisconnectedTime,
    energyKWh: r.activeEnergyConsumed,
    pluggedInSeconds: r.timeSpentCharging,
    maxPowerKW: r.maxSessionPower,
    meterStart: r.meterValueStart,
    meterEnd: r.meterValueEnd,
    user: r.user ? { id: r.user.UserId, firstName: r.user.FirstName, lastName: r.user.LastName } : null,
    card: r.userIdentification ? { code: r.userIdentification.identificationCode, number: r.userIdentification.number, type: r.userIdentification.userIdentificationType } : null,
    stopReason: r.chargingSessionStopReason,
    status: r.chargingSessionStatus,
    mode: r.chargingMode,
  };
}

describe('the recorded answers', () => {
  it('round-trip through the archive unchanged, and answer so with the charger gone', async () => {
    const charger = await startRecordingCharger();
    closers.push(() => charger.close());
    const { path } = temp();
    const env = { CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: 'UTC', ARCHIVE_PATH: path };
    // One day back only: this recording answers the same two points for any window, which a
    // longer backfill would take for the end of the charger's memory.
    const first = await started({ env, archiveOptions: { horizonDays: 1, fill: false } });
    await first.archive!.filler('platz13')!.tick();
    const sessionsPath = '/api/chargers/platz13/sessions?from=2022-10-06&to=2022-10-07';
    const powerPath = '/api/chargers/platz13/power?from=2022-10-08T00:00:00Z&to=2022-10-09T00:00:00Z&step=5m';
    const sessionsBefore = (await get(first, sessionsPath)).body as SessionsResponseWire;
    const powerBefore = (await get(first, powerPath)).body as PowerResponseWire;

    const recorded = recordedSessions.content.map((s) => chargingSessionSchema.parse(s));
    const parsed = sessionsResponseSchema.parse(sessionsBefore);
    expect(parsed.sessions).toHaveLength(recorded.length);
    for (const [i, s] of parsed.sessions.entries()) expect(s).toMatchObject(sessionAsCharger(recorded[i]!));
    const totalRecorded = recorded.reduce((sum, s) => sum + (s.activeEnergyConsumed ?? 0), 0);
    expect(parsed.sessions.reduce((sum, s) => sum + (s.energyKWh ?? 0), 0)).toBe(totalRecorded);

    const power = powerResponseSchema.parse(powerBefore);
    expect(power.points.map((p) => [p.time, p.kW])).toEqual(
      recordedPower.map((p) => [Date.parse(p.time), { building: p.building, cluster: p.cluster, connector1: p.connector1 }]),
    );
    await first.close();
    closers.splice(0, 1);

    // The charger is gone: the archive answers the same.
    await charger.close();
    closers.splice(0, 1);
    const second = await started({ env, archiveOptions: { fill: false } });
    const sessionsAfter = (await get(second, sessionsPath)).body as SessionsResponseWire;
    const powerAfter = (await get(second, powerPath)).body as PowerResponseWire;
    expect(sessionsAfter).toEqual({ ...sessionsBefore, source: 'archive' });
    expect(powerAfter).toEqual({ ...powerBefore, source: 'archive' });
  });
});

describe('the timeline route', () => {
  it("answers a day's events from the archive, in the charger's local days", async () => {
    const server = await started({ env: { SIMULATOR_SEED: '3', CHARGER_TIMEZONE: 'Europe/Berlin', ARCHIVE_PATH: temp().path }, archiveOptions: { fill: false } });
    const collector = new FakeFeed('platz13');
    server.archive!.attach(collector);
    // 23:30 and 23:59 local on 1 March (Berlin is UTC+1), then 00:10 local on 2 March.
    collector.emit(statusJson([['Available']]), Date.parse('2026-03-01T22:30:00Z'));
    collector.emit(statusJson([['Charging']]), Date.parse('2026-03-01T22:59:00Z'));
    collector.emit(statusJson([['Faulted', 'OverCurrent', 'Over current on L2']]), Date.parse('2026-03-01T23:10:00Z'));
    const march1 = timelineResponseSchema.parse((await get(server, '/api/chargers/platz13/timeline?date=2026-03-01')).body);
    expect(march1.events.map((e) => [new Date(e.at).toISOString(), e.kind, e.connectorId])).toEqual([
      ['2026-03-01T22:59:00.000Z', 'plugged_in', 1],
      ['2026-03-01T22:59:00.000Z', 'charging', 1],
    ]);
    const march2 = timelineResponseSchema.parse((await get(server, '/api/chargers/platz13/timeline?date=2026-03-02')).body);
    expect(march2.events.map((e) => [e.kind, e.detail])).toEqual([['fault', 'OverCurrent: Over current on L2'], ['finished', undefined]]);
    // A fault with neither type nor text is recorded under the state's name; the route sends no
    // detail for it (the browser would read a lone word as a fault type).
    collector.emit(statusJson([['Available']]), Date.parse('2026-03-02T00:15:00Z'));
    collector.emit(statusJson([['Faulted']]), Date.parse('2026-03-02T00:20:00Z'));
    const bare = timelineResponseSchema.parse((await get(server, '/api/chargers/platz13/timeline?date=2026-03-02')).body).events.at(-1)!;
    expect(server.archive!.store.db.prepare("SELECT detail FROM events WHERE kind = 'fault' ORDER BY at DESC LIMIT 1").get()).toEqual({ detail: 'Faulted' });
    expect(bare).toMatchObject({ kind: 'fault' });
    expect(bare.detail).toBeUndefined();
    expect((await get(server, '/api/chargers/platz13/timeline?date=2026-02-30')).status).toBe(400);
    expect((await get(server, '/api/chargers/nope/timeline?date=2026-03-01')).status).toBe(404);
  });
});

describe('a full disk', () => {
  it('is logged once; the live status and the archived answers go on; the archive resumes when there is room', async () => {
    const sim = await startSimulator({ seed: 9, clockRate: 0, historyDays: 5, staticToken: 'full-token', quiet: true, timeZone: 'Europe/Berlin' });
    closers.push(() => sim.close());
    const lines: string[] = [];
    const server = await started({
      env: { CHARGER_URL: sim.url, CHARGER_TOKEN: 'full-token', CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: 'Europe/Berlin', ARCHIVE_PATH: temp().path },
      archiveOptions: { fill: false, now: () => sim.now() },
      log: (line) => lines.push(line),
    });
    const db = server.archive!.store.db;
    const filler = server.archive!.filler('platz13')!;
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 3}`);
    await filler.tick();
    await filler.tick();
    expect(lines.filter((l) => l.includes('is full'))).toHaveLength(1);
    expect((await fetch(`${server.url}/api/chargers/platz13/generalStatus`)).status).toBe(200);
    const health = (await get(server, '/api/health')).body as { chargers: Array<{ archive: { lastError: string | null } }> };
    expect(health.chargers[0]!.archive.lastError).toMatch(/disk that holds the archive .* is full/);
    // Reads still answer (from the charger for what is missing).
    const { status } = await get(server, `/api/chargers/platz13/sessions?from=2026-01-01&to=2026-12-31`);
    expect(status).toBe(200);

    db.pragma('max_page_count = 1073741823');
    await filler.tick();
    expect(lines.filter((l) => l.includes('writing again'))).toHaveLength(1);
    const after = (await get(server, '/api/health')).body as { chargers: Array<{ archive: { points: number; sessions: number; lastError: string | null } }> };
    expect(after.chargers[0]!.archive.lastError).toBeNull();
    expect(after.chargers[0]!.archive.points).toBeGreaterThan(4 * 288);
    expect(after.chargers[0]!.archive.sessions).toBeGreaterThan(0);
  });
});

describe('without an archive (ARCHIVE=off)', () => {
  it('reads sessions and power from the charger and says so; no timeline; health without archive', async () => {
    const server = await started({ env: { SIMULATOR_SEED: '3', CHARGER_TIMEZONE: 'Europe/Berlin', ARCHIVE: 'off' } });
    expect(server.archive).toBeNull();
    const now = Date.now();
    const sessions = (await get(server, `/api/chargers/platz13/sessions?from=${new Date(now - 30 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(now).toISOString().slice(0, 10)}`)).body;
    expect(sessionsResponseSchema.parse(sessions)).toMatchObject({ source: 'charger', complete: true });
    expect((sessions as SessionsResponseWire).sessions.length).toBeGreaterThan(5);
    const power = powerResponseSchema.parse((await get(server, `/api/chargers/platz13/power?from=${new Date(now - 2 * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}&step=1h`)).body);
    expect(power).toMatchObject({ source: 'charger', complete: true, step: '1h' });
    expect(power.points.length).toBeGreaterThanOrEqual(47);
    expect((await get(server, '/api/chargers/platz13/timeline?date=2026-03-01')).status).toBe(409);
    const health = (await get(server, '/api/health')).body as { chargers: Array<Record<string, unknown>> };
    expect(health.chargers[0]).not.toHaveProperty('archive');
  });

  it('validates the queries', async () => {
    const server = await started({ env: { SIMULATOR_SEED: '3', ARCHIVE: 'off' } });
    for (const path of [
      '/api/chargers/platz13/sessions?from=2026-03-01',
      '/api/chargers/platz13/sessions?from=2026-03-05&to=2026-03-01',
      '/api/chargers/platz13/sessions?from=2026-03-01&to=2026-03-02&x=1',
      '/api/chargers/platz13/power?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z&step=5m',
      '/api/chargers/platz13/power?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&step=2h',
    ]) {
      const { status, body } = await get(server, path);
      expect(status, path).toBe(400);
      expect((body as { error: { code: string } }).error.code).toBe('bad_request');
    }
  });
});

describe('the timeline fed by the real status collector', () => {
  it('records a connector plugged in and charging, and a charger that goes away and comes back, while no screen is open', async () => {
    // Noon on a fixed day, moving on in real time: the day is the same however long the test takes.
    const noon = Date.parse('2026-11-18T12:00:00+01:00');
    const origin = Date.now();
    const server = await started({
      env: { SIMULATOR_SEED: '5', CHARGER_TIMEZONE: 'Europe/Berlin', ARCHIVE_PATH: temp().path, STATUS_INTERVAL_MS: '500' },
      archiveOptions: { fill: false },
      clientOptions: { maxBackoffMs: 500 },
      now: () => noon + (Date.now() - origin),
    });
    const sim = server.simulator!;
    const kinds = async () => {
      const { body } = await get(server, '/api/chargers/platz13/timeline?date=2026-11-18');
      return timelineResponseSchema.parse(body).events.map((e) => e.kind);
    };
    /** The day's event kinds, asked again until `check` holds. */
    const until = async (check: (k: string[]) => boolean) => {
      let latest: string[] = [];
      await vi.waitFor(
        async () => {
          latest = await kinds();
          expect(check(latest), latest.join(', ')).toBe(true);
        },
        { timeout: 30_000, interval: 100 },
      );
      return latest;
    };
    sim.setConnector('platz13', 1, { status: 'Available' });
    // Wait until a reading shows the connector free (whatever the model's hour of day had it doing).
    await until(() => {
      const latest = server.collectors.get('platz13')!.latest();
      return latest !== null && 'live' in latest && latest.live.evses.ok && latest.live.evses.data[0]?.connectors[0]?.onlineData?.status === 'Available';
    });
    sim.setConnector('platz13', 1, { status: 'Charging', power: 7.2 });
    await until((k) => k.includes('charging'));
    sim.faults.set({ down: true });
    await until((k) => k.includes('unreachable'));
    sim.faults.clear();
    const events = await until((k) => k.includes('reachable'));
    expect(events.slice(-4)).toEqual(['plugged_in', 'charging', 'unreachable', 'reachable']);
    sim.setConnector('platz13', 1, null);
  }, 60_000);
});

describe('a realistic stretch of history', () => {
  const ZONE = 'Europe/Berlin';
  const TOKEN = 'history-token';
  // Sim time stands still at 12:02 local on 18 March 2026; seed 11 charges on most days, and the 8
  // local days from 9 to 16 March hold exactly 8 sessions, all finished.
  const START = Date.parse('2026-03-18T11:02:00Z');
  const FROM_DAY = '2026-03-09';
  const TO_DAY = '2026-03-16';
  // A Saturday evening, 17:00 to 23:00 local: one whole session (18:28 to 19:45 UTC) inside it.
  const POWER_FROM = '2026-03-14T16:00:00.000Z';
  const POWER_TO = '2026-03-14T22:00:00.000Z';

  it('8 finished sessions and 6 hours of 5-minute power round-trip: with the charger gone, the same sessions, kWh and points as the charger answered', async () => {
    const sim = await startSimulator({ seed: 11, clockRate: 0, startTime: START, historyDays: 12, staticToken: TOKEN, timeZone: ZONE, quiet: true });
    let simRunning = true;
    closers.push(async () => {
      if (simRunning) await sim.close();
    });

    // What the charger itself answers for the two ranges, asked directly (not through our server).
    const fromMs = dayFromKey(FROM_DAY, ZONE)!.startMs;
    const toMs = dayFromKey(TO_DAY, ZONE)!.endMs;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const page = (await (
      await fetch(`${sim.url}/api/chargingSession/`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ pageSize: '1000', chargingStartedTimeFrom: new Date(fromMs).toISOString(), chargingStartedTimeTo: new Date(toMs).toISOString() }),
      })
    ).json()) as { content: unknown[] };
    const chargerSessions = page.content
      .map((s) => chargingSessionSchema.parse(s))
      .filter((s) => s.chargingStartedTime! >= fromMs && s.chargingStartedTime! < toMs)
      .sort((a, b) => a.chargingStartedTime! - b.chargingStartedTime!);
    expect(chargerSessions).toHaveLength(8);
    expect(chargerSessions.every((s) => s.chargingSessionStatus === 'Finished' && s.chargingEndedTime !== null)).toBe(true);
    const chargerKWh = chargerSessions.reduce((sum, s) => sum + s.activeEnergyConsumed!, 0);
    // The profile's points are stamped at their start: the last one of the window starts 5 minutes before its end.
    const lastSlot = new Date(Date.parse(POWER_TO) - 300_000).toISOString();
    const chargerPower = (await (await fetch(`${sim.url}/api/powerProfile/?fromTime=${POWER_FROM}&toTime=${lastSlot}`, { headers: auth })).json()) as Array<{
      time: string;
      connector1: number;
      building: number;
      cluster: number;
    }>;
    expect(chargerPower).toHaveLength(72);
    const SERIES = ['building', 'cluster', 'connector1'] as const;
    const chargerSeries = Object.fromEntries(SERIES.map((s) => [s, chargerPower.map((p) => [Date.parse(p.time), p[s]])]));
    // Something happens in the window: the session's charging shows on the connector.
    expect(chargerPower.filter((p) => p.connector1 > 3).length).toBeGreaterThan(10);
    const mWh = (kWh: number) => Math.round(kWh * 1e6) / 1e6;
    const chargerEnergy = Object.fromEntries(SERIES.map((s) => [s, mWh(chargerPower.reduce((sum, p) => sum + p[s] / 12, 0))]));

    /** Our server's answers must be exactly the charger's. */
    const expectCharger = (sessions: SessionsResponseWire, power: PowerResponseWire) => {
      const parsed = sessionsResponseSchema.parse(sessions);
      expect(parsed).toMatchObject({ complete: true, source: 'archive' });
      expect(parsed.sessions.map((s) => s.id)).toEqual(chargerSessions.map((s) => s.chargingSessionId));
      for (const [i, s] of parsed.sessions.entries()) expect(s).toMatchObject(sessionAsCharger(chargerSessions[i]!));
      // The total to the last digit: summed in the same order from the same figures.
      expect(parsed.sessions.reduce((sum, s) => sum + s.energyKWh!, 0)).toBe(chargerKWh);

      const parsedPower = powerResponseSchema.parse(power);
      expect(parsedPower).toMatchObject({ complete: true, source: 'archive', step: '5m' });
      expect(parsedPower.points).toHaveLength(72);
      for (const s of SERIES) {
        expect(parsedPower.points.map((p) => [p.time, p.kW[s]]), s).toEqual(chargerSeries[s]);
        expect(parsedPower.energyKWh[s], s).toBe(chargerEnergy[s]);
      }
    };

    const { path } = temp();
    const env = { CHARGER_URL: sim.url, CHARGER_TOKEN: TOKEN, CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: ZONE, ARCHIVE_PATH: path };
    const archiveOptions = { now: () => START, fill: false };
    const sessionsPath = `/api/chargers/platz13/sessions?from=${FROM_DAY}&to=${TO_DAY}`;
    const powerPath = `/api/chargers/platz13/power?from=${POWER_FROM}&to=${POWER_TO}&step=5m`;

    const first = await startServer({ env, archiveOptions, port: 0, host: '127.0.0.1' });
    let firstRunning = true;
    closers.push(async () => {
      if (firstRunning) await first.close();
    });
    await first.archive!.filler('platz13')!.tick();
    const health = (await get(first, '/api/health')).body as { chargers: Array<{ archive: { sessions: number; points: number; lastError: string | null } }> };
    expect(health.chargers[0]!.archive).toMatchObject({ lastError: null });
    expect(health.chargers[0]!.archive.sessions).toBeGreaterThanOrEqual(8);
    const sessionsBefore = (await get(first, sessionsPath)).body as SessionsResponseWire;
    const powerBefore = (await get(first, powerPath)).body as PowerResponseWire;
    expectCharger(sessionsBefore, powerBefore);
    await first.close();
    firstRunning = false;

    // The charger is gone (its port closed) and our server restarted on the same archive.
    await sim.close();
    simRunning = false;
    const second = await started({ env, archiveOptions });
    const sessionsAfter = (await get(second, sessionsPath)).body as SessionsResponseWire;
    const powerAfter = (await get(second, powerPath)).body as PowerResponseWire;
    expectCharger(sessionsAfter, powerAfter);
    expect(sessionsAfter).toEqual(sessionsBefore);
    expect(powerAfter).toEqual(powerBefore);
  }, 60_000);
});

describe('sessions the world sends', () => {
  it('lists a session without a charging start by its plug-in, and keeps an unknown energy unknown, from the charger and from the archive', async () => {
    const sim = await startSimulator({ seed: 21, clockRate: 0, historyDays: 40, staticToken: 'odd-token', quiet: true, timeZone: 'Europe/Berlin', sessionsWithoutStart: 0.2, sessionsWithUnknownEnergy: 0.2 });
    closers.push(() => sim.close());
    const server = await started({
      env: { CHARGER_URL: sim.url, CHARGER_TOKEN: 'odd-token', CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: 'Europe/Berlin', ARCHIVE_PATH: temp().path },
      archiveOptions: { fill: false },
      now: () => sim.now(),
    });
    const to = new Date(sim.now()).toISOString().slice(0, 10);
    const from = new Date(sim.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const read = async () => sessionsResponseSchema.parse((await get(server, `/api/chargers/platz13/sessions?from=${from}&to=${to}`)).body);
    const first = await read();
    const noStart = first.sessions.filter((s) => s.startedAt === null);
    expect(noStart.length).toBeGreaterThan(0);
    for (const s of noStart) expect(s.pluggedInAt).not.toBeNull();
    expect(first.sessions.some((s) => s.energyKWh === null && (s.meterEnd === null || s.meterStart === null))).toBe(true);
    // Read again, now from the archive the first read wrote through: the same sessions.
    await server.archive!.filler('platz13')!.tick();
    const again = await read();
    expect(again.sessions.map((s) => [s.id, s.startedAt === null, s.energyKWh])).toEqual(first.sessions.map((s) => [s.id, s.startedAt === null, s.energyKWh]));
  });
});
