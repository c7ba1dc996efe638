import { afterEach, describe, expect, it } from 'vitest';
import type { PowerResponseWire } from '../../src/api/archive-schemas.ts';
import { Archive } from './archive.ts';
import type { HistoryClient } from './charger-reader.ts';
import { powerOf } from './history.ts';
import { dayFromKey, nextDay } from './local-days.ts';
import { stepBuckets } from './readers.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const ZONE = 'Europe/Berlin';
const noCharger: HistoryClient = {
  chargingSession: () => Promise.reject(new Error('unreachable')),
  powerProfile: () => Promise.reject(new Error('unreachable')),
};
const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

describe('power steps', () => {
  it('are local hours and local days; the spring-forward day is 23 hours', () => {
    const day = dayFromKey('2026-03-29', ZONE)!;
    const days = stepBuckets(day.startMs - 86_400_000, day.endMs, '1d', ZONE);
    expect(days.map(([a, b]) => (b - a) / 3_600_000)).toEqual([24, 23]);
    expect(stepBuckets(day.startMs, day.endMs, '1h', ZONE)).toHaveLength(23);
  });

  it('give the same energy by 5 minutes, by hour and by day, from the archive alone', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const archive = new Archive({ path: t.path, zone: ZONE, chargers: [{ id: 'platz13', client: noCharger }] });
    try {
      let day = dayFromKey('2026-03-27', ZONE)!;
      const from = day.startMs;
      for (let d = 0; d < 4; d++, day = nextDay(day, ZONE)) {
        const points = [];
        for (let ms = day.startMs; ms < day.endMs; ms += 300_000) {
          // Charging from 18:00 to 22:00 UTC; a reboot's gap at 03:00–03:30 UTC.
          const hour = new Date(ms).getUTCHours();
          if (hour === 3 && new Date(ms).getUTCMinutes() < 30) continue;
          const car = hour >= 18 && hour < 22 ? 10.5 : 0;
          points.push({ t: ms, values: { connector1: car, cluster: car, building: 0.5 + car } });
        }
        archive.power.write('platz13', points, [{ day: day.key, points: points.length }]);
      }
      const ctx = { archive, chargerId: 'platz13', client: noCharger, zone: ZONE, now: day.startMs + 86_400_000 };
      const parsed = async (step: '5m' | '1h' | '1d') => JSON.parse(String(await powerOf(ctx, from, day.startMs, step))) as PowerResponseWire;
      const [fine, hourly, daily] = await Promise.all([parsed('5m'), parsed('1h'), parsed('1d')]);
      for (const answer of [fine, hourly, daily]) expect(answer).toMatchObject({ complete: true, source: 'archive' });
      // 4 evenings × 4 h × 10.5 kW = 168 kWh on the connector.
      expect(daily.energyKWh.connector1).toBeCloseTo(168, 6);
      expect(hourly.energyKWh).toEqual(daily.energyKWh);
      for (const s of ['connector1', 'building', 'cluster']) expect(fine.energyKWh[s]).toBeCloseTo(daily.energyKWh[s]!, 5);
      expect(daily.points).toHaveLength(4);
      expect(daily.points.map((p) => p.time)).toEqual(['2026-03-26T23:00:00.000Z', '2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
      // The hour of the reboot's gap averages the points there are.
      const gapHour = hourly.points.find((p) => p.time === '2026-03-27T03:00:00.000Z')!;
      expect(gapHour.kW.building).toBeCloseTo(0.5, 9);
      expect(gapHour.energyKWh.building).toBeCloseTo((0.5 * 6 * 5) / 60, 9);
    } finally {
      await archive.close();
    }
  });
});
