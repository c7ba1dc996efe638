/**
 * Each Playwright worker gets its own server with the embedded simulator on free loopback ports,
 * so tests can inject faults without disturbing each other. `sim` is the simulator's in-process
 * control (faults, forced connector states, request counts).
 */
import { test as base, expect } from '@playwright/test';
import { DIST_DIR } from '../server/paths.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import type { RunningSimulator } from '../server/simulator/simulator.ts';

interface WorkerFixtures {
  server: RunningServer;
  simulatorChargers: number;
  simulatorSeed: number;
  serverEnv: Record<string, string>;
}

interface TestFixtures {
  sim: RunningSimulator;
  /** A server of the test's own, which the test may stop and start again on the same port. */
  ownServer: OwnServer;
}

export interface OwnServer {
  readonly url: string;
  readonly current: RunningServer | null;
  /** Stops the server (the page's streams end, the port closes). */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it listens. */
  start(): Promise<RunningServer>;
}

async function startOnPort(port: number): Promise<RunningServer> {
  return startServer({
    env: { SIMULATOR_CHARGERS: '1', SIMULATOR_SEED: '7', CHARGER_TIMEZONE: 'Europe/Berlin' },
    distDir: DIST_DIR,
    port,
    host: '127.0.0.1',
    clientOptions: { maxBackoffMs: 2_000, maxLoginBackoffMs: 2_000 },
  });
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  simulatorChargers: [1, { scope: 'worker', option: true }],
  simulatorSeed: [7, { scope: 'worker', option: true }],
  serverEnv: [{}, { scope: 'worker', option: true }],
  server: [
    async ({ simulatorChargers, simulatorSeed, serverEnv }, use) => {
      const server = await startServer({
        env: {
          SIMULATOR_CHARGERS: String(simulatorChargers),
          SIMULATOR_SEED: String(simulatorSeed),
          CHARGER_TIMEZONE: 'Europe/Berlin',
          ...serverEnv,
        },
        distDir: DIST_DIR,
        port: 0,
        host: '127.0.0.1',
        // Tests lift faults and expect recovery within a couple of polls.
        clientOptions: { maxBackoffMs: 2_000, maxLoginBackoffMs: 2_000 },
      });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  // Playwright reads the fixtures a fixture needs from its first parameter: none here.
  // eslint-disable-next-line no-empty-pattern
  ownServer: async ({}, use) => {
    let current: RunningServer | null = await startOnPort(0);
    const port = current.port;
    const url = current.url;
    await use({
      url,
      get current() {
        return current;
      },
      async stop() {
        await current?.close();
        current = null;
      },
      async start() {
        current = await startOnPort(port);
        return current;
      },
    });
    await current?.close();
  },
  sim: async ({ server }, use) => {
    const sim = server.simulator!;
    sim.faults.clear();
    await use(sim);
    // Leave the worker's simulator clean for the next test: no faults, no forced connector.
    sim.faults.clear();
    for (const charger of sim.chargers) sim.setConnector(charger.id, 1, null);
  },
});

export { expect };
