/**
 * A charger request's timeout is not the charger's fault when our own event loop was busy: its
 * answer, waiting to be read, wins over the timer that fired late.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChargerClient } from './charger-client.ts';
import { LATE_TOLERANCE_MS, loadTolerantTimeout } from './load-tolerant-timeout.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the load-tolerant timeout', () => {
  it('aborts on time while the event loop is free, with a TimeoutError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    let clock = 0;
    const timeout = loadTolerantTimeout(1000, { now: () => clock });
    clock = 999;
    await vi.advanceTimersByTimeAsync(999);
    expect(timeout.signal.aborted).toBe(false);
    clock = 1000;
    await vi.advanceTimersByTimeAsync(1);
    // Judged after the I/O of that turn: on the next immediate.
    await vi.advanceTimersByTimeAsync(1);
    expect(timeout.signal.aborted).toBe(true);
    expect((timeout.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('starts the time again when its timer fires late because our own event loop was busy', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    let clock = 0;
    const timeout = loadTolerantTimeout(1000, { now: () => clock });
    // The timer fires 3 s late: our process was blocked.
    clock = 4000;
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1);
    expect(timeout.signal.aborted).toBe(false);
    // Its full time again, from when the loop was free.
    clock = 4000 + 999;
    await vi.advanceTimersByTimeAsync(999);
    expect(timeout.signal.aborted).toBe(false);
    clock = 4000 + 1000 + LATE_TOLERANCE_MS / 2;
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(timeout.signal.aborted).toBe(true);
  });

  it('is cleared with the exchange', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    const timeout = loadTolerantTimeout(1000);
    timeout.clear();
    await vi.advanceTimersByTimeAsync(5000);
    expect(timeout.signal.aborted).toBe(false);
  });
});

/**
 * A charger in a thread of its own, so it answers while our thread is blocked. `step` is shared:
 * 1 once it has our request, then it waits until we set 2 before it answers, and sets 3 once the
 * answer is sent.
 */
async function chargerInAThread(): Promise<{ url: string; step: Int32Array; close(): Promise<number> }> {
  const step = new Int32Array(new SharedArrayBuffer(4));
  const code = `
    import { createServer } from 'node:http';
    import { parentPort, workerData } from 'node:worker_threads';
    const step = workerData;
    const server = createServer((req, res) => {
      Atomics.store(step, 0, 1);
      Atomics.notify(step, 0);
      Atomics.wait(step, 0, 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"evses":[]}', () => Atomics.store(step, 0, 3));
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
    parentPort.on('message', () => server.close(() => process.exit(0)));
  `;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: step });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    step,
    close: () => {
      worker.postMessage('close');
      return new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

describe('a charger request while our event loop is blocked', () => {
  it('takes the answer that arrived meanwhile instead of calling the charger slow', async () => {
    const charger = await chargerInAThread();
    const timeoutMs = 200;
    const client = new ChargerClient(
      { id: 'platz13', name: 'Platz 13', url: charger.url, auth: { kind: 'token', token: 't' }, insecureTls: false, simulated: false },
      { timeoutMs, statusTtlMs: 0 },
    );
    try {
      const status = client.generalStatus();
      // The charger has our request: from now on our thread is busy (a long synchronous job of
      // ours) while the charger answers, until well after the request's timeout.
      while (Atomics.load(charger.step, 0) === 0) await new Promise((resolve) => setImmediate(resolve));
      const blockedAt = performance.now();
      Atomics.store(charger.step, 0, 2);
      Atomics.notify(charger.step, 0);
      while (Atomics.load(charger.step, 0) !== 3 || performance.now() - blockedAt < 3 * timeoutMs) {
        // busy
      }
      await expect(status).resolves.toBe('{"evses":[]}');
      expect(client.health()).toMatchObject({ reachable: true, lastError: null });
    } finally {
      await client.close();
      await charger.close();
    }
  });
});
