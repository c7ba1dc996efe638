/**
 * Start-up: the embedded simulator follows the configuration, each charger's zone is logged, and
 * a start that fails leaves nothing running behind it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from './config.ts';
import { startErrorMessage, startServer } from './start.ts';

const listeningServers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;

describe('startServer', () => {
  // First in the file: the count of listening servers is not disturbed by an earlier test's
  // closing ones.
  it('closes the simulator it started when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const before = listeningServers();
      const failed = await startServer({ env: { SIMULATOR_SEED: '3' }, port, host: '127.0.0.1' }).catch((error: unknown) => error);
      expect((failed as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
      expect(startErrorMessage(failed)).toBe(`Cannot start: port ${port} is already in use; set PORT to another port`);
      // The simulator had been listening on its own port; it is gone again (handles are released
      // a tick after the close callbacks).
      await vi.waitFor(() => expect(listeningServers()).toBe(before), { timeout: 2000 });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('runs the embedded simulator in CHARGER_TIMEZONE', async () => {
    const server = await startServer({ env: { CHARGER_TIMEZONE: 'America/New_York', SIMULATOR_SEED: '3' }, port: 0, host: '127.0.0.1' });
    try {
      const state = (await (await fetch(`${server.simulator!.url}/_sim/state`)).json()) as { timeZone: string };
      expect(state.timeZone).toBe('America/New_York');
    } finally {
      await server.close();
    }
  });

  it('logs each charger’s zone and where it came from, the settings screen’s zone included, with a warning for a UTC server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inch-start-zones-'));
    const file = join(dir, 'chargers.json');
    // Nothing listens there: the chargers are never asked, only configured.
    writeFileSync(file, JSON.stringify([
      { id: 'zurich', url: 'http://127.0.0.1:9', token: 't', timeZone: 'Europe/Zurich' },
      { id: 'garage', url: 'http://127.0.0.1:9', token: 't' },
      { id: 'carport', url: 'http://127.0.0.1:9', token: 't' },
    ]));
    const env = { CHARGERS_FILE: file, ARCHIVE_PATH: join(dir, 'archive.sqlite') };
    const first = await startServer({ env, serverTimeZone: 'UTC', archiveOptions: { fill: false }, port: 0, host: '127.0.0.1' });
    try {
      const saved = await fetch(`${first.url}/api/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: first.url }, body: JSON.stringify({ timeZones: { carport: 'Europe/Vienna' } }) });
      expect(saved.status).toBe(200);
    } finally {
      await first.close();
    }
    const lines: string[] = [];
    const again = await startServer({ env, serverTimeZone: 'UTC', archiveOptions: { fill: false }, port: 0, host: '127.0.0.1', log: (line) => lines.push(line) });
    try {
      expect(lines.filter((line) => line.includes('time zone'))).toEqual([
        'charger zurich: time zone Europe/Zurich (its CHARGERS_FILE entry)',
        expect.stringMatching(/^charger garage: time zone UTC \(the server’s own zone\); warning: the server runs in UTC and no zone is set for this charger/),
        'charger carport: time zone Europe/Vienna (set on the settings screen)',
      ]);
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs everything it starts on the clock it is given: the simulator, the readings, the time the screens are told', async () => {
    // A pinned moment far from today: any part left on the machine's clock would show it.
    const pinned = Date.parse('2031-03-31T23:58:00+02:00');
    const origin = Date.now();
    const now = () => pinned + (Date.now() - origin);
    const server = await startServer({ env: { SIMULATOR_SEED: '3', STATUS_INTERVAL_MS: '500', STATUS_TTL_MS: '0' }, port: 0, host: '127.0.0.1', now });
    try {
      const near = (ms: number) => Math.abs(ms - now()) < 60_000;
      expect(near(server.simulator!.now()), 'the simulator').toBe(true);
      const list = (await (await fetch(`${server.url}/api/chargers`)).json()) as { now: string };
      expect(near(Date.parse(list.now)), 'the time the screens are told').toBe(true);
      const collector = [...server.collectors.values()][0]!;
      const reading = await new Promise<number>((resolve) => {
        const release = collector.hold();
        const off = collector.onReading((r) => {
          off();
          release();
          resolve(r.receivedAt);
        });
      });
      expect(near(reading), 'a reading').toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reports a configuration error as one line', () => {
    expect(startErrorMessage(new ConfigError('PORT must be a whole number from 0 to 65535, not "x"'))).toBe(
      'Configuration error: PORT must be a whole number from 0 to 65535, not "x"',
    );
  });
});
