/**
 * The archive's SQLite file at size: a year of 5-minute points for a garage, the power route's
 * aggregation over it, and ten years of one charger's sessions.
 *
 * A year for 50 chargers is 50 × 105,120 slots × 3 series = 15.8 M points. On the 2 shared cores
 * this runs on, the bench writes a representative fraction (BENCH_ARCHIVE_CHARGERS, default 10
 * chargers = 3.2 M points) through the archive's own writer, a day per transaction as the
 * filler writes, and extrapolates the time linearly (each charger's rows are a separate key
 * range, so the cost per row does not grow with the charger count); bytes per point are measured.
 * Set BENCH_ARCHIVE_CHARGERS=50 for the whole garage.
 */
import { rmSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round, runs, type BenchModule, type Figure } from './harness.ts';
import { dayPoints, sessionsFrom } from './archive-fill.ts';
import { mulberry32 } from '../server/simulator/random.ts';
import { Archive } from '../server/archive/archive.ts';
import type { HistoryClient } from '../server/archive/charger-reader.ts';
import { powerOf, sessionsOf } from '../server/archive/history.ts';
import { dayFromKey, nextDay } from '../server/archive/local-days.ts';
import type { PowerResponseWire, SessionsResponseWire } from '../src/api/archive-schemas.ts';

const ZONE = 'Europe/Berlin';
const FULL_GARAGE = 50;
const YEAR_START = '2025-01-01';
const DAYS = 365;
const SERIES_PER_SLOT = 3;

