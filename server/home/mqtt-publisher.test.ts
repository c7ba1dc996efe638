/**
 * MQTT publishing against a real broker (mosquitto on a loopback port): Home Assistant discovery
 * field by field, states within one status interval of a change, the last will when the process
 * is killed, a broker restart, and the removal of a charger that left the configuration.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STATE_KINDS } from '../../contract/state-vocabulary.ts';
import { openArchiveStore, type ArchiveStore } from '../archive/store.ts';
import { temporaryArchive } from '../test-support/archive.ts';
import { mosquittoMissing, startBroker, subscriber, waitFor, type Broker } from '../test-support/mosquitto.ts';
import { chargerSnapshot, connectorSnapshot, FakeSnapshotFeed } from '../test-support/snapshots.ts';
import type { MqttConfig } from './home-config.ts';
import { MqttConnection } from './mqtt-connection.ts';
import { MqttPublisher } from './mqtt-publisher.ts';
import { TopicRegistry } from './topic-registry.ts';

const missing = mosquittoMissing();
if (missing) console.warn(`skipping the MQTT broker tests: ${missing}`);
const INTERVAL_MS = 1_000;
const ORIGIN = { name: 'inch-dashboard', sw_version: '9.9.9' };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function run(broker: Broker, feed: FakeSnapshotFeed, store: ArchiveStore, names: Record<string, string> = { platz1: 'Platz 1' }, language: 'en' | 'de' = 'en') {
  const config: MqttConfig = { url: broker.url, username: null, password: null, topicPrefix: 'inch-dashboard', discoveryPrefix: 'homeassistant' };
  const connection = new MqttConnection({ config, availabilityTopic: 'inch-dashboard/status', log: () => {}, minBackoffMs: 50, maxBackoffMs: 200 });
  const publisher = new MqttPublisher({
    link: connection,
    feed,
    config,
    language,
    chargerNames: new Map(Object.entries(names)),
    intervalMs: INTERVAL_MS,
    energy: null,
    registry: new TopicRegistry(store),
    origin: ORIGIN,
  });
  publisher.start();
  const stop = async () => {
    publisher.close();
    await connection.close();
  };
  cleanups.push(stop);
  return { connection, publisher, stop };
}

async function withBroker(): Promise<Broker> {
  const broker = await startBroker();
  cleanups.push(() => broker.close());
  return broker;
}

function memoryStore(): ArchiveStore {
  const store = openArchiveStore(':memory:');
  cleanups.push(() => store.close());
  return store;
}

const twoConnectors = () =>
  chargerSnapshot({
    buildingKw: 3.5,
    clusterKw: 7.2,
    today: { kwh: 12.5, cost: 5 },
    connectors: [
      connectorSnapshot({ connectorId: 1, kind: 'charging', powerKw: 7.2, session: { energyKwh: 4.25, activeSeconds: 1800, costSoFar: 1.7 } }),
      connectorSnapshot({ connectorId: 2, kind: 'available' }),
    ],
  });

describe.skipIf(missing !== null)('MQTT publishing with a real broker', () => {
  it('announces one Home Assistant device per charger whose entities are right field by field', async () => {
    const broker = await withBroker();
    const feed = new FakeSnapshotFeed(['platz1']);
    run(broker, feed, memoryStore());
    feed.emit(twoConnectors());
    const sub = await subscriber(broker.url, ['homeassistant/#', 'inch-dashboard/#']);
    cleanups.push(sub.close);
    await waitFor(() => sub.messages.filter((m) => m.topic.startsWith('homeassistant/')).length >= 22, 'the discovery messages');

    const configs = new Map(sub.messages.filter((m) => m.topic.startsWith('homeassistant/')).map((m) => [m.topic, { ...JSON.parse(m.payload), retain: m.retain }]));
    const byId = new Map([...configs.values()].map((c) => [c.unique_id as string, c]));
    expect(byId.size).toBe(configs.size); // unique ids are unique
    for (const [topic, config] of configs) {
      // <prefix>/<component>/<unique id>/config, retained so Home Assistant finds it after its restart.
      expect(topic).toMatch(new RegExp(`^homeassistant/(sensor|binary_sensor|event)/${config.unique_id}/config$`));
      expect(config.retain).toBe(true);
      expect(config.unique_id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(config.device).toEqual({ identifiers: ['inch-dashboard_platz1'], name: 'Platz 1', manufacturer: 'Etrel', model: 'INCH' });
      expect(config.origin).toEqual(ORIGIN);
      expect(config.availability[0]).toEqual({ topic: 'inch-dashboard/status' });
      expect(config.availability_mode).toBe('all');
      expect(typeof config.name).toBe('string');
    }
    // Each entity: its kind, device class, state class and unit, and a state topic that carries it.
    const expected: Record<string, [string, string | undefined, string | undefined, string | undefined, string]> = {
      reachable: ['binary_sensor', 'connectivity', undefined, undefined, 'Reachable'],
      energy_today: ['sensor', 'energy', 'total_increasing', 'kWh', 'Energy today'],
      energy_month: ['sensor', 'energy', 'total_increasing', 'kWh', 'Energy this month'],
      cost_today: ['sensor', 'monetary', 'total', 'EUR', 'Cost today'],
      cost_month: ['sensor', 'monetary', 'total', 'EUR', 'Cost this month'],
      building_power: ['sensor', 'power', 'measurement', 'kW', 'Building power'],
      cluster_power: ['sensor', 'power', 'measurement', 'kW', 'Cluster power'],
      notification: ['event', undefined, undefined, undefined, 'Notification'],
      ...Object.fromEntries(
        ['1', '2'].flatMap((n) => [
          [`c1-${n}_state`, ['sensor', 'enum', undefined, undefined, `Connector ${n} state`]],
          [`c1-${n}_power`, ['sensor', 'power', 'measurement', 'kW', `Connector ${n} power`]],
          [`c1-${n}_session_energy`, ['sensor', 'energy', 'total_increasing', 'kWh', `Connector ${n} session energy`]],
          [`c1-${n}_session_duration`, ['sensor', 'duration', 'measurement', 's', `Connector ${n} session duration`]],
          [`c1-${n}_session_cost`, ['sensor', 'monetary', 'total', 'EUR', `Connector ${n} session cost`]],
          [`c1-${n}_charging`, ['binary_sensor', 'battery_charging', undefined, undefined, `Connector ${n} charging`]],
          [`c1-${n}_fault`, ['binary_sensor', 'problem', undefined, undefined, `Connector ${n} fault`]],
        ]),
      ),
    };
    expect([...byId.keys()].sort()).toEqual(Object.keys(expected).map((suffix) => `inch-dashboard_platz1_${suffix}`).sort());
    const states = new Map(sub.messages.filter((m) => m.topic.startsWith('inch-dashboard/')).map((m) => [m.topic, m.payload]));
    for (const [suffix, [component, deviceClass, stateClass, unit, name]] of Object.entries(expected)) {
      const config = byId.get(`inch-dashboard_platz1_${suffix}`)!;
      expect(configs.get(`homeassistant/${component}/inch-dashboard_platz1_${suffix}/config`), suffix).toBe(config);
      expect(config.device_class, suffix).toBe(deviceClass);
      expect(config.state_class, suffix).toBe(stateClass);
      expect(config.unit_of_measurement, suffix).toBe(unit);
      expect(config.name, suffix).toBe(name);
      if (component === 'event') {
        expect(config.state_topic).toBe('inch-dashboard/platz1/event');
        expect(config.event_types).toEqual(['session_finished', 'fault', 'unreachable']);
      } else {
        expect(states.has(config.state_topic), `${suffix} reads ${config.state_topic}`).toBe(true);
      }
    }
    expect(byId.get('inch-dashboard_platz1_c1-1_state')!.options).toEqual([...STATE_KINDS]);
    // The reachability sensor stays available while the charger is not reachable; the rest does not.
    expect(byId.get('inch-dashboard_platz1_reachable')!.availability).toHaveLength(1);
    expect(byId.get('inch-dashboard_platz1_c1-1_power')!.availability[1]).toEqual({ topic: 'inch-dashboard/platz1/state', value_template: "{{ 'online' if value_json.reachable else 'offline' }}" });

    // The states the templates read.
    expect(JSON.parse(states.get('inch-dashboard/platz1/connector/1-1/state')!)).toEqual({
      state: 'charging',
      state_raw: 'Charging',
      state_text: 'Charging',
      charging: true,
      session_open: true,
      power_kw: 7.2,
      session_energy_kwh: 4.25,
      session_seconds: 1800,
      session_cost: 1.7,
      currency: 'EUR',
      fault: null,
      energy_total_kwh: null,
    });
    expect(JSON.parse(states.get('inch-dashboard/platz1/state')!)).toMatchObject({ reachable: true, problem: null, building_kw: 3.5, cluster_kw: 7.2, energy_today_kwh: 12.5, cost_today: 5 });
    expect(sub.latest('inch-dashboard/status')?.payload).toBe('online');
  });

  it('names the entities in German when the notifications are German', async () => {
    const broker = await withBroker();
    const feed = new FakeSnapshotFeed(['platz1']);
    run(broker, feed, memoryStore(), { platz1: 'Platz 1' }, 'de');
    feed.emit(twoConnectors());
    const sub = await subscriber(broker.url, ['homeassistant/sensor/inch-dashboard_platz1_c1-1_session_energy/config', 'inch-dashboard/platz1/connector/1-1/state']);
    cleanups.push(sub.close);
    await waitFor(() => sub.messages.length >= 2, 'the German configuration');
    expect(JSON.parse(sub.latest('homeassistant/sensor/inch-dashboard_platz1_c1-1_session_energy/config')!.payload).name).toBe('Ladepunkt 1 Energie Ladevorgang');
    expect(JSON.parse(sub.latest('inch-dashboard/platz1/connector/1-1/state')!.payload).state_text).toBe('Lädt');
  });

  it('publishes a change within one status interval, and only what changed', async () => {
    const broker = await withBroker();
    const feed = new FakeSnapshotFeed(['platz1']);
    const { publisher } = run(broker, feed, memoryStore());
    feed.emit(twoConnectors());
    const sub = await subscriber(broker.url, ['inch-dashboard/platz1/#']);
    cleanups.push(sub.close);
    await waitFor(() => publisher.pending === 0 && sub.messages.length >= 3, 'the first states');
    const before = sub.messages.length;

    const changed = twoConnectors();
    if (changed.connectors.ok) changed.connectors.data[0]!.powerKw = 3.1;
    const emittedAt = Date.now();
    feed.emit(changed);
    await waitFor(() => JSON.parse(sub.latest('inch-dashboard/platz1/connector/1-1/state')!.payload).power_kw === 3.1, 'the new power');
    // A ceiling for a loaded machine: the throttle's wait is at most one interval.
    expect(Date.now() - emittedAt).toBeLessThan(INTERVAL_MS + 1_500);
    // The charger and the other connector did not change: nothing was sent for them.
    expect(sub.messages.slice(before).map((m) => m.topic)).toEqual(['inch-dashboard/platz1/connector/1-1/state']);
  });

  it('survives a broker restart: everything retained is there again, and what changed meanwhile', async () => {
    const broker = await withBroker();
    const feed = new FakeSnapshotFeed(['platz1']);
    const { connection, publisher } = run(broker, feed, memoryStore());
    feed.emit(twoConnectors());
    await waitFor(() => connection.connected && publisher.pending === 0, 'the first publication');
    const first = await subscriber(broker.url, ['#']);
    await waitFor(() => first.messages.length >= 25, 'the retained messages');
    const retainedBefore = new Map(first.messages.map((m) => [m.topic, m.payload]));
    await first.close();

    await broker.stop();
    await waitFor(() => !connection.connected, 'the publisher to notice');
    // A change while the broker is down.
    const changed = twoConnectors();
    if (changed.connectors.ok) changed.connectors.data[1]!.state = { kind: 'preparing', raw: 'Preparing', reason: null, sessionOpen: false };
    feed.emit(changed);
    await broker.start();
    await waitFor(() => connection.connected && publisher.pending === 0, 'the publisher to be back');

    const after = await subscriber(broker.url, ['#']);
    cleanups.push(after.close);
    await waitFor(() => after.messages.length >= retainedBefore.size, 'the retained messages again');
    const retainedAfter = new Map(after.messages.filter((m) => m.retain).map((m) => [m.topic, m.payload]));
    expect([...retainedAfter.keys()].sort()).toEqual([...retainedBefore.keys()].sort());
    for (const [topic, payload] of retainedBefore) {
      if (topic === 'inch-dashboard/platz1/connector/1-2/state') expect(JSON.parse(retainedAfter.get(topic)!).state).toBe('preparing');
      else expect(retainedAfter.get(topic), topic).toBe(payload);
    }
  });

  it('clears every retained topic of a charger that left the configuration, also after a restart', async () => {
    const broker = await withBroker();
    const archive = temporaryArchive();
    cleanups.push(archive.remove);
    let store = openArchiveStore(archive.path);
    const both = new FakeSnapshotFeed(['platz1', 'old']);
    const first = run(broker, both, store, { platz1: 'Platz 1', old: 'Old one' });
    both.emit(twoConnectors());
    both.emit(chargerSnapshot({ chargerId: 'old' }));
    await waitFor(() => first.connection.connected && first.publisher.pending === 0, 'both chargers published');
    await first.stop();
    store.close();

    store = openArchiveStore(archive.path);
    cleanups.push(() => store.close());
    const one = new FakeSnapshotFeed(['platz1']);
    const second = run(broker, one, store);
    await waitFor(() => second.connection.connected && second.publisher.pending === 0, 'the old charger cleared');
    const sub = await subscriber(broker.url, ['#']);
    cleanups.push(sub.close);
    await waitFor(() => sub.messages.some((m) => m.topic === 'inch-dashboard/status'), 'the retained messages');
    const retained = sub.messages.map((m) => m.topic);
    expect(retained.filter((t) => t.includes('old'))).toEqual([]);
    expect(retained.filter((t) => t.startsWith('homeassistant/')).length).toBeGreaterThan(10);
    expect(new TopicRegistry(store).topicsNotOf(['platz1'])).toEqual([]);
  });
});

describe.skipIf(missing !== null)('the last will', () => {
  const SOURCE = fileURLToPath(new URL('../test-support/mqtt-child.ts', import.meta.url));
  const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
  const temp = temporaryArchive();
  const CHILD = join(temp.dir, 'mqtt-child.cjs');
  beforeAll(async () => {
    await build({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'cjs', outfile: CHILD, external: ['better-sqlite3', 'mqtt'], logLevel: 'error' });
  });
  afterAll(() => temp.remove());

  it('marks us offline when the server is killed without a goodbye (SIGKILL)', async () => {
    const broker = await withBroker();
    const child = spawn(process.execPath, [CHILD, broker.url, 'inch-dashboard'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: NODE_MODULES } });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('ready'), 'the child to publish');
    const sub = await subscriber(broker.url, ['inch-dashboard/status']);
    cleanups.push(sub.close);
    await waitFor(() => sub.latest('inch-dashboard/status')?.payload === 'online', 'online');
    child.kill('SIGKILL');
    await waitFor(() => sub.latest('inch-dashboard/status')?.payload === 'offline', 'the last will');
    // And it is retained: a client that comes later still learns we are gone.
    const later = await subscriber(broker.url, ['inch-dashboard/status']);
    cleanups.push(later.close);
    await waitFor(() => later.messages.length > 0, 'the retained will');
    expect(later.messages[0]).toEqual({ topic: 'inch-dashboard/status', payload: 'offline', retain: true });
  });
});
