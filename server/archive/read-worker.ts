/**
 * One archive reader thread (see read-pool.ts): its own read-only connection to the archive,
 * the readers of readers.ts, one job at a time. A failure goes back with SQLite's code, so the
 * main thread can tell a damaged file from a bug of ours.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createReaders, type ArchiveReaders } from './readers.ts';

export interface ReadJobMessage {
  id: number;
  op: keyof ArchiveReaders;
  args: unknown[];
}

export type ReadAnswerMessage = { id: number; value: unknown } | { id: number; error: { code: string; message: string } };

const { file } = workerData as { file: string };
let readers: ArchiveReaders | null = null;
let openFailure: { code: string; message: string } | null = null;
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  readers = createReaders(db);
} catch (error) {
  openFailure = failureOf(error);
}

const encoder = new TextEncoder();

parentPort!.on('message', ({ id, op, args }: ReadJobMessage) => {
  let answer: ReadAnswerMessage;
  const transfer: ArrayBuffer[] = [];
  try {
    if (!readers) throw Object.assign(new Error(openFailure!.message), { code: openFailure!.code });
    const read = readers[op] as (...a: unknown[]) => unknown;
    let value = read(...args);
    // A big answer's JSON goes over as bytes, moved rather than copied, and stays out of the main
    // thread's heap: megabytes of text there would be copied again and weigh on its collector.
    const json = (value as { json?: unknown } | null)?.json;
    if (typeof json === 'string') {
      const bytes = encoder.encode(json);
      transfer.push(bytes.buffer as ArrayBuffer);
      value = { ...(value as object), json: bytes };
    }
    answer = { id, value };
  } catch (error) {
    answer = { id, error: failureOf(error) };
  }
  parentPort!.postMessage(answer, transfer);
});

function failureOf(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return { code: typeof code === 'string' ? code : 'error', message: error instanceof Error ? error.message : String(error) };
}
