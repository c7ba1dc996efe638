import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from './archive.ts';
import { createEventRecorder } from './event-recorder.ts';
import { createReaders } from './readers.ts';
import { openArchiveStore } from './store.ts';
import { FakeFeed, statusJson, temporaryArchive } from '../test-support/archive.ts';

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

const T0 = Date.parse('2026-03-01T17:00:00Z');
const min = (n: number) => T0 + n * 60_000;

function openRecorder(path: string) {
  const store = openArchiveStore(path);
  const recorder = createEventRecorder(store);
  const readers = createReaders(store.db);
  const collector = new FakeFeed('platz13');
  const detach = collector.onSnapshot((snapshot) => recorder.snapshot(snapshot));
  const events = () => readers.events('platz13', T0 - 86_400_000, T0 + 86_400_000).map((e) => `${e.kind}${e.connectorId ? `#${e.connectorId}` : ''}${e.detail ? ` (${e.detail})` : ''}`);
  return { store, collector, events, close: () => (detach(), store.close()) };
}

describe('timeline events from the charger snapshots', () => {
  it('derives an evening: plugged in, charging, paused by car and charger, finished, unplugged; a fault with its text; load guard; unreachable and back', () => {
    const t = temporaryArchive();
    temps.push(t);
    const { collector, events, close } = openRecorder(t.path);
    collector.emit(statusJson([['Available']]), min(0));
    collector.emit(statusJson([['Available']]), min(1));
    collector.emit(statusJson([['Preparing']]), min(4));
    collector.emit(statusJson([['Charging']]), min(5));
    collector.emit(statusJson([['SuspendedEV']]), min(60));
    collector.emit(statusJson([['SuspendedEVSE']]), min(61));
    collector.emit(statusJson([['Charging']]), min(62));
    collector.emit(statusJson([['Finishing']]), min(120));
    collector.emit(statusJson([['Available']]), min(121));
    collector.emit(statusJson([['Faulted', 'GroundFailure', 'Residual current detected']]), min(130));
    collector.emit(statusJson([['Available']], false), min(131));
    collector.emit(statusJson([['Available']], true), min(132));
    collector.fail('charger_unreachable', 'the charger refused the connection', min(140));
    collector.fail('charger_unreachable', 'the charger refused the connection', min(141));
    collector.emit(statusJson([['Charging']]), min(150));
    expect(events()).toEqual([
      'plugged_in#1',
      'charging#1',
      'suspended_ev#1',
      'suspended_evse#1',
      'charging#1',
      'finished#1',
      'unplugged#1',
      'fault#1 (GroundFailure: Residual current detected)',
      'fault_cleared#1 (GroundFailure: Residual current detected)',
      'load_guard_disconnected',
      'load_guard_connected',
      'unreachable (the charger refused the connection)',
      'reachable',
      'plugged_in#1',
      'charging#1',
    ]);
    close();
  });

  it('writes nothing twice after a restart, and sees a change made while it was down', () => {
    const t = temporaryArchive();
    temps.push(t);
    const first = openRecorder(t.path);
    first.collector.emit(statusJson([['Available'], ['Available']]), min(0));
    first.collector.emit(statusJson([['Charging'], ['Available']]), min(5));
    expect(first.events()).toEqual(['plugged_in#1', 'charging#1']);
    first.close();

    const second = openRecorder(t.path);
    // The same state again (the first reading after the restart), then the same reading twice.
    second.collector.emit(statusJson([['Charging'], ['Available']]), min(20));
    second.collector.emit(statusJson([['Charging'], ['Available']]), min(21));
    expect(second.events()).toEqual(['plugged_in#1', 'charging#1']);
    // Connector 2 was plugged in while the server was down.
    second.collector.emit(statusJson([['Charging'], ['SuspendedEV']]), min(30));
    expect(second.events()).toEqual(['plugged_in#1', 'charging#1', 'plugged_in#2', 'suspended_ev#2']);
    second.close();
  });

  it('holds every charger while attached (so the timeline is recorded with no screen open) and lets go on close', async () => {
    const t = temporaryArchive();
    temps.push(t);
    const archive = new Archive({ path: t.path, zone: 'Europe/Berlin', chargers: [] });
    const feed = new FakeFeed('platz13');
    archive.attach(feed);
    expect(feed.holds).toBe(1);
    feed.emit(statusJson([['Available']]), min(0));
    feed.emit(statusJson([['Charging']]), min(1));
    expect((await archive.read('events', ['platz13', T0 - 86_400_000, T0 + 86_400_000])).map((e) => e.kind)).toEqual(['plugged_in', 'charging']);
    await archive.close();
    expect(feed.holds).toBe(0);
  });
});
