/**
 * Start-up shared by `npm start`, `npm run dev`, the tests and the benchmarks: configuration,
 * the embedded simulator when no charger is configured, one client per charger, the HTTP server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';
import { Archive, type ArchiveOptions } from './archive/archive.ts';
import { createSettingsStore } from './archive/settings.ts';
import { createChargerZones, type ChargerZones } from './charger-zones.ts';
import { ArchiveFileError } from './archive/store.ts';
import type { ArchiveProblem } from '../src/api/server-schemas.ts';
import { ChargerClient } from './charger/charger-client.ts';
import { ConfigError, loadConfig, type ServerConfig } from './config.ts';
import { StatusCollector } from './collector/status-collector.ts';
import { startHome, type RunningHome } from './home/start-home.ts';
import type { ServerTimeouts } from './http/timeouts.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator/simulator.ts';
import { archiveEnergyReader } from './snapshot/archive-energy.ts';
import { EnergyPeriods } from './snapshot/energy-periods.ts';
import type { SnapshotFeed } from './snapshot/snapshot-feed.ts';
import { SnapshotService } from './snapshot/snapshot-service.ts';

export interface StartOptions {
  /** An already loaded configuration (server/main.ts loads it first); else read from `env`. */
  config?: ServerConfig;
  env?: Record<string, string | undefined>;
  /** Built SPA directory; null for API only. */
  distDir?: string | null;
  /** Log lines (never containing secrets). */
  log?: (line: string) => void;
  /** Overrides the configured port (tests use 0). */
  port?: number;
  host?: string;
  /** Extra options for the clients (tests shorten back-off). */
  clientOptions?: Partial<ConstructorParameters<typeof ChargerClient>[1]>;
  /** The zone this server runs in, instead of the process's own (tests). */
  serverTimeZone?: string;
  /** Extra options for the archive (tests shorten the fill interval or pin the clock). */
  archiveOptions?: Omit<ArchiveOptions, 'path' | 'zone' | 'chargers' | 'log'> & { fill?: boolean };
  /** Connection timeouts of our HTTP server (tests shorten them). */
  timeouts?: Partial<ServerTimeouts>;
  /** A feed the test drives, in place of the snapshot service, for MQTT, notifications and metrics. */
  snapshotFeed?: SnapshotFeed;
  /** Shorter pauses for the home connections' reconnects and retries (tests). */
  homeOptions?: { mqttBackoffMs?: { min: number; max: number }; notificationBackoffMs?: { min: number; max: number } };
  /**
   * The wall clock of everything started here (epoch ms): the readings' times, pauses and caches,
   * the archive's days, the time the screens are told, and the embedded simulator's clock, which
   * starts at its reading. Tests pin it to one moment. Default Date.now.
   */
  now?: () => number;
  /** The embedded simulator's world (clock rate, history, the world's variety); tests choose it. */
  simulatorOptions?: EmbeddedSimulatorOptions;
  /** The event stream's reconnect delay and keep-alive (tests shorten the delay). */
  streams?: AppOptions['streams'];
}

