/**
 * Notifications to local receivers (an ntfy server and a webhook, both HTTP servers on loopback):
 * exactly one "session finished" per session with its energy and cost, in English and German,
 * across restarts; nothing lost while the receiver is down; faults and unreachable chargers once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { openArchiveStore } from '../archive/store.ts';
import { temporaryArchive } from '../test-support/archive.ts';
import { startReceiver, type Receiver } from '../test-support/http-receiver.ts';
import { waitFor } from '../test-support/mosquitto.ts';
import { chargerSnapshot, connectorSnapshot, FakeSnapshotFeed } from '../test-support/snapshots.ts';
import { deliveryTargets } from './delivery-targets.ts';
import { NOTIFICATION_RULES, type MessageLanguage, type NotificationConfig } from './home-config.ts';
import { NotificationOutbox } from './notification-outbox.ts';
import { Notifier } from './notifier.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
const T0 = Date.parse('2025-03-10T17:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  cleanups.push(() => r.stop());
  return r;
}

function archivePath(): string {
  const archive = temporaryArchive();
  cleanups.push(archive.remove);
  return archive.path;
}

/** The notification side of a server: a notifier and its outbox on the archive at `path`. */
function start(path: string, feed: FakeSnapshotFeed, receiverUrl: string, language: MessageLanguage, now: () => number = Date.now, log: (line: string) => void = () => {}) {
  const store = openArchiveStore(path);
  const config: NotificationConfig = {
    language,
    rules: new Set(NOTIFICATION_RULES),
    unreachableMinutes: 10,
    mqttEvents: false,
    ntfy: { url: receiverUrl, topic: 'garage-x7', token: 'tk_secret' },
    webhook: { url: `${receiverUrl}/hook/secret-id`, token: null },
  };
  const outbox = new NotificationOutbox({ store, targets: deliveryTargets(config, null), language, log, minBackoffMs: 50, maxBackoffMs: 200, now });
  const notifier = new Notifier({ feed, outbox, config, chargerNames: new Map([['platz1', 'Platz 1']]), now });
  outbox.start();
  notifier.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    notifier.close();
    await outbox.close();
    store.close();
  };
  cleanups.push(stop);
  return { outbox, stop };
}

/** One session on connector 1, as the snapshots show it: plugged in, charging, finished, unplugged. */
function* session(startMs: number, energyKwh: number, minutes: number): Generator<ChargerSnapshot> {
  const at = (offsetMin: number) => ({ readAt: iso(startMs + offsetMin * MINUTE) });
  yield chargerSnapshot({ ...at(0), connectors: [connectorSnapshot({ kind: 'preparing' })] });
  for (let step = 1; step <= 6; step++) {
    const energy = Math.round(((energyKwh * step) / 7) * 1000) / 1000;
    yield chargerSnapshot({ ...at((minutes * step) / 7), connectors: [connectorSnapshot({ kind: 'charging', session: { energyKwh: energy, activeSeconds: (minutes * 60 * step) / 7, startedAt: iso(startMs), costSoFar: energy * 0.4 } })] });
  }
  const lastSession = { energyKwh, durationSeconds: minutes * 60, endedAt: iso(startMs + minutes * MINUTE), stopReason: 'EVFull' };
  yield chargerSnapshot({ ...at(minutes), connectors: [connectorSnapshot({ kind: 'finished', lastSession })] });
  yield chargerSnapshot({ ...at(minutes + 20), connectors: [connectorSnapshot({ kind: 'available', lastSession })] });
}

const webhookCalls = (r: Receiver) => r.requests.filter((q) => q.path === '/hook/secret-id');
const ntfyCalls = (r: Receiver) => r.requests.filter((q) => q.path === '/');

