/**
 * A dashboard process that only publishes to MQTT, for the last-will test: started with
 * `tsx mqtt-child.ts <broker url> <topic prefix>`, it connects, publishes one charger and prints
 * `ready` once the broker has everything; the test then kills it with SIGKILL.
 */
import { openArchiveStore } from '../archive/store.ts';
import { MqttConnection } from '../home/mqtt-connection.ts';
import { MqttPublisher } from '../home/mqtt-publisher.ts';
import { TopicRegistry } from '../home/topic-registry.ts';
import { availabilityTopic } from '../home/topics.ts';
import { chargerSnapshot, connectorSnapshot, FakeSnapshotFeed } from './snapshots.ts';

const [url, topicPrefix] = process.argv.slice(2) as [string, string];
const config = { url, username: null, password: null, topicPrefix, discoveryPrefix: 'homeassistant' };
const connection = new MqttConnection({ config, availabilityTopic: availabilityTopic(topicPrefix), log: () => {} });
const feed = new FakeSnapshotFeed(['platz1']);
const publisher = new MqttPublisher({
  link: connection,
  feed,
  config,
  language: 'en',
  chargerNames: new Map([['platz1', 'Platz 1']]),
  intervalMs: 100,
  energy: null,
  registry: new TopicRegistry(openArchiveStore(':memory:')),
  origin: { name: 'inch-dashboard', sw_version: 'test' },
});
publisher.start();
feed.emit(chargerSnapshot({ connectors: [connectorSnapshot({ kind: 'charging', session: { energyKwh: 3 } })] }));
const check = setInterval(() => {
  if (connection.connected && publisher.pending === 0) {
    clearInterval(check);
    process.stdout.write('ready\n');
  }
}, 20);
