/**
 * The archive's reader threads: reads run beside the main thread, in turn per client, at most 64
 * waiting per client, a client's abandoned read never runs, the health counts go first, a dead
 * thread is replaced, and without threads the reads still answer (on the main thread).
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientGoneError } from '../charger/scheduler.ts';
import { openArchiveStore } from './store.ts';
import { ArchiveReadError, ArchiveReadPool, ReadQueueFullError } from './read-pool.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const pools: ArchiveReadPool[] = [];
const temps: Array<{ remove(): void }> = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
  for (const t of temps.splice(0)) t.remove();
});

/**
 * A reader thread the test steers: it answers every read with its first argument, except that
 * `'hold'` waits until the test opens the gate and `'crash'` ends the thread.
 */
function steeredPool(options: { maxWaitingPerClient?: number } = {}) {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const code = `
    import { parentPort, workerData } from 'node:worker_threads';
    parentPort.on('message', ({ id, args }) => {
      if (args[0] === 'hold') Atomics.wait(workerData, 0, 0);
      if (args[0] === 'crash') process.exit(1);
      parentPort.postMessage({ id, value: args[0] });
    });
  `;
  const pool = new ArchiveReadPool({
    file: 'unused',
    threads: 1,
    ...options,
    startWorker: () => new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: gate }),
  });
  pools.push(pool);
  const done: string[] = [];
  const read = (label: string, who: Parameters<ArchiveReadPool['run']>[2] = {}) =>
    pool.run('health', [label], who).then((value) => {
      done.push(value as unknown as string);
      return value as unknown as string;
    });
  return {
    pool,
    done,
    read,
    open() {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the archive reader threads', () => {
  it('run a read beside the main thread, which goes on meanwhile', async () => {
    const { pool, read, open } = steeredPool();
    const held = read('hold');
    let turns = 0;
    while (pool.load().running === 0 || turns < 5) {
      await turn();
      turns += 1;
    }
    expect(pool.load()).toMatchObject({ running: 1, threads: 1 });
    open();
    await expect(held).resolves.toBe('hold');
  });

  it('serve waiting clients in turn: a client behind another one with many reads waits for one of them', async () => {
    const { read, done, open } = steeredPool();
    const all = [read('hold', { clientKey: 'x' }), ...['a1', 'a2', 'a3'].map((label) => read(label, { clientKey: 'a' })), read('b1', { clientKey: 'b' })];
    open();
    await Promise.all(all);
    expect(done).toEqual(['hold', 'a1', 'b1', 'a2', 'a3']);
  });

  it('never run a read whose client went away while it waited', async () => {
    const { read, done, open } = steeredPool();
    const held = read('hold');
    const gone = new AbortController();
    const abandoned = read('abandoned', { clientKey: 'c', signal: gone.signal });
    const kept = read('kept', { clientKey: 'd' });
    gone.abort();
    await expect(abandoned).rejects.toBeInstanceOf(ClientGoneError);
    open();
    await Promise.all([held, kept]);
    expect(done).toEqual(['hold', 'kept']);
  });

  it('refuse a client with too many reads waiting, and put the health counts first', async () => {
    const { read, done, open } = steeredPool({ maxWaitingPerClient: 2 });
    const held = read('hold', { clientKey: 'x' });
    const waiting = [read('a1', { clientKey: 'a' }), read('a2', { clientKey: 'a' })];
    await expect(read('a3', { clientKey: 'a' })).rejects.toBeInstanceOf(ReadQueueFullError);
    const health = read('health', { priority: true });
    open();
    await Promise.all([held, ...waiting, health]);
    expect(done).toEqual(['hold', 'health', 'a1', 'a2']);
  });

  it('replace a thread that dies; the read it ran fails, the next is answered', async () => {
    const { read } = steeredPool();
    await expect(read('crash')).rejects.toSatisfy((error) => error instanceof ArchiveReadError && error.code === 'reader_stopped');
    await expect(read('after')).resolves.toBe('after');
  });

  it('read on the main thread when threads cannot start, and say so once', async () => {
    const t = temporaryArchive();
    temps.push(t);
    openArchiveStore(t.path).close();
    const lines: string[] = [];
    const pool = new ArchiveReadPool({
      file: t.path,
      threads: 1,
      log: (line) => lines.push(line),
      startWorker: () => {
        throw new Error('no threads here');
      },
    });
    pools.push(pool);
    await expect(pool.run('health', ['platz13'])).resolves.toMatchObject({ points: 0, sessions: 0 });
    expect(lines).toEqual([expect.stringContaining('reads run on the main thread (reader threads cannot start: no threads here)')]);
  });

  it('run the real readers on a thread of their own', async () => {
    const t = temporaryArchive();
    temps.push(t);
    openArchiveStore(t.path).close();
    const lines: string[] = [];
    const pool = new ArchiveReadPool({ file: t.path, threads: 1, log: (line) => lines.push(line) });
    pools.push(pool);
    await expect(pool.run('health', ['platz13'])).resolves.toMatchObject({ points: 0, sessions: 0 });
    expect(pool.load().threads).toBe(1);
    expect(lines).toEqual([]);
  });
});
