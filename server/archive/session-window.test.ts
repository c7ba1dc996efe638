/**
 * Every session read our server sends a charger carries a window of dates, 100 rows a page,
 * newest first by charging start, as the charger's own web page asks: the archive's backfill and
 * its rounds, after a restart, the history route with and without an archive. An empty date field
 * makes the charger send its whole history (about 228 KB a page once it holds 100 sessions).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, formatIsoDate, localDateOf } from '../../src/shared/time/local-calendar.ts';
import type { SessionsResponseWire } from '../../src/api/archive-schemas.ts';
import { startServer, type RunningServer } from '../start.ts';
import { RECORDED_TOKEN } from '../test-support/recording-charger.ts';
import { startHistoryCharger } from '../test-support/history-charger.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const ZONE = 'Europe/Berlin';
const NOW = Date.parse('2026-03-18T11:02:00Z');
const FILTER_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('session reads sent to the charger', () => {
  it('all carry both dates, 100 rows a page, newest first by charging start', async () => {
    const t = temporaryArchive();
    closers.push(async () => t.remove());
    // 250 sessions, one every 2 hours before NOW: three pages of 100.
    const charger = startHistoryCharger({ now: () => NOW, sessionStarts: Array.from({ length: 250 }, (_, i) => NOW - 3_600_000 - i * 7_200_000), power: () => ({ building: 1 }) });
    const http = await charger.serve();
    closers.push(() => http.close());
    const env = { CHARGER_URL: http.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13', CHARGER_TIMEZONE: ZONE };
    const serve = async (extra: Record<string, string>) => {
      const server = await startServer({ env: { ...env, ...extra }, port: 0, host: '127.0.0.1', archiveOptions: { now: () => NOW, fill: false, horizonDays: 60 } });
      closers.push(() => server.close());
      return server;
    };
    const sessionForms = () => http.requests.filter((r) => r.url.startsWith('/api/chargingSession/')).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    const sessions = async (server: RunningServer, from: number, to: number) => {
      const day = (n: number) => formatIsoDate(addDays(localDateOf(NOW, ZONE), n));
      const response = await fetch(`${server.url}/api/chargers/platz13/sessions?from=${day(from)}&to=${day(to)}`);
      expect(response.status).toBe(200);
      return (await response.json()) as SessionsResponseWire;
    };

    // A screen asks before the archive has read anything: the route reads the charger.
    const first = await serve({ ARCHIVE_PATH: t.path });
    expect((await sessions(first, -30, 0)).sessions).toHaveLength(250);
    // The backfill, a round after it, the route once the archive is complete.
    await first.archive!.filler('platz13')!.tick();
    const beforeRound = sessionForms().length;
    await first.archive!.filler('platz13')!.tick();
    const roundForms = sessionForms().slice(beforeRound);
    expect(await sessions(first, -30, 0)).toMatchObject({ complete: true });
    await first.close();
    closers.splice(closers.length - 1, 1);
    // After a restart.
    const second = await serve({ ARCHIVE_PATH: t.path });
    await second.archive!.filler('platz13')!.tick();
    expect((await sessions(second, -7, 0)).sessions.length).toBeGreaterThan(80);
    // Without an archive.
    const off = await serve({ ARCHIVE: 'off' });
    expect((await sessions(off, -30, 0)).sessions).toHaveLength(250);

    const forms = sessionForms();
    expect(forms.length).toBeGreaterThanOrEqual(10);
    for (const form of forms) {
      expect(form).toMatchObject({ pageSize: '100', orderByColumn: 'chargingStartedTime', orderDirection: 'Descending' });
      expect(form.chargingStartedTimeFrom).toMatch(FILTER_TIME);
      expect(form.chargingStartedTimeTo).toMatch(FILTER_TIME);
      expect(form.chargingStartedTimeFrom! < form.chargingStartedTimeTo!).toBe(true);
    }
    // A round after the backfill reads from the newest archived session on: one short page.
    expect(roundForms).toHaveLength(1);
    expect(Date.parse(`${roundForms[0]!.chargingStartedTimeFrom!.replace(' ', 'T')}Z`)).toBeGreaterThan(NOW - 3 * 86_400_000);
  });
});