describe('notifications', () => {
  for (const [language, expected] of [
    [
      'en',
      [
        ['Charging finished – Platz 1', 'Connector 1: 12.50 kWh in 1 h 30 min, cost €5.00.'],
        ['Charging finished – Platz 1', 'Connector 1: 7.25 kWh in 45 min, cost €2.90.'],
        ['Charging finished – Platz 1', 'Connector 1: 30.00 kWh in 4 h 0 min, cost €12.00.'],
      ],
    ],
    [
      'de',
      [
        ['Ladevorgang beendet – Platz 1', 'Ladepunkt 1: 12,50 kWh in 1 Std. 30 Min., Kosten 5,00\u00a0€.'],
        ['Ladevorgang beendet – Platz 1', 'Ladepunkt 1: 7,25 kWh in 45 Min., Kosten 2,90\u00a0€.'],
        ['Ladevorgang beendet – Platz 1', 'Ladepunkt 1: 30,00 kWh in 4 Std. 0 Min., Kosten 12,00\u00a0€.'],
      ],
    ],
  ] as const) {
    it(`tells each finished session exactly once with its energy and cost, across restarts (${language})`, async () => {
      const r = await receiver();
      const path = archivePath();
      const feed = new FakeSnapshotFeed(['platz1']);
      let running = start(path, feed, r.url, language);

      const sessions = [
        [T0, 12.5, 90],
        [T0 + 24 * 60 * MINUTE, 7.25, 45],
        [T0 + 48 * 60 * MINUTE, 30, 240],
      ] as const;
      for (const [index, [startMs, energy, minutes]] of sessions.entries()) {
        const readings = [...session(startMs, energy, minutes)];
        for (const [i, snapshot] of readings.entries()) {
          feed.emit(snapshot);
          // The same values read again are no news.
          feed.emit(snapshot, false);
          // The second session: the server restarts while it charges.
          if (index === 1 && i === 3) {
            await running.stop();
            running = start(path, feed, r.url, language);
          }
        }
      }
      // A restart after the last session, whose end is read again: nothing is told twice.
      await running.stop();
      running = start(path, feed, r.url, language);
      const again = [...session(...sessions[2])];
      feed.emit(again.at(-2)!);
      feed.emit(again.at(-1)!);

      await waitFor(() => webhookCalls(r).length >= 3 && ntfyCalls(r).length >= 3 && Object.keys(running.outbox.pending()).length === 0, 'three notifications on each target');
      expect(webhookCalls(r)).toHaveLength(3);
      expect(ntfyCalls(r)).toHaveLength(3);
      expect(webhookCalls(r).map((q) => [q.json.title, q.json.message])).toEqual(expected);
      expect(webhookCalls(r).map((q) => [q.json.event_type, q.json.energy_kwh, q.json.cost, q.json.currency, q.json.duration_seconds])).toEqual([
        ['session_finished', 12.5, 5, 'EUR', 5400],
        ['session_finished', 7.25, 2.9, 'EUR', 2700],
        ['session_finished', 30, 12, 'EUR', 14400],
      ]);
      expect(webhookCalls(r)[0]!.json).toMatchObject({ charger_id: 'platz1', charger_name: 'Platz 1', connector: '1', language, at: iso(T0 + 90 * MINUTE) });
      // ntfy: JSON publishing to the server's root, with the topic and the token.
      expect(ntfyCalls(r).map((q) => [q.json.title, q.json.message])).toEqual(expected);
      for (const call of ntfyCalls(r)) {
        expect(call.json).toMatchObject({ topic: 'garage-x7', priority: 3 });
        expect(call.headers.authorization).toBe('Bearer tk_secret');
      }
    });
  }

  it('loses nothing while the receiver is down, not even across a restart, and keeps the order', async () => {
    const r = await receiver();
    const path = archivePath();
    const feed = new FakeSnapshotFeed(['platz1']);
    const lines: string[] = [];
    let running = start(path, feed, r.url, 'en', Date.now, (line) => lines.push(line));
    await r.stop();
    for (const snapshot of session(T0, 10, 60)) feed.emit(snapshot);
    await waitFor(() => lines.some((line) => line.startsWith('notifications: webhook')), 'a failed delivery');
    await running.stop();
    running = start(path, feed, r.url, 'en', Date.now, (line) => lines.push(line));
    for (const snapshot of session(T0 + 24 * 60 * MINUTE, 20, 120)) feed.emit(snapshot);
    expect(running.outbox.pending()).toEqual({ ntfy: 2, webhook: 2 });

    await r.start();
    await waitFor(() => Object.keys(running.outbox.pending()).length === 0, 'the outbox to empty');
    expect(webhookCalls(r).map((q) => q.json.energy_kwh)).toEqual([10, 20]);
    expect(ntfyCalls(r).map((q) => q.json.message)).toEqual(['Connector 1: 10.00 kWh in 1 h 0 min, cost €4.00.', 'Connector 1: 20.00 kWh in 2 h 0 min, cost €8.00.']);
    // The receiver's outage is one line per target, not one per try; its return is another.
    expect(lines.filter((line) => line.startsWith('notifications: webhook')).length).toBeLessThanOrEqual(3);
    expect(lines.join('\n')).not.toMatch(/secret-id|garage-x7|tk_secret/);
  });

  it('tells a fault once when it appears, and a charger unreachable for more than the minutes set, once', async () => {
    const r = await receiver();
    let now = T0;
    const feed = new FakeSnapshotFeed(['platz1']);
    const running = start(archivePath(), feed, r.url, 'de', () => now);
    const fault = { severity: 'fault' as const, type: 'GroundFailure', text: 'Fehlerstrom erkannt' };
    feed.emit(chargerSnapshot({ connectors: [connectorSnapshot({ kind: 'available' })] }));
    for (let i = 0; i < 3; i++) feed.emit(chargerSnapshot({ readAt: iso(T0 + i * 5000), connectors: [connectorSnapshot({ kind: 'fault', fault })] }));
    // A warning beside a working state is not a fault.
    feed.emit(chargerSnapshot({ connectors: [connectorSnapshot({ kind: 'charging', fault: { severity: 'warning', type: 'HighTemperature', text: null } })] }));

    const problem = { code: 'charger_unreachable', message: 'the charger refused the connection', since: iso(T0) };
    for (const minutes of [1, 5, 9.9]) {
      now = T0 + minutes * MINUTE;
      feed.emit(chargerSnapshot({ reachable: false, problem }));
    }
    for (const minutes of [10.5, 11, 30]) {
      now = T0 + minutes * MINUTE;
      feed.emit(chargerSnapshot({ reachable: false, problem }));
    }
    await waitFor(() => webhookCalls(r).length >= 2 && Object.keys(running.outbox.pending()).length === 0, 'the fault and the unreachable charger');
    expect(webhookCalls(r).map((q) => [q.json.event_type, q.json.title, q.json.message])).toEqual([
      ['fault', 'Störung: Fehlerstrom – Platz 1', 'Ladepunkt 1: Fehlerstrom (Fehlerstrom erkannt). Stecker ziehen und neu einstecken; bleibt die Störung, Installateur anrufen.'],
      ['unreachable', 'Ladestation nicht erreichbar – Platz 1', 'Seit 10 Min. keine Antwort (die Ladestation hat die Verbindung abgelehnt).'],
    ]);
    expect(ntfyCalls(r).map((q) => q.json.priority)).toEqual([4, 4]);
  });
});