/** What a test may choose of the embedded simulator; the server decides its address, garage size, seed and login. */
export type EmbeddedSimulatorOptions = Omit<SimulatorOptions, 'port' | 'host' | 'chargers' | 'seed' | 'email' | 'password' | 'quiet' | 'startTime'>;

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  config: ServerConfig;
  simulator: RunningSimulator | null;
  /** One per charger, by id: held by screens' event streams (and the archive). */
  collectors: Map<string, StatusCollector>;
  /** The upstream client of each charger, by id. */
  clients: Map<string, ChargerClient>;
  /** The SQLite archive; null with ARCHIVE=off. */
  archive: Archive | null;
  /** Every reading's meaning, one snapshot per charger. */
  snapshots: SnapshotService;
  /** Each charger's zone: what every part of the server asks (`zoneOf`, `onChange`). */
  zones: ChargerZones;
  /** MQTT, notifications and metrics. */
  home: RunningHome | null;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  // A copy: the simulator's chargers are filled in below, and the caller's object stays as given.
  // An `env` given in code (tests, benchmarks, scripts) runs without an archive unless it names
  // one: nothing they start writes into ./data, and no background fill skews their request counts.
  const env = options.env && options.env.ARCHIVE === undefined && options.env.ARCHIVE_PATH === undefined ? { ...options.env, ARCHIVE: 'off' } : options.env;
  const config = { ...(options.config ?? loadConfig(env ?? process.env, options.serverTimeZone)) };
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  let simulator: RunningSimulator | null = null;

  if (config.simulator) {
    // The demo runs the real code path: a simulated charger over real HTTP on loopback, with
    // a login that our client has to perform like with any real charger.
    const password = randomBytes(12).toString('base64url');
    simulator = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      chargers: config.simulator.chargers,
      // The simulated households live in the configured (or the server's) zone, like a real
      // charger installed here would.
      timeZone: config.timeZone,
      ...(config.simulator.seed === undefined ? {} : { seed: config.simulator.seed }),
      email: 'dashboard@simulator.local',
      password,
      quiet: true,
      ...options.simulatorOptions,
      startTime: now(),
    });
    config.chargers = simulator.chargers.map((charger) => ({
      id: charger.id,
      name: charger.name,
      url: charger.baseUrl,
      auth: { kind: 'login', email: 'dashboard@simulator.local', password },
      insecureTls: false,
      simulated: true,
    }));
  }

  const clients = config.chargers.map(
    (charger) =>
      new ChargerClient(charger, {
        timeoutMs: config.upstreamTimeoutMs,
        statusTtlMs: config.statusTtlMs,
        log,
        now,
        ...options.clientOptions,
      }),
  );
  const collectors = new Map(
    clients.map((client) => [client.id, new StatusCollector(client.id, () => client.generalStatus(), { intervalMs: config.statusIntervalMs, log, now })]),
  );
  const distDir = options.distDir ?? null;
  const host = options.host ?? config.host;
  // Made once the archive is open: the zones chosen on the settings screen are kept in it. The
  // archive asks for a zone only from its first fill or read on, both after that.
  let zones: ChargerZones;
  let archive: Archive | null = null;
  let energy: EnergyPeriods | null = null;
  let snapshots: SnapshotService | null = null;
  let home: RunningHome | null = null;
  let archiveUnavailable: ArchiveProblem | null = null;
  const closeUpstream = async () => {
    // The home connections first: they say goodbye to the broker and stop reading the snapshots.
    await home?.close();
    snapshots?.close();
    energy?.close();
    // The archive first: it lets go of the collectors it holds and ends its fills.
    await archive?.close();
    for (const collector of collectors.values()) collector.close();
    await Promise.all(clients.map((client) => client.close()));
    await simulator?.close();
  };
  let app: FastifyInstance | undefined;
  try {
    if (config.archive) {
      const { fill: _fill, ...archiveOptions } = options.archiveOptions ?? {};
      try {
        archive = new Archive({
          path: config.archive.path,
          // Asked per fill and read: a zone changed on the settings screen applies from the next one.
          zone: (id) => zones.zoneOf(id).zone,
          chargers: clients.map((client) => ({ id: client.id, client })),
          horizonDays: config.archive.horizonDays,
          log,
          now,
          ...archiveOptions,
        });
      } catch (error) {
        // The live view never depends on the archive: the server starts without it and says why.
        if (!(error instanceof ArchiveFileError)) throw error;
        archiveUnavailable = error.problem;
        log(`archive: ${error.problem.message}; the dashboard runs without its history until this is fixed: ${error.problem.fix}`);
      }
    }
    const settings = createSettingsStore(archive?.store ?? null, config.pricing);
    zones = createChargerZones({
      chargers: config.chargers,
      environmentZone: config.environmentTimeZone,
      serverZone: config.serverTimeZone,
      overrides: settings.timeZones(),
      log,
    });
    for (const charger of config.chargers) log(zones.describe(charger.id));
    const chargerZones = zones;
    const zoneOf = (chargerId: string) => chargerZones.zoneOf(chargerId).zone;
    if (archive) {
      // Read again as each fill lands (every 5 minutes), when the archive has new energy.
      const periods = new EnergyPeriods({ read: archiveEnergyReader(archive, new Map(clients.map((c) => [c.id, c])), zoneOf), zoneOf, log, now });
      archive.onFilled((chargerId) => periods.archived(chargerId));
      energy = periods;
    }
    snapshots = new SnapshotService({
      now,
      collectors,
      zoneOf,
      // One price for the live figures: with an off-peak split the cost depends on when the energy
      // flowed, which a running total does not split (the history does), so none rather than a wrong one.
      pricing: () => {
        const current = settings.get();
        return { pricePerKwh: current.offPeak ? null : current.pricePerKWh, currency: current.currency };
      },
      energy,
      log,
    });
    const service = snapshots;
    // A new price changes every snapshot's costs; a new zone its calendar figures.
    settings.onSaved(() => service.rebuildAll());
    zones.onChange((chargerId) => {
      void energy?.refresh(chargerId);
      service.rebuildAll();
    });
    if (archive) {
      // The timeline's events come from the snapshots; the archive holds every charger, so it is
      // recorded while no screen is open.
      archive.attach(snapshots);
      if (options.archiveOptions?.fill !== false) archive.start();
    }
    // Started only as far as configured (MQTT_URL, NTFY_URL, WEBHOOK_URL, METRICS): otherwise it
    // serves the empty notification settings and nothing else.
    home = startHome({ config, feed: options.snapshotFeed ?? snapshots, archive, clients, log, ...options.homeOptions });
    app = await buildApp({ config, clients, collectors, snapshots, distDir, buildId: buildIdOf(distDir), log, archive, archiveUnavailable, zones, settings, home, now, ...(options.timeouts ? { timeouts: options.timeouts } : {}), ...(options.streams ? { streams: options.streams } : {}) });
    await app.listen({ port: options.port ?? config.port, host });
  } catch (error) {
    // A port in use, say: leave nothing running behind the error (the simulator's server, the
    // clients' keep-alive connections), so the process can report it and end.
    await app?.close().catch(() => {});
    await closeUpstream().catch(() => {});
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    app,
    url: `http://${urlHost}:${port}`,
    port,
    config,
    simulator,
    collectors,
    clients: new Map(clients.map((client) => [client.id, client])),
    archive,
    snapshots: snapshots!,
    zones,
    home,
    async close() {
      await app.close();
      await closeUpstream();
    },
  };
}

/** A build's identity: index.html names every hashed asset, so its hash changes with any build. */
function buildIdOf(distDir: string | null): string {
  const index = distDir ? join(distDir, 'index.html') : null;
  if (!index || !existsSync(index)) return 'dev';
  return createHash('sha256').update(readFileSync(index)).digest('hex').slice(0, 16);
}

/**
 * One line for a failed start (`npm start`, `npm run dev`) that says what to change, instead of a
 * stack trace. `portVariable` names the setting that chose the port.
 */
export function startErrorMessage(error: unknown, portVariable = 'PORT'): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  const { code, port } = error as NodeJS.ErrnoException & { port?: number };
  const which = port === undefined ? 'the port' : `port ${port}`;
  if (code === 'EADDRINUSE') return `Cannot start: ${which} is already in use; set ${portVariable} to another port`;
  if (code === 'EACCES') return `Cannot start: no permission to listen on ${which}; set ${portVariable} to a port above 1023`;
  return `Cannot start: ${error instanceof Error ? error.message : String(error)}`;
}
