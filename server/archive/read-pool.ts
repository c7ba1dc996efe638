/**
 * The archive's reads, off the thread that serves the live stream. better-sqlite3 is synchronous:
 * a query of ten years of power or twenty years of sessions holds its thread for as long as it
 * runs, and on the main thread every event stream, status answer and charger timer waits with it.
 * So, as better-sqlite3's documentation recommends for slow queries, reads run in worker threads,
 * each with its own read-only connection (WAL lets them read while the main thread writes).
 *
 * Work waits in a fair queue, one line per client (the screen's address), served round-robin, at
 * most 64 waiting per client; `priority` work (the health counts) goes first. A request whose
 * client went away before it ran is dropped. A thread that dies is replaced; when threads cannot
 * start at all, reads fall back to a connection on the main thread (logged once).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ClientGoneError } from '../charger/scheduler.ts';
import { FairQueue } from './fair-queue.ts';
import { createReaders, type ArchiveReaders } from './readers.ts';
import type { ReadAnswerMessage, ReadJobMessage } from './read-worker.ts';

export type ReadOp = keyof ArchiveReaders;
type ReadArgs<K extends ReadOp> = Parameters<ArchiveReaders[K]>;
type ReadResult<K extends ReadOp> = ReturnType<ArchiveReaders[K]>;

/** Who asks: the client's fair-queue key, its abort signal, and whether the work goes first. */
export interface ReadRequester {
  clientKey?: string;
  signal?: AbortSignal;
  priority?: boolean;
}

/** A read failed in SQLite (`code`: its error code, e.g. SQLITE_CORRUPT) or its thread died. */
export class ArchiveReadError extends Error {
  override name = 'ArchiveReadError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One client has too many archive reads waiting; answered with 429. */
export class ReadQueueFullError extends Error {
  override name = 'ReadQueueFullError';
  constructor(readonly waiting: number) {
    super(`too many archive reads from this client are waiting (${waiting}); try again shortly`);
  }
}

export interface ReadPoolOptions {
  file: string;
  /** Reader threads; 0 reads on the main thread. Default: the cores less one (the main thread's), 1 to 2. */
  threads?: number;
  maxWaitingPerClient?: number;
  log?: (line: string) => void;
  /** Starts one reader thread; tests give their own. */
  startWorker?: (file: string) => Worker;
}

interface Job {
  op: ReadOp;
  args: unknown[];
  clientKey: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | null;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** The thread answered at least once: a thread that dies before is a failed start. */
  answered: boolean;
}

const ANONYMOUS = '';
/** Threads that die before their first answer this often in a row mean threads cannot run here. */
const MAX_FAILED_STARTS = 3;

export function defaultReadThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

export class ArchiveReadPool {
  private readonly queue: FairQueue<Job>;
  private readonly urgent: Job[] = [];
  private readonly slots: Slot[] = [];
  private inline: ArchiveReaders | null = null;
  private inlineDb: Database.Database | null = null;
  private failedStarts = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ReadPoolOptions) {
    this.queue = new FairQueue(options.maxWaitingPerClient ?? 64);
    const threads = options.threads ?? defaultReadThreads();
    for (let i = 0; i < threads; i++) this.spawn();
  }

