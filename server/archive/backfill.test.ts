/**
 * The archive's completeness rules: a past day is complete only when the charger answered for it
 * (an empty answer included), the backfill walks through gaps of any length back to the oldest
 * session, resumes after a restart where it stopped, and waits for a day to settle before
 * calling it complete.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { powerResponseSchema, type PowerResponseWire, type SessionsResponseWire } from '../../src/api/archive-schemas.ts';
import { startServer } from '../start.ts';
import { RECORDED_TOKEN } from '../test-support/recording-charger.ts';
import { addDays, formatIsoDate, localDateOf } from '../../src/shared/time/local-calendar.ts';
import { Archive } from './archive.ts';
import { DAY_SETTLE_MS } from './filler.ts';
import { powerOf, sessionsOf } from './history.ts';
import { dayAt, dayFromKey, type LocalDay } from './local-days.ts';
import { startHistoryCharger } from '../test-support/history-charger.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const ZONE = 'Europe/Berlin';
/** 12:02 local on Wednesday 18 March 2026; no clock change within the 40 days before. */
const NOW = Date.parse('2026-03-18T11:02:00Z');
const temps: Array<{ remove(): void }> = [];
const archives: Archive[] = [];
afterEach(async () => {
  for (const a of archives.splice(0)) await a.close();
  for (const t of temps.splice(0)) t.remove();
});

/** The local day `n` days before the one `ms` falls on. */
const daysBefore = (n: number, ms = NOW): LocalDay => dayFromKey(formatIsoDate(addDays(localDateOf(ms, ZONE), -n)), ZONE)!;
/** An 18:00 local charging start `n` days before today. */
const eveningOf = (n: number) => daysBefore(n).startMs + 18 * 3_600_000;

function openArchive(path: string, client: ReturnType<typeof startHistoryCharger>['client'], now: () => number = () => NOW) {
  const archive = new Archive({ path, zone: ZONE, chargers: [{ id: 'platz13', client }], now });
  archives.push(archive);
  return archive;
}

function sessionCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The power route's answer, parsed. */
async function power(...args: Parameters<typeof powerOf>): Promise<PowerResponseWire> {
  const answer: unknown = await powerOf(...args);
  return JSON.parse(String(answer)) as PowerResponseWire;
}

function answeredDays(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return new Map((db.prepare('SELECT day, points FROM power_days').all() as Array<{ day: string; points: number }>).map((r) => [r.day, r.points]));
  } finally {
    db.close();
  }
}

describe('a backfill over a gap', () => {
  it('walks through ten days without power to the days before them, recording the empty days as answered', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const gapStart = daysBefore(10).startMs;
    const charger = startHistoryCharger({
      now: () => NOW,
      // Sessions from 40 to 12 days ago; then the car is away: nothing for the last ten days.
      sessionStarts: Array.from({ length: 29 }, (_, i) => eveningOf(40 - i)),
      power: (t) => (t < gapStart || t >= daysBefore(0).startMs ? { building: 1, connector1: 0 } : null),
    });
    const archive = openArchive(t.path, charger.client);
    // Whoever reads the archive hears when a fill has landed (the live card's today and month).
    const filled: string[] = [];
    archive.onFilled((chargerId) => filled.push(`${chargerId}: ${answeredDays(t.path).size} days`));
    await archive.filler('platz13')!.tick();
    expect(filled).toEqual(['platz13: 40 days']);

    const days = answeredDays(t.path);
    for (let n = 1; n <= 10; n++) expect(days.get(daysBefore(n).key), `day -${n}`).toBe(0);
    for (let n = 11; n <= 40; n++) expect(days.get(daysBefore(n).key), `day -${n}`).toBe(288);
    // Not beyond the oldest session's day.
    expect(days.has(daysBefore(41).key)).toBe(false);

    // The routes: an answered-empty day is complete without points, a day before the gap complete with its points.
    const ctx = { archive, chargerId: 'platz13', client: charger.client, zone: ZONE, now: NOW };
    const asked = charger.powerWindows.length;
    const empty = await power(ctx, daysBefore(5).startMs, daysBefore(5).endMs, '5m');
    expect(empty).toMatchObject({ complete: true, source: 'archive', points: [] });
    const before = await power(ctx, daysBefore(20).startMs, daysBefore(20).endMs, '1h');
    expect(before).toMatchObject({ complete: true, source: 'archive' });
    expect(before.energyKWh.building).toBeCloseTo(24, 9);
    expect(charger.powerWindows.length).toBe(asked);
  });
});

