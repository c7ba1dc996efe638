/** A charger's zone changes: its complete days are carried over to the new zone's days, never lost. */
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from './archive.ts';
import type { HistoryClient } from './charger-reader.ts';
import { dayAt, previousDay } from './local-days.ts';
import { convertedDays } from './zone-change.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const keys = (days: ReadonlyArray<{ key: string }>) => days.map((day) => day.key);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2024-03-${String(from + i).padStart(2, '0')}`);

describe('convertedDays', () => {
  it('keeps a day of the new zone only when every old day it overlaps was complete', () => {
    // Zurich days 10–14 complete. A UTC day runs from 01:00 to 01:00 Zurich time (winter): UTC
    // day 14 reaches into Zurich day 15, which was never complete, so it loses its mark.
    expect(keys(convertedDays(new Set(range(10, 14)), 'Europe/Zurich', 'UTC'))).toEqual(range(10, 13));
    // The other way, Zurich day 10 begins at 23:00 UTC on the 9th, which was not complete.
    expect(keys(convertedDays(new Set(range(10, 14)), 'UTC', 'Europe/Zurich'))).toEqual(range(11, 14));
  });

  it('a gap stays a gap: both new days touching a missing old day lose their mark', () => {
    const complete = new Set([...range(10, 11), ...range(13, 15)]);
    expect(keys(convertedDays(complete, 'UTC', 'Europe/Zurich'))).toEqual(['2024-03-11', '2024-03-14', '2024-03-15']);
  });

  it('changes nothing when the zone is the same, and handles a day of 23 hours', () => {
    const complete = new Set(['2024-03-30', '2024-03-31', '2024-04-01']);
    expect(keys(convertedDays(complete, 'Europe/Zurich', 'Europe/Zurich'))).toEqual([...complete]);
    // 31 March is 23 h long in Zurich; Berlin keeps the same midnights, so nothing is lost.
    expect(keys(convertedDays(complete, 'Europe/Zurich', 'Europe/Berlin'))).toEqual([...complete]);
  });
});

const NOW = Date.parse('2026-03-18T11:02:00Z');
const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

/** A charger with a flat 1 kW building load for as long as asked; records the windows asked. */
function flatCharger() {
  const asked: Array<[number, number]> = [];
  const client: HistoryClient = {
    chargingSession: () => Promise.resolve(JSON.stringify({ errorCode: 0, errorMessage: null, content: [], pagingInfo: { numOfRows: 0, pageCount: 0 } })),
    powerProfile: (query) => {
      const from = Date.parse(query.fromTime!);
      const to = Date.parse(query.toTime!);
      asked.push([from, to]);
      const points = [];
      for (let t = Math.ceil(from / 300_000) * 300_000; t <= to && t <= NOW; t += 300_000) points.push({ time: new Date(t).toISOString(), building: 1 });
      return Promise.resolve(JSON.stringify(points));
    },
  };
  return { client, asked };
}

describe('the archive when a charger’s zone changes', () => {
  it('carries its complete days over, reads only the edges again, and keeps every point', async () => {
    const t = temporaryArchive();
    temps.push(t);
    let zone = 'Europe/Zurich';
    const logs: string[] = [];
    const { client, asked } = flatCharger();
    const archive = new Archive({ path: t.path, zone: () => zone, chargers: [{ id: 'platz13', client }], now: () => NOW, horizonDays: 6, log: (line) => logs.push(line) });
    try {
      const filler = archive.filler('platz13')!;
      await filler.tick();
      const zurichDays = [...archive.power.completeDays('platz13')].sort();
      expect(zurichDays).toHaveLength(6);
      const points = (await archive.read('health', ['platz13'])).points;

      zone = 'UTC';
      expect(archive.zoneOf('platz13')).toBe('UTC');
      expect(logs).toContain('archive: charger platz13: complete days carried over from Europe/Zurich to UTC; days at the edge are read again');
      // A UTC day runs from 01:00 to 01:00 Zurich time: the five UTC days wholly inside the six
      // Zurich days keep their mark; the newest reaches into today, which is not complete.
      const carried = [...archive.power.completeDays('platz13')].sort();
      expect(carried).toEqual(zurichDays.slice(0, -1));
      expect((await archive.read('health', ['platz13'])).points).toBe(points);

      // The next fill asks only for what has no mark: today and yesterday (UTC), not the days
      // carried over, and the marks are whole again in UTC.
      asked.length = 0;
      await filler.tick();
      const today = dayAt(NOW, 'UTC');
      const yesterday = previousDay(today, 'UTC');
      expect(asked.map(([from]) => from)).toEqual([today.startMs - 300_000, yesterday.startMs - 300_000]);
      expect([...archive.power.completeDays('platz13')].sort()).toEqual([...carried, yesterday.key]);
    } finally {
      await archive.close();
    }
  });

  it('remembers the zone its days were cut in across a restart, and converts when CHARGER_TIMEZONE changed meanwhile', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const { client } = flatCharger();
    const first = new Archive({ path: t.path, zone: 'Europe/Zurich', chargers: [{ id: 'platz13', client }], now: () => NOW, horizonDays: 4 });
    await first.filler('platz13')!.tick();
    const before = [...first.power.completeDays('platz13')].sort();
    await first.close();

    const again = new Archive({ path: t.path, zone: 'America/New_York', chargers: [{ id: 'platz13', client }], now: () => NOW, horizonDays: 4 });
    try {
      expect(again.zoneOf('platz13')).toBe('America/New_York');
      const after = [...again.power.completeDays('platz13')].sort();
      // New York's days start 5–6 hours after Zurich's: each is covered by two Zurich days, so the
      // newest Zurich day cannot cover the New York day that runs into the unfinished one.
      expect(after).toEqual(before.slice(0, -1));
      const yesterday = previousDay(dayAt(NOW, 'America/New_York'), 'America/New_York');
      expect(after).not.toContain(yesterday.key);
    } finally {
      await again.close();
    }
  });
});