  /** Runs `op` of readers.ts with `args` on a reader thread, in the asker's turn. */
  run<K extends ReadOp>(op: K, args: ReadArgs<K>, who: ReadRequester = {}): Promise<ReadResult<K>> {
    if (this.closed) return Promise.reject(new ArchiveReadError('closed', 'the archive is closed'));
    if (who.signal?.aborted) return Promise.reject(new ClientGoneError());
    return new Promise((resolve, reject) => {
      const job: Job = { op, args, clientKey: who.clientKey ?? ANONYMOUS, resolve: resolve as (value: unknown) => void, reject, signal: who.signal, onAbort: null };
      if (who.priority) {
        this.urgent.push(job);
      } else if (!this.queue.push(job.clientKey, job)) {
        reject(new ReadQueueFullError(this.options.maxWaitingPerClient ?? 64));
        return;
      }
      if (who.signal) {
        job.onAbort = () => {
          const index = this.urgent.indexOf(job);
          if (index >= 0) this.urgent.splice(index, 1);
          if (index >= 0 || this.queue.remove(job.clientKey, job)) reject(new ClientGoneError());
        };
        who.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.dispatch();
    });
  }

  /** Reads waiting and running, for tests and diagnostics. */
  load(): { waiting: number; running: number; threads: number } {
    return { waiting: this.queue.size + this.urgent.length, running: this.slots.filter((s) => s.job).length, threads: this.slots.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.urgent.splice(0), ...this.queue.drain()]) this.settle(job, new ArchiveReadError('closed', 'the archive is closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) if (slot.job) this.settle(slot.job, new ArchiveReadError('closed', 'the archive is closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    this.inlineDb?.close();
  }

  private next(): Job | undefined {
    return this.urgent.shift() ?? this.queue.shift();
  }

  private dispatch(): void {
    if (this.slots.length === 0) {
      // No threads: read here, one job per turn of the event loop, so the stream gets its turns between them.
      if (this.closed || (this.urgent.length === 0 && this.queue.size === 0)) return;
      setImmediate(() => this.runInline());
      return;
    }
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.next();
      if (!job) return;
      this.detach(job);
      slot.job = job;
      const message: ReadJobMessage = { id: this.nextId++, op: job.op, args: job.args };
      slot.worker.postMessage(message);
    }
  }

  private runInline(): void {
    const job = this.next();
    if (!job) return;
    this.detach(job);
    try {
      if (!this.inline) {
        this.inlineDb = new Database(this.options.file, { readonly: true, fileMustExist: true });
        this.inline = createReaders(this.inlineDb);
      }
      const read = this.inline[job.op] as (...a: unknown[]) => unknown;
      job.resolve(read(...job.args));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      job.reject(new ArchiveReadError(typeof code === 'string' ? code : 'error', error instanceof Error ? error.message : String(error)));
    }
    this.dispatch();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = (this.options.startWorker ?? startReadWorker)(this.options.file);
    } catch (error) {
      this.giveUpThreads(error);
      return;
    }
    const slot: Slot = { worker, job: null, answered: false };
    this.slots.push(slot);
    worker.on('message', (answer: ReadAnswerMessage) => {
      slot.answered = true;
      this.failedStarts = 0;
      const job = slot.job;
      slot.job = null;
      if (job) {
        if ('error' in answer) job.reject(new ArchiveReadError(answer.error.code, answer.error.message));
        else job.resolve(answer.value);
      }
      this.dispatch();
    });
    // An uncaught error ends the thread; 'exit' follows and cleans up.
    worker.on('error', (error) => {
      if (!this.closed) this.options.log?.(`archive: a reader thread failed: ${error.message}`);
    });
    worker.on('exit', () => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      if (slot.job) this.settle(slot.job, new ArchiveReadError('reader_stopped', 'the archive reader stopped during this read'));
      if (this.closed) return;
      if (!slot.answered && ++this.failedStarts >= MAX_FAILED_STARTS) {
        this.giveUpThreads(new Error('reader threads stop before their first answer'));
        return;
      }
      this.spawn();
      this.dispatch();
    });
  }

  private giveUpThreads(error: unknown): void {
    for (const slot of this.slots.splice(0)) void slot.worker.terminate();
    this.options.log?.(`archive: reads run on the main thread (reader threads cannot start: ${error instanceof Error ? error.message : String(error)})`);
    this.dispatch();
  }

  private detach(job: Job): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    job.onAbort = null;
  }

  private settle(job: Job, error: Error): void {
    this.detach(job);
    job.reject(error);
  }
}

/**
 * The reader thread's entry: the compiled read-worker.js next to this file in production; from
 * the TypeScript sources (development, tests), read-worker.ts through tsx's loader, registered in
 * the thread itself (a thread does not inherit the main thread's loader).
 */
function startReadWorker(file: string): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./read-worker.js', here), { workerData: { file } });
  const entry = new URL('./read-worker.ts', here).href;
  const bootstrap = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: { file } });
}
