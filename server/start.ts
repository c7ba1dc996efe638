/**
 * Start-up shared by `npm start`, `npm run dev`, the tests and the benchmarks: configuration,
 * the embedded simulator when no charger is configured, one client per charger, the HTTP server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';
import { Archive } from './archive/archive.ts';
import { ChargerClient } from './charger/charger-client.ts';
import { ConfigError, loadConfig, type ServerConfig } from './config.ts';
import { StatusCollector } from './collector/status-collector.ts';
import type { ServerTimeouts } from './http/timeouts.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator/simulator.ts';

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
  /** Extra options for the archive (tests shorten the fill interval or pin the clock). */
  archiveOptions?: { intervalMs?: number; maxDays?: number; now?: () => number; fill?: boolean };
  /** Connection timeouts of our HTTP server (tests shorten them). */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * The wall clock of everything started here (epoch ms): the readings' times, pauses and caches,
   * the archive's days, the time the screens are told, and the embedded simulator's clock, which
   * starts at its reading. Tests pin it to one moment. Default Date.now.
   */
  now?: () => number;
  /** The embedded simulator's clock rate (0 stands still) and history length; tests choose them. */
  simulatorOptions?: Pick<SimulatorOptions, 'clockRate' | 'historyDays'>;
  /** The event stream's reconnect delay and keep-alive (tests shorten the delay). */
  streams?: AppOptions['streams'];
}

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
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  // A copy: the simulator's chargers are filled in below, and the caller's object stays as given.
  // An `env` given in code (tests, benchmarks, scripts) runs without an archive unless it names
  // one: nothing they start writes into ./data, and no background fill skews their request counts.
  const env = options.env && options.env.ARCHIVE === undefined && options.env.ARCHIVE_PATH === undefined ? { ...options.env, ARCHIVE: 'off' } : options.env;
  const config = { ...(options.config ?? loadConfig(env ?? process.env)) };
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
  let archive: Archive | null = null;
  const closeUpstream = async () => {
    // The archive first: it lets go of the collectors it holds and ends its fills.
    await archive?.close();
    for (const collector of collectors.values()) collector.close();
    await Promise.all(clients.map((client) => client.close()));
    await simulator?.close();
  };
  let app: FastifyInstance | undefined;
  try {
    if (config.archive) {
      const { fill, ...archiveOptions } = options.archiveOptions ?? {};
      archive = new Archive({ path: config.archive.path, zone: config.timeZone, chargers: clients.map((client) => ({ id: client.id, client })), log, now, ...archiveOptions });
      // The timeline's events come from the status stream; holding the collectors keeps it flowing
      // while no screen is open.
      for (const collector of collectors.values()) archive.attach(collector);
      if (fill !== false) archive.start();
    }
    app = await buildApp({
      config,
      clients,
      collectors,
      distDir,
      buildId: buildIdOf(distDir),
      log,
      archive,
      now,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.streams ? { streams: options.streams } : {}),
    });
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
