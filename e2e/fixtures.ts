/**
 * Every test gets a world of its own, starting at the pinned moment (e2e/world.ts): its own server
 * with the embedded simulator on free loopback ports, both on the world's clock, and a browser
 * context whose pages' clock is installed at the same moment. Whatever ran before in the worker,
 * a test sees the simulated household as it is at that moment (docs/decisions.md: one world per
 * test). `sim` is the simulator's in-process control (faults, forced connector states, request
 * counts).
 *
 * The server's waits are short here (a reading a second, stale after 2.5 s, a silent stream given
 * up after 3 s, pauses of at most 2 s), so tests wait for what they check in seconds, not for the
 * production cadence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext } from '@playwright/test';
import { DIST_DIR } from '../server/paths.ts';
import { startServer, type EmbeddedSimulatorOptions, type RunningServer, type StartOptions } from '../server/start.ts';
import type { RunningSimulator } from '../server/simulator/simulator.ts';
import { startWorld, ZONE, type World } from './world.ts';

/** The server's cadence in these tests; the page learns it from /api/chargers like any page. */
export const TEST_STATUS_INTERVAL_MS = 1_000;
/** 2.5 intervals: a reading this old is stale. */
export const TEST_STALE_AFTER_MS = 2_500;
/** A silent stream is given up after this (three intervals). */
export const TEST_STREAM_SILENCE_MS = 3_000;

const SHORT_WAITS_ENV = {
  STATUS_INTERVAL_MS: String(TEST_STATUS_INTERVAL_MS),
  STREAM_SILENCE_MS: String(TEST_STREAM_SILENCE_MS),
  // Every reading reaches the simulator: a change forced there is on the next reading.
  STATUS_TTL_MS: '0',
  CHARGER_TIMEZONE: ZONE,
};

/**
 * startServer's options for a test's server on the test's clock, with the short waits. Tests that
 * start a server of their own (a second one in front of the same simulator, say) use it too.
 */
export function testServerOptions(world: World, options: StartOptions & { env: Record<string, string> }): StartOptions {
  return {
    distDir: DIST_DIR,
    port: 0,
    host: '127.0.0.1',
    now: world.now,
    // Tests lift faults and expect recovery within a couple of readings.
    clientOptions: { maxBackoffMs: 2_000, loginBackoffMs: 1_000, maxLoginBackoffMs: 2_000 },
    streams: { retryMs: 500 },
    ...options,
    env: { ...SHORT_WAITS_ENV, ...options.env },
  };
}

/** Installs the world's clock in a context the test opened itself (`browser.newContext`). */
export async function pinClock(context: BrowserContext, world: World): Promise<void> {
  await context.clock.install({ time: world.now() });
}

interface TestFixtures {
  /** This test's clock: the pinned moment when it began, moving on in real time. */
  world: World;
  server: RunningServer;
  simulatorChargers: number;
  simulatorSeed: number;
  /** Extra server configuration (environment variables). */
  serverEnv: Record<string, string>;
  /** The simulator's world: clock rate (0: it stands still at the pinned moment), history, the world's variety. */
  simulatorOptions: EmbeddedSimulatorOptions;
  /** Whether the server keeps an archive (a fresh file for each test). */
  archive: boolean;
  sim: RunningSimulator;
  /** A server of the test's own, which the test may stop and start again on the same port. */
  ownServer: OwnServer;
}

export interface OwnServer {
  readonly url: string;
  readonly current: RunningServer | null;
  /** Stops the server (the page's streams end, the port closes); `current` is null from the start of it. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it listens. */
  start(): Promise<RunningServer>;
}

export const test = base.extend<TestFixtures>({
  // Playwright reads the fixtures a fixture needs from its first parameter: none here.
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => {
    await use(startWorld());
  },
  simulatorChargers: [1, { option: true }],
  simulatorSeed: [7, { option: true }],
  serverEnv: [{}, { option: true }],
  simulatorOptions: [{}, { option: true }],
  archive: [false, { option: true }],
  server: async ({ world, simulatorChargers, simulatorSeed, serverEnv, simulatorOptions, archive }, use) => {
    const folder = archive ? mkdtempSync(join(tmpdir(), 'inch-e2e-archive-')) : null;
    const server = await startServer(
      testServerOptions(world, {
        env: {
          SIMULATOR_CHARGERS: String(simulatorChargers),
          SIMULATOR_SEED: String(simulatorSeed),
          ...(folder ? { ARCHIVE_PATH: join(folder, 'archive.sqlite') } : {}),
          ...serverEnv,
        },
        simulatorOptions,
      }),
    );
    await use(server);
    await server.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  context: async ({ context, world }, use) => {
    await pinClock(context, world);
    await use(context);
    // A route still answering when the test ends (a poll rewritten in flight, a stream held
    // open) has nobody left to answer; that is not the test's failure.
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  },
  page: async ({ page }, use) => {
    await use(page);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  },
  ownServer: async ({ world }, use) => {
    const startOnPort = (port: number) => startServer(testServerOptions(world, { env: { SIMULATOR_CHARGERS: '1', SIMULATOR_SEED: '7' }, port }));
    let current: RunningServer | null = await startOnPort(0);
    const port = current.port;
    const url = current.url;
    await use({
      url,
      get current() {
        return current;
      },
      async stop() {
        // Gone from the moment it starts closing: `current` is null while it is down.
        const closing = current;
        current = null;
        await closing?.close();
      },
      async start() {
        current = await startOnPort(port);
        return current;
      },
    });
    await current?.close();
  },
  sim: async ({ server }, use) => {
    await use(server.simulator!);
  },
});

export { expect };