/** The bench never reaches a charger: every day is archived complete. */
const noCharger: HistoryClient = {
  chargingSession: () => Promise.reject(new Error('no charger in the bench')),
  powerProfile: () => Promise.reject(new Error('no charger in the bench')),
};

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export const archiveBench: BenchModule = {
  title: 'Archive (SQLite)',
  async run(): Promise<Figure[]> {
    const CHARGERS = Math.max(1, Math.min(FULL_GARAGE, Number(process.env.BENCH_ARCHIVE_CHARGERS ?? runs(10, 1))));
    const RUNS = runs(9, 2);
    const dir = mkdtempSync(join(tmpdir(), 'inch-archive-bench-'));
    const path = join(dir, 'archive.sqlite');
    const chargers = Array.from({ length: CHARGERS }, (_, i) => ({ id: `c${i + 1}`, client: noCharger }));
    const archive = new Archive({ path, zone: ZONE, chargers });
    try {
      // --- a year of 5-minute points
      const first = dayFromKey(YEAR_START, ZONE)!;
      let rows = 0;
      let yearEnd = first.startMs;
      const t0 = performance.now();
      for (const { id } of chargers) {
        const rnd = mulberry32(id.length * 7919 + Number(id.slice(1)));
        let day = first;
        for (let d = 0; d < DAYS; d++, day = nextDay(day, ZONE)) {
          const points = dayPoints(day.startMs, day.endMs, rnd);
          archive.power.write(id, points, [{ day: day.key, points: points.length }]);
          rows += points.length;
        }
        yearEnd = day.startMs;
      }
      const insertMs = performance.now() - t0;
      archive.store.db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = statSync(path).size;
      const points = rows * SERIES_PER_SLOT;
      const perPoint = bytes / points;
      const fullPoints = (points / CHARGERS) * FULL_GARAGE;
      const fullSeconds = (insertMs / 1000) * (FULL_GARAGE / CHARGERS);

      // --- power route: a year by day, a week by 5 minutes (the handler's work: read, aggregate, JSON)
      const ctx = { archive, chargerId: 'c1', client: noCharger, zone: ZONE, now: yearEnd };
      const year = await timed(RUNS, () => powerOf(ctx, first.startMs, yearEnd, '1d'));
      const yearAnswer = JSON.parse(String(await powerOf(ctx, first.startMs, yearEnd, '1d'))) as PowerResponseWire;
      const week = await timed(RUNS, () => powerOf(ctx, yearEnd - 7 * 86_400_000, yearEnd, '5m'));

      // --- ten years of one charger's sessions: the answer, its totals and a CSV of it
      const sessions = sessionsFrom(Date.parse('2016-01-01T17:00:00Z'), 3652);
      archive.sessions.write('c1', sessions);
      const filler = archive.filler('c1')!;
      archive.store.db
        .prepare("INSERT INTO progress (charger, key, value) VALUES (?, 'sessionsComplete', '1'), (?, 'sessionsSyncedAt', ?)")
        .run(archive.store.chargerKey('c1'), archive.store.chargerKey('c1'), String(Date.now()));
      if (filler.progress('sessionsComplete') !== '1') throw new Error('bench set-up: sessions not marked complete');
      const tenYears = [Date.parse('2016-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z')] as const;
      let csvBytes = 0;
      let total = 0;
      const sessionTimes = await timed(RUNS, async () => {
        const text = await sessionsOf({ ...ctx, now: Date.now() }, tenYears[0], tenYears[1]);
        const parsed = JSON.parse(String(text)) as SessionsResponseWire;
        total = parsed.sessions.reduce((sum, s) => sum + (s.energyKWh ?? 0), 0);
        const lines = parsed.sessions.map((s) => [s.id, s.startedAt, s.endedAt, s.energyKWh, s.pluggedInSeconds, s.activeChargingSeconds ?? '', s.user?.firstName ?? '', s.card?.number ?? ''].join(';'));
        csvBytes = Buffer.byteLength(['id;start;end;kWh;plugged s;active s;user;card', ...lines].join('\r\n'));
      });

      return [
        {
          name: `insert a year of 5-min points, ${FULL_GARAGE} chargers (${(fullPoints / 1e6).toFixed(1)} M points)`,
          value: round(fullSeconds, 1),
          unit: 's',
          target: 'info',
          pass: null,
          note:
            CHARGERS === FULL_GARAGE
              ? `measured whole: ${rows} rows, a day per transaction`
              : `measured ${CHARGERS} of ${FULL_GARAGE} chargers (${(points / 1e6).toFixed(2)} M points in ${round(insertMs / 1000, 1)} s), extrapolated linearly; a day per transaction through the archive's writer`,
        },
        {
          name: 'archive bytes per 5-min point on disk',
          value: round(perPoint, 1),
          unit: 'B',
          target: '≤ 20 B',
          pass: perPoint <= 20,
          note: `${round(bytes / 2 ** 20, 1)} MiB for ${(points / 1e6).toFixed(2)} M points (${CHARGERS} chargers × a year × 3 series), after a WAL checkpoint; ${FULL_GARAGE} chargers ≈ ${round((perPoint * fullPoints) / 2 ** 20, 0)} MiB`,
        },
        {
          name: 'power?step=1d over a year, server time p50',
          value: round(median(year), 1),
          unit: 'ms',
          target: '≤ 200 ms',
          pass: median(year) <= 200,
          note: `${RUNS} runs, ${yearAnswer.points.length} points from ${DAYS * 288} slots; read, aggregate in the charger's days, JSON`,
        },
        {
          name: 'power?step=5m over 7 days, server time p50',
          value: round(median(week), 1),
          unit: 'ms',
          target: '≤ 100 ms',
          pass: median(week) <= 100,
          note: `${RUNS} runs, 2,016 points`,
        },
        {
          name: `sessions of 10 years (${sessions.length}), one charger: answer + totals + CSV p50`,
          value: round(median(sessionTimes), 1),
          unit: 'ms',
          target: '≤ 1,000 ms',
          pass: median(sessionTimes) <= 1000,
          note: `${RUNS} runs from the archive (active charging time from the profile per session), ${round(total, 0)} kWh, CSV ${round(csvBytes / 1024, 0)} KB (a plain CSV of the answer; the app's own CSV is the browser bench's)`,
        },
      ];
    } finally {
      await archive.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