describe('a restart in the middle of the backfill', () => {
  it('goes on where the backfill stopped: no day or session page is read twice, none is left out', async () => {
    const t = temporaryArchive();
    temps.push(t);
    // 250 sessions, every 2 hours over the last ~21 days: three pages of 100.
    const starts = Array.from({ length: 250 }, (_, i) => NOW - 3_600_000 - i * 2 * 3_600_000);
    const charger = startHistoryCharger({ now: () => NOW, sessionStarts: starts, power: () => ({ building: 2 }) });
    const oldestDay = dayAt(Math.min(...starts), ZONE);

    // The first run: the charger goes away after the second session page and after eight days of power.
    let sessionPages = 0;
    let powerDays = 0;
    const flaky = {
      chargingSession: (form: Record<string, string>) => (++sessionPages > 2 ? Promise.reject(new Error('connection refused')) : charger.client.chargingSession(form)),
      powerProfile: (query: Record<string, string>) => (++powerDays > 9 ? Promise.reject(new Error('connection refused')) : charger.client.powerProfile(query)),
    };
    const first = openArchive(t.path, flaky);
    await first.filler('platz13')!.tick();
    expect(first.filler('platz13')!.lastError).toMatch(/connection refused/);
    expect(sessionCount(t.path)).toBe(200);
    // Sessions first: no power read while the sessions' backfill is unfinished.
    expect(charger.powerWindows).toHaveLength(0);
    // Let the sessions through; the power read fails after eight past days.
    sessionPages = Number.NEGATIVE_INFINITY;
    await first.filler('platz13')!.tick();
    expect(sessionCount(t.path)).toBe(250);
    const firstRunDays = answeredDays(t.path);
    expect(firstRunDays.size).toBe(8);
    await first.close();
    archives.splice(archives.indexOf(first), 1);

    // The second run, on the same file, with the charger back.
    charger.sessionForms.length = 0;
    charger.powerWindows.length = 0;
    const second = openArchive(t.path, charger.client);
    await second.filler('platz13')!.tick();
    expect(second.filler('platz13')!.lastError).toBeNull();
    // One page of what is new since the newest archived session; the backfill is complete.
    expect(charger.sessionForms).toHaveLength(1);
    const days = answeredDays(t.path);
    const askedDays = charger.powerWindows.map((w) => dayAt(w.from + 300_000, ZONE).key);
    // Today, then only the days the first run had not answered, each once.
    expect(askedDays[0]).toBe(dayAt(NOW, ZONE).key);
    expect(new Set(askedDays).size).toBe(askedDays.length);
    for (const day of askedDays.slice(1)) expect(firstRunDays.has(day), day).toBe(false);
    for (let day = daysBefore(1); day.key >= oldestDay.key; day = daysBefore(1, day.startMs)) expect(days.get(day.key), day.key).toBeGreaterThan(0);
  });

  it('of the sessions reads the older pages only', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const starts = Array.from({ length: 250 }, (_, i) => NOW - 3_600_000 - i * 2 * 3_600_000);
    const charger = startHistoryCharger({ now: () => NOW, sessionStarts: starts, power: () => ({ building: 2 }) });
    let pages = 0;
    const first = openArchive(t.path, { ...charger.client, chargingSession: (form) => (++pages > 1 ? Promise.reject(new Error('connection refused')) : charger.client.chargingSession(form)) });
    await first.filler('platz13')!.tick();
    expect(sessionCount(t.path)).toBe(100);
    await first.close();
    archives.splice(archives.indexOf(first), 1);

    charger.sessionForms.length = 0;
    const second = openArchive(t.path, charger.client);
    await second.filler('platz13')!.tick();
    expect(sessionCount(t.path)).toBe(250);
    // The new ones (a page), then the backfill from the oldest archived session down: two pages, not three.
    expect(charger.sessionForms).toHaveLength(3);
    const oldestArchivedFirstRun = starts[99]!;
    const backfillTo = Date.parse(`${charger.sessionForms[1]!.chargingStartedTimeTo!.replace(' ', 'T')}Z`);
    expect(backfillTo).toBeLessThan(oldestArchivedFirstRun + 3 * 86_400_000);
  });
});

describe('a past day', () => {
  it('is complete only once the charger has answered for it; one it refuses stays incomplete in the answer', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const refused = daysBefore(5);
    const charger = startHistoryCharger({ now: () => NOW, sessionStarts: [eveningOf(9)], power: () => ({ building: 1 }) });
    // Any window holding that day's noon.
    const noon = refused.startMs + 12 * 3_600_000;
    charger.refuse = (kind, from, to) => kind === 'power' && from <= noon && to > noon;
    const archive = openArchive(t.path, charger.client);
    await archive.filler('platz13')!.tick();
    expect(answeredDays(t.path).has(refused.key)).toBe(false);
    expect(answeredDays(t.path).get(daysBefore(6).key)).toBe(288);

    const ctx = { archive, chargerId: 'platz13', client: charger.client, zone: ZONE, now: NOW };
    const missing = [{ from: new Date(refused.startMs).toISOString(), to: new Date(refused.endMs).toISOString() }];
    const day = await power(ctx, refused.startMs, refused.endMs, '5m');
    expect(day).toMatchObject({ complete: false, missing, points: [] });
    // The answer names the day it lacks, so a screen can mark it.
    const week = await power(ctx, daysBefore(8).startMs, daysBefore(1).endMs, '1d');
    expect(week).toMatchObject({ complete: false, missing });
    expect(week.points).toHaveLength(7);
    const neighbour = await power(ctx, daysBefore(6).startMs, daysBefore(6).endMs, '1d');
    expect(neighbour).toMatchObject({ complete: true, source: 'archive' });
    expect(neighbour).not.toHaveProperty('missing');
  });
});

