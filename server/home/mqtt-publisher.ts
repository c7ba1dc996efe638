/**
 * The chargers' snapshots as retained MQTT messages: states (`state-payloads.ts`) and Home
 * Assistant discovery (`discovery.ts`). What the broker should hold is kept here (`desired`); a
 * flush sends what the broker does not have yet, at most once per status interval, and everything
 * again after each (re)connection, since a restarted broker may have lost it all. Retained topics
 * of chargers (or connectors) that are gone are cleared with an empty retained message, which
 * also makes Home Assistant remove their entities.
 */
import type { ChargerSnapshot, ConnectorSnapshot } from '../../contract/snapshot.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import { discoveryMessages, type DiscoveryContext } from './discovery.ts';
import type { EnergyCounter } from './energy-counter.ts';
import type { MessageLanguage, MqttConfig } from './home-config.ts';
import type { PublishOptions } from './mqtt-connection.ts';
import { stateMessages } from './state-payloads.ts';
import type { TopicRegistry } from './topic-registry.ts';

/** What the publisher needs of the broker connection (`MqttConnection`). */
export interface BrokerLink {
  readonly connected: boolean;
  publish(topic: string, payload: string, options: PublishOptions): Promise<void>;
  onConnect(listener: () => void): () => void;
}

export interface MqttPublisherOptions {
  link: BrokerLink;
  feed: SnapshotFeed;
  config: MqttConfig;
  language: MessageLanguage;
  /** Display names by charger id. */
  chargerNames: ReadonlyMap<string, string>;
  /** STATUS_INTERVAL_MS: no topic is published more often. */
  intervalMs: number;
  /** The connectors' energy counters; null without an archive (then none is offered). */
  energy: EnergyCounter | null;
  registry: TopicRegistry;
  origin: DiscoveryContext['origin'];
  now?: () => number;
}

const RETAINED: PublishOptions = { retain: true, qos: 1 };

export class MqttPublisher {
  /** topic → payload the broker should hold; '' clears a retained topic. */
  private readonly desired = new Map<string, string>();
  /** What the broker confirmed on this connection. */
  private readonly confirmed = new Map<string, string>();
  private readonly inFlight = new Map<string, string>();
  private readonly off: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly options: MqttPublisherOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    const { feed, registry } = this.options;
    for (const topic of registry.topicsNotOf(feed.chargerIds)) this.desired.set(topic, '');
    this.off.push(
      feed.onSnapshot((snapshot) => this.take(snapshot)),
      this.options.link.onConnect(() => {
        this.confirmed.clear();
        this.inFlight.clear();
        this.flush();
      }),
    );
    for (const id of feed.chargerIds) {
      const latest = feed.latest(id);
      if (latest) this.take(latest);
    }
    this.flush();
  }

  close(): void {
    for (const off of this.off.splice(0)) off();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Topics the broker does not have as they should be (for health and tests). */
  get pending(): number {
    let count = 0;
    for (const [topic, payload] of this.desired) if (this.confirmed.get(topic) !== payload) count++;
    return count;
  }

  private take(snapshot: ChargerSnapshot): void {
    const { config, language, energy, registry } = this.options;
    if (!this.options.feed.chargerIds.includes(snapshot.chargerId)) return;
    const energyTotal = (connector: ConnectorSnapshot) => energy?.update(snapshot.chargerId, connector) ?? null;
    const messages = stateMessages(snapshot, config.topicPrefix, language, energyTotal);
    const complete = snapshot.reachable && snapshot.connectors.ok && snapshot.powerManagement.ok;
    if (config.discoveryPrefix && complete) {
      const context: DiscoveryContext = {
        topicPrefix: config.topicPrefix,
        discoveryPrefix: config.discoveryPrefix,
        language,
        chargerName: this.options.chargerNames.get(snapshot.chargerId) ?? snapshot.chargerId,
        energyCounter: energy !== null,
        origin: this.options.origin,
      };
      for (const message of discoveryMessages(snapshot, context)) messages.set(message.topic, JSON.stringify(message.config));
    }
    if (complete) {
      // A full reading shows every connector and entity the charger has: what we published for
      // one it no longer has is cleared.
      for (const topic of registry.topicsOf(snapshot.chargerId)) if (!messages.has(topic)) this.desired.set(topic, '');
    }
    for (const [topic, payload] of messages) {
      registry.remember(topic, snapshot.chargerId);
      this.desired.set(topic, payload);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.options.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  private flush(): void {
    const { link, registry } = this.options;
    // Disconnected: the next connection sends everything.
    if (!link.connected) return;
    this.lastFlush = this.now();
    for (const [topic, payload] of this.desired) {
      if (this.confirmed.get(topic) === payload || this.inFlight.get(topic) === payload) continue;
      this.inFlight.set(topic, payload);
      link.publish(topic, payload, RETAINED).then(
        () => {
          if (this.inFlight.get(topic) === payload) this.inFlight.delete(topic);
          this.confirmed.set(topic, payload);
          if (payload === '' && this.desired.get(topic) === '') {
            this.desired.delete(topic);
            this.confirmed.delete(topic);
            registry.forget(topic);
          }
        },
        () => {
          // Lost with the connection: sent again on the next one.
          if (this.inFlight.get(topic) === payload) this.inFlight.delete(topic);
        },
      );
    }
  }
}
