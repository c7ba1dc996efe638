import { afterEach, describe, expect, it } from 'vitest';
import { chargingSessionSchema } from '../../contract/session-schemas.ts';
import { createSessionWriter } from '../archive/session-writer.ts';
import { openArchiveStore, type ArchiveStore } from '../archive/store.ts';
import { temporaryArchive } from '../test-support/archive.ts';
import { connectorSnapshot } from '../test-support/snapshots.ts';
import { EnergyCounter } from './energy-counter.ts';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function finishedSession(id: number, startedMs: number, endedMs: number, meterStartMwh: number, energyKwh: number) {
  return chargingSessionSchema.parse({
    chargingSessionId: id,
    connectorId: 1,
    chargingStartedTime: iso(startedMs),
    chargingEndedTime: iso(endedMs),
    meterValueStart: meterStartMwh,
    meterValueEnd: meterStartMwh + Math.round(energyKwh * 1_000_000),
    activeEnergyConsumed: energyKwh,
    chargingSessionStatus: 'Finished',
  });
}

const archives: Array<() => void> = [];
afterEach(() => {
  for (const remove of archives.splice(0)) remove();
});

describe('EnergyCounter', () => {
  it('never decreases over a simulated week with restarts, late archive copies and a meter reset, and counts every session once', () => {
    const archive = temporaryArchive();
    archives.push(archive.remove);
    let store: ArchiveStore = openArchiveStore(archive.path);
    let counter = new EnergyCounter(store);
    let writer = createSessionWriter(store);
    const restart = () => {
      store.close();
      store = openArchiveStore(archive.path);
      counter = new EnergyCounter(store);
      writer = createSessionWriter(store);
    };

    // Before the week: the charger's meter stands at 12 345 kWh after an old session.
    const start = Date.parse('2025-03-03T00:00:00Z');
    writer.write('platz1', [finishedSession(1, start - 30 * HOUR, start - 26 * HOUR, 12_335_000_000, 10)]);

    const published: number[] = [];
    const read = (kind: 'available' | 'charging' | 'finished', session?: { energyKwh: number; startedAt: string }) => {
      const value = counter.update('platz1', connectorSnapshot({ kind, ...(session ? { session } : {}) }));
      if (value !== null) published.push(value);
      return value;
    };

    expect(read('available')).toBe(12_345);
    let meter = 12_345_000_000;
    let charged = 0;
    for (let day = 0; day < 7; day++) {
      const startedMs = start + day * 24 * HOUR + 18 * HOUR;
      const energy = 8 + day * 3.25;
      // Day 4: the meter was replaced overnight and starts again from zero.
      if (day === 4) meter = 0;
      // Every 15 minutes a reading with the session's energy so far.
      const steps = 12;
      for (let step = 1; step <= steps; step++) {
        read('charging', { energyKwh: (energy * step) / steps, startedAt: iso(startedMs) });
        // Day 2: the server restarts in the middle of the session.
        if (day === 2 && step === 6) restart();
      }
      const endedMs = startedMs + 3 * HOUR;
      // The session has ended: the status no longer shows it, the archive does not have it yet.
      read('finished');
      // Day 5: the server restarts between the end and the archive's copy.
      if (day === 5) restart();
      read('available');
      writer.write('platz1', [finishedSession(100 + day, startedMs, endedMs, meter, energy)]);
      meter += Math.round(energy * 1_000_000);
      charged += energy;
      read('available');
      // Day 3: the archive's copy arrives while the status still shows the session running.
      if (day === 3) read('charging', { energyKwh: energy, startedAt: iso(startedMs) });
    }

    for (let i = 1; i < published.length; i++) expect(published[i]!, `reading ${i}`).toBeGreaterThanOrEqual(published[i - 1]!);
    expect(published.at(-1)! - published[0]!).toBeCloseTo(charged, 6);
    restart();
    expect(read('available')).toBeCloseTo(12_345 + charged, 6);
  });

  it('is unknown until a finished session has told the meter, so Home Assistant never counts the meter itself as used energy', () => {
    const archive = temporaryArchive();
    archives.push(archive.remove);
    const store = openArchiveStore(archive.path);
    const counter = new EnergyCounter(store);
    expect(counter.update('platz1', connectorSnapshot({ kind: 'charging', session: { energyKwh: 4, startedAt: '2025-03-03T18:00:00Z' } }))).toBeNull();
    createSessionWriter(store).write('platz1', [finishedSession(7, Date.parse('2025-03-03T18:00:00Z'), Date.parse('2025-03-03T20:00:00Z'), 500_000_000, 6)]);
    expect(counter.update('platz1', connectorSnapshot({ kind: 'available' }))).toBe(506);
    store.close();
  });
});
