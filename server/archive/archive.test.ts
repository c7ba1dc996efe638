/**
 * The archive end to end: a standalone simulator as the charger, our real server over HTTP with
 * an archive in a temporary folder, restarted against the same file.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PowerResponseWire, SessionsResponseWire } from '../../src/api/archive-schemas.ts';
import type { HealthResponse } from '../../src/api/server-schemas.ts';
import { addDays, formatIsoDate, localDateOf } from '../../src/shared/time/local-calendar.ts';
import { startSimulator, type RunningSimulator } from '../simulator/simulator.ts';
import { startServer, type RunningServer } from '../start.ts';
import { dayFromKey } from './local-days.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const ZONE = 'Europe/Berlin';
const TOKEN = 'archive-test-token';
const START = Date.parse('2026-03-18T11:02:00Z');

const temps: Array<{ remove(): void }> = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const t of temps.splice(0)) t.remove();
});

function serve(sim: RunningSimulator, path: string, extra: Parameters<typeof startServer>[0] = {}) {
  return startServer({
    env: { CHARGER_URL: sim.url, CHARGER_TOKEN: TOKEN, CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: ZONE, ARCHIVE_PATH: path },
    port: 0,
    host: '127.0.0.1',
    clientOptions: { maxBackoffMs: 200 },
    archiveOptions: { now: () => sim.now() },
    ...extra,
  }).then((server) => (servers.push(server), server));
}

async function get<T>(server: RunningServer, path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function backfilled(server: RunningServer): Promise<NonNullable<HealthResponse['chargers'][number]['archive']>> {
  await server.archive!.filler('platz13')!.tick();
  const health = await get<HealthResponse>(server, '/api/health');
  return health.chargers[0]!.archive!;
}

const energy = (r: SessionsResponseWire) => r.sessions.reduce((sum, s) => sum + (s.energyKWh ?? 0), 0);
const localDay = (ms: number, days: number) => formatIsoDate(addDays(localDateOf(ms, ZONE), days));

describe('the archive against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, clockRate: 0, startTime: START, historyDays: 50, staticToken: TOKEN, timeZone: ZONE, quiet: true });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.faults.clear();
  });

  it('backfills everything the charger has, reports it in /api/health, and never asks a complete past day again', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const server = await serve(sim, t.path, { archiveOptions: { now: () => sim.now(), fill: false } });
    const archive = await backfilled(server);
    expect(archive.backfillRunning).toBe(false);
    expect(archive.lastError).toBeNull();
    expect(archive.sessions).toBeGreaterThan(30);
    // ~50 days of 5-minute slots (less the reboots' gaps).
    expect(archive.points).toBeGreaterThan(45 * 288);
    expect(Date.parse(archive.powerFrom!)).toBeLessThan(START - 45 * 86_400_000);

    // The live figures' read after the fill has landed too.
    await expect.poll(() => server.snapshots.latest('platz13')?.energy.today.kwh ?? null).not.toBeNull();
    // Writes are idempotent: filling again changes no count.
    sim.resetStats();
    const again = await backfilled(server);
    expect(again.points).toBe(archive.points);
    expect(again.sessions).toBe(archive.sessions);
    const requests = sim.stats().chargers.platz13!.requests;
    // Only today's points (or the client's 10 s cache of them), the newest session page, and the
    // live figures' newest 5-minute slots once the fill has landed: every past day is complete.
    expect(requests.powerProfile).toBeLessThanOrEqual(2);
    expect(requests.chargingSession).toBe(1);
  });

  it('after a restart with the charger down, answers last month and a past day from the archive with the same totals', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const first = await serve(sim, t.path, { archiveOptions: { now: () => sim.now(), fill: false } });
    await backfilled(first);
    const lastMonth = `/api/chargers/platz13/sessions?from=2026-02-01&to=2026-02-28`;
    const day = dayFromKey(localDay(START, -3), ZONE)!;
    const pastDay = `/api/chargers/platz13/power?from=${new Date(day.startMs).toISOString()}&to=${new Date(day.endMs).toISOString()}&step=5m`;
    const pastDayHourly = pastDay.replace('step=5m', 'step=1h');
    const sessionsBefore = await get<SessionsResponseWire>(first, lastMonth);
    const powerBefore = await get<PowerResponseWire>(first, pastDay);
    const hourlyBefore = await get<PowerResponseWire>(first, pastDayHourly);
    expect(sessionsBefore.sessions.length).toBeGreaterThan(10);
    expect(powerBefore.points.length).toBeGreaterThan(250);
    // The charger's own answer for the same month, through the raw route: the archive agrees.
    const raw = JSON.parse(
      await (
        await fetch(`${first.url}/api/chargers/platz13/chargingSession?pageSize=1000&chargingStartedTimeFrom=2026-01-31 00:00:00&chargingStartedTimeTo=2026-03-02 00:00:00`)
      ).text(),
    ) as { content: Array<{ chargingStartedTime: string; activeEnergyConsumed: number }> };
    const monthStart = dayFromKey('2026-02-01', ZONE)!.startMs;
    const monthEnd = dayFromKey('2026-03-01', ZONE)!.startMs;
    const inMonth = raw.content.filter((s) => Date.parse(s.chargingStartedTime) >= monthStart && Date.parse(s.chargingStartedTime) < monthEnd);
    expect(sessionsBefore.sessions.length).toBe(inMonth.length);
    expect(energy(sessionsBefore)).toBeCloseTo(inMonth.reduce((sum, s) => sum + s.activeEnergyConsumed, 0), 6);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    sim.faults.set({ down: true });
    const second = await serve(sim, t.path);
    const sessionsAfter = await get<SessionsResponseWire>(second, lastMonth);
    const powerAfter = await get<PowerResponseWire>(second, pastDay);
    const hourlyAfter = await get<PowerResponseWire>(second, pastDayHourly);
    expect(sessionsAfter).toMatchObject({ source: 'archive', complete: true });
    expect(sessionsAfter.sessions).toEqual(sessionsBefore.sessions);
    expect(energy(sessionsAfter)).toBe(energy(sessionsBefore));
    expect(powerAfter).toMatchObject({ source: 'archive', complete: true });
    expect(powerAfter.energyKWh).toEqual(powerBefore.energyKWh);
    expect(powerAfter.points).toEqual(powerBefore.points);
    expect(hourlyAfter.points).toHaveLength(24);
    expect(hourlyAfter.energyKWh).toEqual(hourlyBefore.energyKWh);
    // Today's newest points are not archived yet and the charger is down: said so, not hidden.
    const today = dayFromKey(localDay(START, 0), ZONE)!;
    const todayPower = await get<PowerResponseWire>(second, `/api/chargers/platz13/power?from=${new Date(today.startMs).toISOString()}&to=${new Date(today.endMs).toISOString()}&step=1h`);
    expect(todayPower.complete).toBe(false);
  });

  it('sessions carry plugged-in time from the charger and active charging time from the archived profile', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const server = await serve(sim, t.path, { archiveOptions: { now: () => sim.now(), fill: false } });
    await backfilled(server);
    const { sessions } = await get<SessionsResponseWire>(server, `/api/chargers/platz13/sessions?from=${localDay(START, -20)}&to=${localDay(START, -2)}`);
    const charged = sessions.filter((s) => (s.energyKWh ?? 0) > 1);
    expect(charged.length).toBeGreaterThan(5);
    for (const s of charged) {
      expect(s.activeChargingSeconds).toBeGreaterThan(0);
      expect(s.activeChargingSeconds! % 300).toBe(0);
      // The first and the last slot count whole though charging fills them only in part.
      expect(s.pluggedInSeconds).toBeGreaterThanOrEqual(s.activeChargingSeconds! - 600);
    }
    // A car that waits plugged in overnight after its need is met: plugged in clearly longer than charging.
    expect(charged.some((s) => s.pluggedInSeconds! > s.activeChargingSeconds! + 3600)).toBe(true);
  });
});

describe('the powerProfile toTime boundary', () => {
  for (const rule of ['inclusive', 'exclusive'] as const) {
    it(`loses no point of a day when the charger reads toTime as ${rule}`, async () => {
      const sim = await startSimulator({ seed: 4, clockRate: 0, startTime: START, historyDays: 6, staticToken: TOKEN, timeZone: ZONE, quiet: true, profileToTime: rule });
      try {
        const t = temporaryArchive();
        temps.push(t);
        const server = await serve(sim, t.path, { archiveOptions: { now: () => sim.now(), fill: false } });
        await backfilled(server);
        await server.close();
        servers.splice(servers.indexOf(server), 1);
        for (let back = 1; back <= 4; back++) {
          const day = dayFromKey(localDay(START, -back), ZONE)!;
          // What the charger has for the day, asked with a window well beyond both ends.
          const wide = await fetch(
            `${sim.url}/api/powerProfile/?fromTime=${new Date(day.startMs - 3_600_000).toISOString()}&toTime=${new Date(day.endMs + 3_600_000).toISOString()}&measure=connector1,building,cluster`,
            { headers: { authorization: `Bearer ${TOKEN}` } },
          );
          const expected = ((await wide.json()) as Array<{ time: string }>).map((p) => Date.parse(p.time)).filter((ms) => ms >= day.startMs && ms < day.endMs);
          const { default: Database } = await import('better-sqlite3');
          const db = new Database(t.path, { readonly: true });
          const archived = (db.prepare('SELECT t FROM power WHERE t >= ? AND t < ? ORDER BY t').all(day.startMs / 1000, day.endMs / 1000) as Array<{ t: number }>).map((r) => r.t * 1000);
          db.close();
          expect(archived).toEqual(expected);
          // The last slot of the day (23:55 local) is there unless a reboot took it.
          expect(archived.at(-1)).toBe(expected.at(-1));
          if (rule === 'exclusive' && back === 1) {
            // A window ending at the last slot's start would have lost that slot on this charger.
            const naive = await fetch(
              `${sim.url}/api/powerProfile/?fromTime=${new Date(day.startMs).toISOString()}&toTime=${new Date(expected.at(-1)!).toISOString()}&measure=building`,
              { headers: { authorization: `Bearer ${TOKEN}` } },
            );
            expect(((await naive.json()) as Array<{ time: string }>).map((p) => Date.parse(p.time))).not.toContain(expected.at(-1));
          }
        }
      } finally {
        await sim.close();
      }
    });
  }
});

describe('a charger with two connectors', () => {
  it('archives both connectors from the first backfill, before any status reading', async () => {
    const sim = await startSimulator({ seed: 12, clockRate: 0, startTime: START, historyDays: 10, staticToken: TOKEN, timeZone: ZONE, quiet: true, connectorsPerCharger: 2 });
    try {
      const t = temporaryArchive();
      temps.push(t);
      const server = await serve(sim, t.path, { archiveOptions: { now: () => sim.now(), fill: false } });
      await backfilled(server);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(t.path, { readonly: true });
      const counts = db.prepare('SELECT count(c1) AS c1, count(c2) AS c2, count(*) AS n FROM power').get() as { c1: number; c2: number; n: number };
      db.close();
      expect(counts.c1).toBe(counts.n);
      expect(counts.c2).toBe(counts.n);
    } finally {
      await sim.close();
    }
  });
});

describe('catch-up after downtime', () => {
  it('asks only for the days it missed, and the sessions since', async () => {
    const before = await startSimulator({ seed: 13, clockRate: 0, startTime: START, historyDays: 20, staticToken: TOKEN, timeZone: ZONE, quiet: true });
    const t = temporaryArchive();
    temps.push(t);
    let first: RunningServer;
    try {
      first = await serve(before, t.path, { archiveOptions: { now: () => before.now(), fill: false } });
      await backfilled(first);
      await first.close();
      servers.splice(servers.indexOf(first), 1);
    } finally {
      await before.close();
    }
    // Three days later: the same charger (same seed), its history three days longer.
    const later = await startSimulator({ seed: 13, clockRate: 0, startTime: START + 3 * 86_400_000, historyDays: 23, staticToken: TOKEN, timeZone: ZONE, quiet: true });
    try {
      const second = await serve(later, t.path, { archiveOptions: { now: () => later.now(), fill: false } });
      const archive = await backfilled(second);
      // The fill landed: the live card's today and month are read from the archive at once.
      await expect.poll(() => second.snapshots.latest('platz13')?.energy.today.kwh ?? null).not.toBeNull();
      const requests = later.stats().chargers.platz13!.requests;
      // Today, and the three days since the last fill (the day it ran was not complete yet); then
      // the live figures' read after the fill, which asks the charger only for the 5-minute slots
      // the fill could not have (the one under way).
      expect(requests.powerProfile).toBe(5);
      expect(requests.chargingSession).toBeLessThanOrEqual(2);
      expect(Date.parse(archive.powerTo!)).toBeGreaterThan(START + 3 * 86_400_000 - 15 * 60_000);
      expect(Date.parse(archive.sessionsTo!)).toBeGreaterThan(START);
      // Every slot of the days in between is there (less reboot gaps): compare with the charger.
      const day = dayFromKey(localDay(START, 1), ZONE)!;
      const answer = await get<PowerResponseWire>(second, `/api/chargers/platz13/power?from=${new Date(day.startMs).toISOString()}&to=${new Date(day.endMs).toISOString()}&step=5m`);
      expect(answer.source).toBe('archive');
      const wide = await fetch(`${later.url}/api/powerProfile/?fromTime=${new Date(day.startMs).toISOString()}&toTime=${new Date(day.endMs - 300_000).toISOString()}&measure=building`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(answer.points).toHaveLength(((await wide.json()) as unknown[]).length);
    } finally {
      await later.close();
    }
  });
});
