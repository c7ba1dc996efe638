/**
 * `GET /metrics` for Prometheus (prom-client, text exposition format), served only with
 * METRICS=on; behind the same Host check as every route. Everything is read when Prometheus
 * scrapes, from what the server already knows: the latest snapshot of each charger, the charger
 * clients' request counts, the event streams, the archive and the MQTT connection. No label holds
 * anything but charger ids, connector labels and endpoint names, so no credential can reach it.
 */
import { statSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Archive } from '../archive/archive.ts';
import type { ChargerClient } from '../charger/charger-client.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import type { EnergyCounter } from './energy-counter.ts';
import { connectorsOf } from './state-payloads.ts';

export interface MetricsSources {
  feed: SnapshotFeed | null;
  clients: readonly ChargerClient[];
  archive: Archive | null;
  energy: EnergyCounter | null;
  /** Open event streams (`/api/events`). */
  eventStreams: () => number;
  mqttConnected: () => boolean | null;
  notificationsPending: () => Record<string, number>;
  now?: () => number;
}

export function createMetricsRegistry(sources: MetricsSources): Registry {
  const registry = new Registry();
  const now = sources.now ?? Date.now;
  collectDefaultMetrics({ register: registry, prefix: 'inch_' });
  const snapshots = () => (sources.feed ? sources.feed.chargerIds.map((id) => sources.feed!.latest(id)).filter((s) => s !== null) : []);

  new Gauge({
    name: 'inch_charger_up',
    help: 'Whether the last attempt to read the charger worked (1) or not (0).',
    labelNames: ['charger'],
    registers: [registry],
    collect() {
      this.reset();
      for (const snapshot of snapshots()) this.set({ charger: snapshot.chargerId }, snapshot.reachable ? 1 : 0);
    },
  });
  new Gauge({
    name: 'inch_charger_reading_age_seconds',
    help: 'Age of the charger’s latest reading.',
    labelNames: ['charger'],
    registers: [registry],
    collect() {
      this.reset();
      for (const snapshot of snapshots()) if (snapshot.readAt) this.set({ charger: snapshot.chargerId }, Math.max(0, (now() - Date.parse(snapshot.readAt)) / 1000));
    },
  });
  new Gauge({
    name: 'inch_connector_power_kilowatts',
    help: 'Power flowing to the car now.',
    labelNames: ['charger', 'connector'],
    registers: [registry],
    collect() {
      this.reset();
      for (const snapshot of snapshots()) for (const c of connectorsOf(snapshot)) if (c.powerKw !== null) this.set({ charger: snapshot.chargerId, connector: c.label }, c.powerKw);
    },
  });
  new Gauge({
    name: 'inch_connector_session_energy_kilowatt_hours',
    help: 'Energy of the open session so far (absent without one).',
    labelNames: ['charger', 'connector'],
    registers: [registry],
    collect() {
      this.reset();
      for (const snapshot of snapshots()) {
        for (const c of connectorsOf(snapshot)) {
          const energy = c.state.sessionOpen ? c.session?.energyKwh : null;
          if (energy !== null && energy !== undefined) this.set({ charger: snapshot.chargerId, connector: c.label }, energy);
        }
      }
    },
  });
  new Gauge({
    name: 'inch_connector_state',
    help: 'The connector’s state kind (1 for the current one).',
    labelNames: ['charger', 'connector', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const snapshot of snapshots()) for (const c of connectorsOf(snapshot)) this.set({ charger: snapshot.chargerId, connector: c.label, state: c.state.kind }, 1);
    },
  });
  if (sources.energy) {
    const energy = sources.energy;
    new Counter({
      name: 'inch_connector_energy_kilowatt_hours_total',
      help: 'The connector’s energy counter (the charger’s meter, never decreasing).',
      labelNames: ['charger', 'connector'],
      registers: [registry],
      collect() {
        this.reset();
        for (const snapshot of snapshots()) {
          for (const c of connectorsOf(snapshot)) {
            const value = energy.update(snapshot.chargerId, c);
            if (value !== null) this.inc({ charger: snapshot.chargerId, connector: c.label }, value);
          }
        }
      },
    });
  }
  new Counter({
    name: 'inch_upstream_requests_total',
    help: 'Requests sent to the charger, by endpoint.',
    labelNames: ['charger', 'endpoint'],
    registers: [registry],
    collect() {
      this.reset();
      for (const client of sources.clients) for (const count of client.requestCounts()) if (count.requests > 0) this.inc({ charger: client.id, endpoint: count.endpoint }, count.requests);
    },
  });
  new Counter({
    name: 'inch_upstream_failures_total',
    help: 'Requests to the charger that failed (no answer, an error, an unusable answer), by endpoint.',
    labelNames: ['charger', 'endpoint'],
    registers: [registry],
    collect() {
      this.reset();
      for (const client of sources.clients) for (const count of client.requestCounts()) this.inc({ charger: client.id, endpoint: count.endpoint }, count.failures);
    },
  });
  new Gauge({
    name: 'inch_event_stream_clients',
    help: 'Open live event streams (screens).',
    registers: [registry],
    collect() {
      this.set(sources.eventStreams());
    },
  });
  const archive = sources.archive;
  if (archive) {
    new Gauge({
      name: 'inch_archive_size_bytes',
      help: 'Size of the SQLite archive on disk (with its write-ahead log).',
      registers: [registry],
      collect() {
        this.set(fileSize(archive.store.path) + fileSize(`${archive.store.path}-wal`));
      },
    });
    new Gauge({
      name: 'inch_archive_backfill_lag_seconds',
      help: 'How far the archive’s newest 5-minute point is behind now.',
      labelNames: ['charger'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const client of sources.clients) {
          const newest = (await archive.health(client.id).catch(() => null))?.powerTo;
          if (newest) this.set({ charger: client.id }, Math.max(0, (now() - Date.parse(newest)) / 1000));
        }
      },
    });
    new Gauge({
      name: 'inch_archive_backfill_running',
      help: 'Whether the archive is filling past days for the charger (1) or not (0).',
      labelNames: ['charger'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const client of sources.clients) this.set({ charger: client.id }, (await archive.health(client.id).catch(() => null))?.backfillRunning ? 1 : 0);
      },
    });
  }
  new Gauge({
    name: 'inch_mqtt_connected',
    help: 'Whether the MQTT broker connection is up (absent without MQTT).',
    registers: [registry],
    collect() {
      this.reset();
      const connected = sources.mqttConnected();
      if (connected !== null) this.set(connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'inch_notifications_pending',
    help: 'Notifications waiting for their receiver, by target.',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [target, count] of Object.entries(sources.notificationsPending())) this.set({ target }, count);
    },
  });
  return registry;
}

/** `GET /metrics`: the registry with METRICS=on, else 404 (and never the SPA's page in its place). */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry | null, notFound: (reply: FastifyReply) => unknown): void {
  app.get('/metrics', async (_request, reply) => {
    if (!registry) return notFound(reply);
    const text = await registry.metrics();
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(text);
  });
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
