/** The filler against a charger that refuses one past day: older days are archived all the same. */
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../charger/upstream-error.ts';
import { Archive } from './archive.ts';
import type { HistoryClient } from './charger-reader.ts';
import { dayAt, previousDay } from './local-days.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const ZONE = 'Europe/Berlin';
const NOW = Date.parse('2026-03-18T11:02:00Z');
const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

/** Ten days of a flat 1 kW building load; `refuse(fromMs)` decides which day windows fail. */
function charger(refuse: (fromMs: number) => Error | null) {
  const asked: number[] = [];
  const oldest = NOW - 10 * 86_400_000;
  const client: HistoryClient = {
    chargingSession: () => Promise.resolve(JSON.stringify({ errorCode: 0, errorMessage: null, content: [], pagingInfo: { numOfRows: 0, pageCount: 0 } })),
    powerProfile: (query) => {
      const from = Date.parse(query.fromTime!);
      const to = Date.parse(query.toTime!);
      asked.push(from);
      const error = refuse(from);
      if (error) return Promise.reject(error);
      const points = [];
      for (let t = Math.ceil(from / 300_000) * 300_000; t <= to && t <= NOW; t += 300_000) {
        if (t >= oldest) points.push({ time: new Date(t).toISOString(), building: 1 });
      }
      return Promise.resolve(JSON.stringify(points));
    },
  };
  return { client, asked };
}

describe('a past day the charger refuses', () => {
  it('is skipped with one log line, older days are archived, and it is asked again only after a pause', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const refusedDay = previousDay(previousDay(previousDay(dayAt(NOW, ZONE), ZONE), ZONE), ZONE);
    // The charger refuses that day's window as a bad request (its own content), not as a failure of itself.
    const { client, asked } = charger((from) =>
      from < refusedDay.endMs && from >= refusedDay.startMs - 600_000 ? new UpstreamError('charger_bad_response', 'the charger refused this range', 'platz13', 'request') : null,
    );
    let now = NOW;
    const logs: string[] = [];
    const archive = new Archive({ path: t.path, zone: ZONE, chargers: [{ id: 'platz13', client }], horizonDays: 30, now: () => now, log: (line) => logs.push(line) });
    try {
      const filler = archive.filler('platz13')!;
      await filler.tick();
      expect(filler.lastError).toBeNull();
      const days = archive.power.completeDays('platz13');
      expect(days.has(refusedDay.key)).toBe(false);
      // The days before and after the refused one are archived complete.
      expect(days.has(previousDay(refusedDay, ZONE).key)).toBe(true);
      expect(days.has(previousDay(previousDay(refusedDay, ZONE), ZONE).key)).toBe(true);
      expect(logs.filter((l) => l.includes(refusedDay.key))).toHaveLength(1);

      // Each day's window starts one 5-minute slot before the day.
      const askedOf = () => asked.filter((from) => from === refusedDay.startMs - 300_000).length;
      const first = askedOf();
      // Five minutes later the refused day waits; once its pause is over it is asked again.
      now += 60_000;
      await filler.tick();
      expect(askedOf()).toBe(first);
      now += 5 * 60_000;
      await filler.tick();
      expect(askedOf()).toBe(first + 1);
      expect(logs.filter((l) => l.includes(refusedDay.key))).toHaveLength(1);
    } finally {
      await archive.close();
    }
  });

  it('but a charger that cannot be reached ends the round, and the older days wait for the next', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const refusedDay = previousDay(previousDay(dayAt(NOW, ZONE), ZONE), ZONE);
    const { client } = charger((from) =>
      from < refusedDay.endMs && from >= refusedDay.startMs - 600_000 ? new UpstreamError('charger_unreachable', 'connection refused', 'platz13', 'charger') : null,
    );
    const archive = new Archive({ path: t.path, zone: ZONE, chargers: [{ id: 'platz13', client }], now: () => NOW });
    try {
      const filler = archive.filler('platz13')!;
      await filler.tick();
      expect(filler.lastError).toMatch(/connection refused/);
      expect(archive.power.completeDays('platz13').has(previousDay(refusedDay, ZONE).key)).toBe(false);
    } finally {
      await archive.close();
    }
  });
});
