/**
 * The live path assembled by startServer, against the simulator over real HTTP: the timings the
 * browser learns, health from the collector's validated reading, and the stream limit under a
 * crowd of 250 screens.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../start.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { SIMULATOR_SEED: '5', STATUS_TTL_MS: '0', STATUS_INTERVAL_MS: '1000' }, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});

describe('live server', () => {
  it('tells the browser its timings and clock', async () => {
    const before = Date.now();
    const body = (await (await fetch(`${server.url}/api/chargers`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusIntervalMs: 1000, staleAfterMs: 2500, streamSilenceMs: 30_000 });
    const now = Date.parse(body.now as string);
    expect(now).toBeGreaterThanOrEqual(before - 1);
    expect(now).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('health follows the collector: a status section of the wrong shape is not ok, and says which', async () => {
    const get = async () => (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean; chargers: Array<{ lastError: unknown }> };
    expect((await get()).ok).toBe(true);
    server.simulator!.faults.set({ endpoint: 'generalStatus', malformedSection: 'powerManagement' });
    try {
      const health = await get();
      expect(health.ok).toBe(false);
      expect(health.chargers[0]!.lastError).toEqual({
        code: 'charger_bad_response',
        message: expect.stringMatching(/^the status answer has an unexpected shape \(powerManagement: /),
      });
    } finally {
      server.simulator!.faults.clear();
    }
    expect((await get()).ok).toBe(true);
  });

  it('250 screens: 200 streams open, the rest get 503 too_many_streams, and memory stays bounded', async () => {
    const statuses: number[] = [];
    const requests: ClientRequest[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    const opened = Array.from({ length: 250 }, () =>
      new Promise<void>((resolve) => {
        const req = httpRequest(`${server.url}/api/events`, (response) => {
          statuses.push(response.statusCode ?? 0);
          response.resume();
          resolve();
        });
        req.on('error', () => resolve());
        req.end();
        requests.push(req);
      }),
    );
    await Promise.all(opened);
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(statuses.filter((s) => s === 503)).toHaveLength(50);
    // Readings go out to all 200 while they stay open: two more of them.
    const collector = [...server.collectors.values()][0]!;
    let readings = 0;
    const off = collector.onReading(() => (readings += 1));
    await vi.waitFor(() => expect(readings).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    off();
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    for (const req of requests) req.destroy();
    // Once they are gone, new screens are served again.
    await vi.waitFor(async () => {
      const response = await fetch(`${server.url}/api/events?chargers=`);
      expect(response.status).toBe(200);
      await response.body?.cancel();
    });
  }, 30_000);
});
