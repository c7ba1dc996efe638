/**
 * The archive's SQLite file: opening it (ours, or new), its pragmas and migrations, the charger
 * id map, and the one place writes go through. A write the file cannot take (a full disk, a file
 * or folder that cannot be written, a damaged file) becomes one log line and a paused archive
 * instead of an error per write; a file that cannot be opened becomes an ArchiveFileError that
 * says precisely why (diagnosis.ts), never a reason to stop the server.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { codeOf, describeProblem, diagnose, isDamage, realProbes, type ArchiveProblem, type FileProbes } from './diagnosis.ts';
import { MIGRATIONS } from './migrations.ts';

/** `PRAGMA application_id` of our files ("INCH"): tells our archive from any other SQLite file. */
export const APPLICATION_ID = 0x494e4348;

/** The path of a store that lives as long as the process (what runs without an archive keeps its state in the same tables). */
export const MEMORY = ':memory:';

/** The archive file cannot be used; `problem` says why and what to do. */
export class ArchiveFileError extends Error {
  override name = 'ArchiveFileError';
  constructor(readonly problem: ArchiveProblem) {
    super(`${problem.message}; ${problem.fix}`);
  }
}

export interface StoreOptions {
  /**
   * Opens the file read-only, as SQLite does by itself when the system refuses to let it write
   * (tests that run as root, where a file's mode does not stop writes, simulate such a file so).
   */
  readonly?: boolean;
  /** Called inside every write transaction before it writes: tests throw SQLite's failures here. */
  writeFault?: () => void;
  probes?: FileProbes;
}

export interface ArchiveStore {
  readonly db: Database.Database;
  readonly path: string;
  /** The small integer a charger's rows carry; created on first use. */
  chargerKey(chargerId: string): number;
  /**
   * Runs `fn` in a transaction. A write the file cannot take answers undefined (and is logged
   * once): a full disk or a read-only file until a write succeeds again (each write tries), a
   * damaged file for good; other errors are thrown.
   */
  write<T>(fn: () => T): T | undefined;
  /** True while the last write failed for lack of space. */
  readonly full: boolean;
  /** Why writes are paused, or null. */
  readonly problem: ArchiveProblem | null;
  /** Stops all writes because reading found the file damaged. */
  markDamaged(problem: ArchiveProblem): void;
  close(): void;
}

/** The key of a charger the file could not add (it cannot be written): matches no row. */
const NO_CHARGER = -1;

/** Write failures that pause the archive until a write succeeds again. */
const PAUSING_KINDS = new Set<ArchiveProblem['kind']>(['disk_full', 'read_only']);

export function isDiskFull(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_SHMSIZE';
}

export function openArchiveStore(path: string, log: (line: string) => void = () => {}, options: StoreOptions = {}): ArchiveStore {
  const file = path === MEMORY ? MEMORY : resolve(path);
  const probes = options.probes ?? realProbes;
  try {
    if (file !== MEMORY) mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new ArchiveFileError(diagnose(file, error, probes));
  }
  let db: Database.Database;
  try {
    db = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
  } catch (error) {
    throw new ArchiveFileError(diagnose(file, error, probes));
  }
  try {
    prepare(db, file, probes);
  } catch (error) {
    db.close();
    throw error;
  }

  const keys = new Map<string, number>();
  const findKey = db.prepare<[string], { id: number }>('SELECT id FROM chargers WHERE key = ?');
  const addKey = db.prepare('INSERT INTO chargers (key) VALUES (?)');
  let problem: ArchiveProblem | null = null;
  /** A disk that is nearly full lets small writes through and refuses big ones: one line an hour, not one per write. */
  let loggedAt = Number.NEGATIVE_INFINITY;
  let loggedKind: ArchiveProblem['kind'] | null = null;
  let logged = false;

  const store: ArchiveStore = {
    db,
    path: file,
    get full() {
      return problem?.kind === 'disk_full';
    },
    get problem() {
      return problem;
    },
    markDamaged(found) {
      // Known already, as precisely (a read found it, the check then names the page).
      if (problem && !PAUSING_KINDS.has(problem.kind) && (problem.page !== null || found.page === null)) return;
      problem = found;
      log(`archive: ${found.message}; ${found.fix}`);
    },
    chargerKey(chargerId) {
      const known = keys.get(chargerId);
      if (known !== undefined) return known;
      const id = findKey.get(chargerId)?.id ?? store.write(() => Number(addKey.run(chargerId).lastInsertRowid));
      // A file that cannot take the new charger: no rows are found under a key that is not there.
      if (id === undefined) return NO_CHARGER;
      keys.set(chargerId, id);
      return id;
    },
    write(fn) {
      // Writing into a damaged file can spread the damage: nothing more until it is recovered.
      if (problem && !PAUSING_KINDS.has(problem.kind)) return undefined;
      try {
        const result = db.transaction(() => {
          options.writeFault?.();
          return fn();
        })();
        if (problem && logged) log(`archive: writing again to ${file}`);
        problem = null;
        logged = false;
        return result;
      } catch (error) {
        const code = codeOf(error);
        if (!isDamage(code) && !isDiskFull(error) && !code.startsWith('SQLITE_READONLY')) throw error;
        const found = diagnose(file, error, probes);
        if (problem?.kind !== found.kind) {
          const flapping = problem === null && found.kind === loggedKind && Date.now() - loggedAt < 3_600_000;
          if (!flapping) {
            const pauses = PAUSING_KINDS.has(found.kind) ? 'the live view goes on, the archive pauses and goes on by itself once it can write; ' : 'the live view goes on; ';
            log(`archive: ${found.message}; ${pauses}${found.fix}`);
            loggedAt = Date.now();
            loggedKind = found.kind;
            logged = true;
          }
          problem = found;
        }
        return undefined;
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
  return store;
}

/** Checks the file is ours (or empty), sets the pragmas, runs what migrations are due. */
function prepare(db: Database.Database, file: string, probes: FileProbes): void {
  const fail = (error: unknown): never => {
    throw new ArchiveFileError(diagnose(file, error, probes));
  };
  let appId = 0;
  let version = 0;
  let tables = 0;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  } catch (error) {
    fail(error);
  }
  if (appId !== APPLICATION_ID && !(appId === 0 && version === 0 && tables === 0)) {
    throw new ArchiveFileError(describeProblem(file, { kind: 'other_program' }, probes));
  }
  if (version > MIGRATIONS.length) {
    throw new ArchiveFileError(describeProblem(file, { kind: 'newer_version', schema: { file: version, known: MIGRATIONS.length } }, probes));
  }
  try {
    // WAL: readers (the reader threads) never wait for the writer, and a crash loses no committed
    // write. NORMAL is durable against a crash of this process; only a power cut can lose the
    // last commits, never corrupt the file.
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    fail(error);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    try {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]!);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${v + 1}`);
      })();
    } catch (error) {
      fail(error);
    }
  }
}