describe('a day the charger never answered, over HTTP', () => {
  it('is complete: false in /power, with the day in missing; its neighbours are complete', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const refused = daysBefore(4);
    const noon = refused.startMs + 12 * 3_600_000;
    const charger = startHistoryCharger({ now: () => NOW, sessionStarts: [eveningOf(8)], power: () => ({ building: 1 }) });
    charger.refuse = (kind, from, to) => kind === 'power' && from <= noon && to > noon;
    const http = await charger.serve();
    const server = await startServer({
      env: { CHARGER_URL: http.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: ZONE, ARCHIVE_PATH: t.path },
      port: 0,
      host: '127.0.0.1',
      archiveOptions: { now: () => NOW, fill: false },
    });
    try {
      await server.archive!.filler('platz13')!.tick();
      const power = async (from: number, to: number) =>
        powerResponseSchema.parse(await (await fetch(`${server.url}/api/chargers/platz13/power?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&step=1d`)).json());
      const week = await power(daysBefore(7).startMs, daysBefore(1).endMs);
      expect(week).toMatchObject({ complete: false, missing: [{ from: new Date(refused.startMs).toISOString(), to: new Date(refused.endMs).toISOString() }] });
      expect(week.points.map((p) => p.time)).not.toContain(new Date(refused.startMs).toISOString());
      expect(await power(daysBefore(3).startMs, daysBefore(3).endMs)).toMatchObject({ complete: true, source: 'archive' });
    } finally {
      await server.close();
      await http.close();
    }
  });
});

describe('sessions the charger did not answer for', () => {
  it('leave the answer incomplete, naming the range', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const charger = startHistoryCharger({ now: () => NOW, sessionStarts: [eveningOf(3)] });
    const archive = openArchive(t.path, charger.client);
    // Nothing archived yet and the charger away: the whole range is missing.
    charger.down = true;
    const from = daysBefore(7).startMs;
    const to = daysBefore(0).endMs;
    const answer = JSON.parse(String(await sessionsOf({ archive, chargerId: 'platz13', client: charger.client, zone: ZONE, now: NOW }, from, to))) as SessionsResponseWire;
    expect(answer).toEqual({ sessions: [], complete: false, missing: [{ from: new Date(from).toISOString(), to: new Date(to).toISOString() }], source: 'archive' });
  });
});

describe('the day-settle delay', () => {
  // The charger writes a slot's point three minutes after the slot has ended, so the 23:55 point
  // of a day exists from 00:03.
  const POINT_DELAY_MS = 3 * 60_000;
  const yesterday = daysBefore(1);

  it('keeps the catch-up from marking a day complete before its last 5-minute point has arrived', async () => {
    const t = temporaryArchive();
    temps.push(t);
    let now = yesterday.endMs + 2 * 60_000;
    const charger = startHistoryCharger({ now: () => now, pointDelayMs: POINT_DELAY_MS, sessionStarts: [eveningOf(2)], power: () => ({ building: 1 }) });
    const archive = openArchive(t.path, charger.client, () => now);
    const filler = archive.filler('platz13')!;
    await filler.tick();
    // At 00:02 the charger has 287 points of yesterday: not complete yet.
    expect(answeredDays(t.path).has(yesterday.key)).toBe(false);
    now = yesterday.endMs + DAY_SETTLE_MS + 60_000;
    await filler.tick();
    expect(answeredDays(t.path).get(yesterday.key)).toBe(288);
  });

  it('keeps a route that reads a just-ended day from the charger from marking it complete', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const now = yesterday.endMs + 2 * 60_000;
    const charger = startHistoryCharger({ now: () => now, pointDelayMs: POINT_DELAY_MS, power: () => ({ building: 1 }) });
    const archive = openArchive(t.path, charger.client, () => now);
    const answer = await power({ archive, chargerId: 'platz13', client: charger.client, zone: ZONE, now }, yesterday.startMs, yesterday.endMs, '5m');
    expect(answer.points).toHaveLength(287);
    expect(answeredDays(t.path).has(yesterday.key)).toBe(false);
  });
});
