/**
 * What the archive keeps on write for long ranges: hourly sums of the 5-minute points, and each
 * session's active charging time. Answers from them equal those from the 5-minute rows, in zones
 * with whole-hour, half-hour and three-quarter-hour offsets, and they follow rewrites, late power
 * and archives written before they existed.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PowerResponseWire, PowerStep } from '../../src/api/archive-schemas.ts';
import { MIGRATIONS } from './migrations.ts';
import { createPowerWriter, type PowerPoint } from './power-writer.ts';
import { createReaders, stepsOfPoints, stepsOut, type JsonText } from './readers.ts';
import { createSessionWriter } from './session-writer.ts';
import { openArchiveStore } from './store.ts';
import { sessionJson } from '../test-support/history-charger.ts';
import { chargingSessionSchema } from '../../contract/session-schemas.ts';
import { temporaryArchive } from '../test-support/archive.ts';

/** The readers' JSON, text or bytes, parsed. */
const parse = (json: JsonText) => JSON.parse(typeof json === 'string' ? json : Buffer.from(json).toString()) as never;

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});
const temp = () => {
  const t = temporaryArchive();
  temps.push(t);
  return t;
};

/** Nine days of irregular points (a gap, values that differ per slot), from 20 March 2026 UTC on. */
function irregularPoints(): PowerPoint[] {
  const points: PowerPoint[] = [];
  const from = Date.parse('2026-03-24T00:00:00Z');
  for (let t = from; t < from + 9 * 86_400_000; t += 300_000) {
    const i = (t - from) / 300_000;
    if (i % 97 < 5) continue;
    points.push({ t, values: { building: 0.1 + (i % 13) * 0.37, ...(i % 5 === 0 ? {} : { connector1: (i % 7) * 1.1 }) } });
  }
  return points;
}

describe('power from the hourly sums', () => {
  for (const zone of ['Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu']) {
    it(`equals power from the 5-minute rows, by hour and by day, in ${zone} (with a range cut mid-hour)`, () => {
      const t = temp();
      const store = openArchiveStore(t.path);
      const points = irregularPoints();
      // In two writes, one of them across a day, as the filler and the routes write.
      createPowerWriter(store).write('platz13', points.slice(0, 1000));
      createPowerWriter(store).write('platz13', points.slice(1000));
      const readers = createReaders(store.db);
      const from = Date.parse('2026-03-24T07:35:00Z');
      const to = Date.parse('2026-04-01T19:10:00Z');
      for (const step of ['1h', '1d'] as PowerStep[]) {
        const kept = parse(readers.power('platz13', from, to, step, zone, null).json) as Omit<PowerResponseWire, 'step' | 'complete' | 'source'>;
        const fromRows = stepsOut(stepsOfPoints(readers.points('platz13', from, to), from, to, step, zone));
        expect(kept.points.map((p) => p.time)).toEqual(fromRows.points.map((p) => p.time));
        kept.points.forEach((p, i) => {
          for (const series of ['building', 'connector1']) {
            expect(p.kW[series], `${step} ${p.time} ${series}`).toBeCloseTo(fromRows.points[i]!.kW[series]!, 9);
            expect(p.energyKWh[series]).toBeCloseTo(fromRows.points[i]!.energyKWh[series]!, 5);
          }
        });
        for (const series of ['building', 'connector1']) expect(kept.energyKWh[series]).toBeCloseTo(fromRows.energyKWh[series]!, 5);
      }
      store.close();
    });
  }

  it('follow a point written again with other values, and one series added to it', () => {
    const store = openArchiveStore(temp().path);
    const power = createPowerWriter(store);
    const t = Date.parse('2026-03-24T10:05:00Z');
    power.write('platz13', [{ t, values: { building: 1 } }, { t: t + 300_000, values: { building: 1 } }]);
    power.write('platz13', [{ t, values: { building: 4, connector1: 2 } }]);
    const hour = parse(createReaders(store.db).power('platz13', t - 300_000, t + 3_300_000, '1h', 'UTC', null).json) as PowerResponseWire;
    expect(hour.points).toEqual([{ time: '2026-03-24T10:00:00.000Z', kW: { building: 2.5, connector1: 2 }, energyKWh: { building: 5 / 12, connector1: 2 / 12 } }].map((p) => ({ ...p, energyKWh: { building: Math.round((5 / 12) * 1e6) / 1e6, connector1: Math.round((2 / 12) * 1e6) / 1e6 } })));
    store.close();
  });
});

describe("a session's active charging time", () => {
  const started = Date.parse('2026-03-24T18:00:00Z');
  const session = chargingSessionSchema.parse(sessionJson(7, started));
  /** Charging for the first hour of the session's three, at 11 kW. */
  const charging: PowerPoint[] = Array.from({ length: 36 }, (_, i) => ({ t: started + i * 300_000, values: { connector1: i < 12 ? 11 : 0 } }));

  it('is counted when its power arrives after it, and when it arrives after its power', () => {
    for (const order of ['session first', 'power first']) {
      const store = openArchiveStore(temp().path);
      const write = [() => createSessionWriter(store).write('platz13', [session]), () => createPowerWriter(store).write('platz13', charging)];
      if (order === 'power first') write.reverse();
      for (const w of write) w();
      const [read] = parse(createReaders(store.db).sessions('platz13', started - 1, started + 1).json) as Array<{ activeChargingSeconds: number | null }>;
      expect(read!.activeChargingSeconds, order).toBe(3600);
      store.close();
    }
  });

  it('is counted for the sessions and the hours of an archive written before they were kept', () => {
    const { path } = temp();
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma('application_id = 0x494e4348');
    old.pragma('user_version = 1');
    old.exec("INSERT INTO chargers (id, key) VALUES (1, 'platz13')");
    old.prepare('INSERT INTO sessions (charger, id, connector, started, ended, status, final) VALUES (1, 7, 1, ?, ?, ?, 1)').run(started, started + 3 * 3_600_000, 'Finished');
    const insert = old.prepare('INSERT INTO power (charger, t, c1) VALUES (1, ?, ?)');
    for (const p of charging) insert.run(p.t / 1000, p.values.connector1);
    old.prepare("INSERT INTO progress (charger, key, value) VALUES (1, 'powerFloor', '2026-01-01')").run();
    old.close();

    const store = openArchiveStore(path);
    const readers = createReaders(store.db);
    const [read] = parse(readers.sessions('platz13', started - 1, started + 1).json) as Array<{ activeChargingSeconds: number | null }>;
    expect(read!.activeChargingSeconds).toBe(3600);
    expect(readers.health('platz13').points).toBe(36);
    const day = parse(readers.power('platz13', Date.parse('2026-03-24T00:00:00Z'), Date.parse('2026-03-25T00:00:00Z'), '1d', 'UTC', null).json) as PowerResponseWire;
    expect(day.energyKWh.connector1).toBeCloseTo(11, 9);
    // The old cutoff is gone: the days before it are asked again.
    expect(store.db.prepare("SELECT count(*) AS n FROM progress WHERE key = 'powerFloor'").get()).toEqual({ n: 0 });
    store.close();
  });
});
