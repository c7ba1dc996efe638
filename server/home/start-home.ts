/**
 * The home connections as one piece for `start.ts`: MQTT publishing and Home Assistant discovery,
 * notifications, and the Prometheus metrics, all fed by the charger snapshots (`SnapshotFeed`).
 * Each part starts only when configured; with none configured this holds no collector, opens no
 * connection and serves only the notification settings (empty) and a 404 for `/metrics`. Nothing
 * here can stop or slow the dashboard: the broker is connected in the background, receivers are
 * called from the outbox, never from a reading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Archive } from '../archive/archive.ts';
import { MEMORY, openArchiveStore, type ArchiveStore } from '../archive/store.ts';
import type { ChargerClient } from '../charger/charger-client.ts';
import type { ServerConfig } from '../config.ts';
import type { AdminCheck } from '../http/admin-check.ts';
import { sendError } from '../http/error-reply.ts';
import { PROJECT_ROOT } from '../paths.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import { deliveryTargets } from './delivery-targets.ts';
import { EnergyCounter } from './energy-counter.ts';
import { registerNotificationRoutes } from './home-routes.ts';
import { createMetricsRegistry, registerMetricsRoute } from './metrics.ts';
import { MqttConnection } from './mqtt-connection.ts';
import { MqttPublisher } from './mqtt-publisher.ts';
import { NotificationOutbox } from './notification-outbox.ts';
import { Notifier } from './notifier.ts';
import { TopicRegistry } from './topic-registry.ts';
import { availabilityTopic } from './topics.ts';

export interface HomeOptions {
  config: ServerConfig;
  /** The chargers' snapshots; null runs MQTT's availability, the routes and the client metrics only. */
  feed: SnapshotFeed | null;
  /** The archive keeps the energy counters, the owned topics and the outbox across restarts; without it they live in memory. */
  archive: Archive | null;
  clients: readonly ChargerClient[];
  log: (line: string) => void;
  /** Tests shorten the pauses. */
  mqttBackoffMs?: { min: number; max: number };
  notificationBackoffMs?: { min: number; max: number };
}

export interface HomeHealth {
  /** Present when MQTT is configured. */
  mqtt?: { connected: boolean };
}

export interface RunningHome {
  /** The notification routes and `/metrics`; `eventStreams` counts the open `/api/events` streams. */
  registerRoutes(app: FastifyInstance, context: { adminCheck: AdminCheck; eventStreams: () => number }): void;
  health(): HomeHealth;
  close(): Promise<void>;
}

export function startHome(options: HomeOptions): RunningHome {
  const { config, feed, archive, log } = options;
  const home = config.home;
  const chargerNames = new Map(config.chargers.map((charger) => [charger.id, charger.name]));
  // Without an archive the same tables live in memory for the run.
  const ownStore: ArchiveStore | null = archive ? null : openArchiveStore(MEMORY, log);
  const store = archive?.store ?? ownStore!;
  const energy = archive ? new EnergyCounter(store) : null;
  const closers: Array<() => Promise<void> | void> = [];

  let connection: MqttConnection | null = null;
  if (home.mqtt) {
    connection = new MqttConnection({
      config: home.mqtt,
      availabilityTopic: availabilityTopic(home.mqtt.topicPrefix),
      log,
      ...(options.mqttBackoffMs ? { minBackoffMs: options.mqttBackoffMs.min, maxBackoffMs: options.mqttBackoffMs.max } : {}),
    });
    if (feed) {
      const publisher = new MqttPublisher({
        link: connection,
        feed,
        config: home.mqtt,
        language: home.notifications.language,
        chargerNames,
        intervalMs: config.statusIntervalMs,
        energy,
        registry: new TopicRegistry(store),
        origin: { name: 'inch-dashboard', sw_version: version() },
      });
      publisher.start();
      closers.push(() => publisher.close());
    }
    const link = connection;
    closers.push(() => link.close());
  }

  const targets = deliveryTargets(home.notifications, connection && home.mqtt ? { link: connection, topicPrefix: home.mqtt.topicPrefix, address: home.mqtt.url } : null);
  const outbox = new NotificationOutbox({
    store,
    targets,
    language: home.notifications.language,
    log,
    ...(options.notificationBackoffMs ? { minBackoffMs: options.notificationBackoffMs.min, maxBackoffMs: options.notificationBackoffMs.max } : {}),
  });
  if (targets.length > 0 && feed) {
    const notifier = new Notifier({ feed, outbox, config: home.notifications, chargerNames });
    outbox.start();
    notifier.start();
    // Delivered to the outbox first: closing stops the rules, then the deliveries.
    closers.unshift(() => notifier.close());
    closers.push(() => outbox.close());
  }
  // The chargers are read while anything here listens, whether or not a screen is open.
  if (feed && (home.mqtt || targets.length > 0 || home.metrics)) closers.unshift(feed.hold());
  if (ownStore) closers.push(() => ownStore.close());

  return {
    registerRoutes(app, context) {
      registerNotificationRoutes(app, {
        config: home.notifications,
        targets,
        adminCheck: context.adminCheck,
        pinRequired: config.adminPin !== null,
        sendError: (reply, code, message) => sendError(reply, code, message),
      });
      const registry = home.metrics
        ? createMetricsRegistry({
            feed,
            clients: options.clients,
            archive,
            energy,
            eventStreams: context.eventStreams,
            mqttConnected: () => connection?.connected ?? null,
            notificationsPending: () => outbox.pending(),
          })
        : null;
      registerMetricsRoute(app, registry, (reply) => sendError(reply, 'not_found', 'metrics are switched off (METRICS=on serves them)'));
    },
    health() {
      return connection ? { mqtt: { connected: connection.connected } } : {};
    },
    async close() {
      for (const close of closers.splice(0)) await close();
    },
  };
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
