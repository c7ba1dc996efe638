/**
 * The archive's SQLite file: opening it (ours, or new), its pragmas and migrations, the charger
 * id map, and the one place writes go through, which turns a full disk into one log line and a
 * paused archive instead of an error per write.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config.ts';
import { MIGRATIONS } from './migrations.ts';

/** `PRAGMA application_id` of our files ("INCH"): tells our archive from any other SQLite file. */
export const APPLICATION_ID = 0x494e4348;

export const MEMORY = ':memory:';

export class ArchiveFileError extends ConfigError {}

export interface ArchiveStore {
  readonly db: Database.Database;
  readonly path: string;
  /** The small integer a charger's rows carry; created on first use. */
  chargerKey(chargerId: string): number;
  /**
   * Runs `fn` in a transaction. A full disk (or a size-limited file) is logged once and answers
   * undefined until a write succeeds again; other errors are thrown.
   */
  write<T>(fn: () => T): T | undefined;
  /** True while the last write failed for lack of space. */
  readonly full: boolean;
  close(): void;
}

const FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_SHMSIZE']);

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FULL_CODES.has(code);
}

export function openArchiveStore(path: string, log: (line: string) => void = () => {}): ArchiveStore {
  // `:memory:`: a store that lives as long as the process (what runs without an archive keeps its
  // state in the same tables).
  const file = path === MEMORY ? MEMORY : resolve(path);
  const what = `the archive ${file}`;
  try {
    if (file !== MEMORY) mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new ArchiveFileError(`${what} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}); set ARCHIVE_PATH to a writable place, or ARCHIVE=off`);
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new ArchiveFileError(`${what} cannot be opened (${(error as { code?: string }).code ?? (error as Error).message}); set ARCHIVE_PATH to a writable place, or ARCHIVE=off`);
  }
  try {
    prepare(db, what);
  } catch (error) {
    db.close();
    throw error;
  }

  const keys = new Map<string, number>();
  const findKey = db.prepare<[string], { id: number }>('SELECT id FROM chargers WHERE key = ?');
  const addKey = db.prepare('INSERT INTO chargers (key) VALUES (?)');
  let full = false;
  /** A disk that is nearly full lets small writes through and refuses big ones: one line an hour, not one per write. */
  let fullLoggedAt = Number.NEGATIVE_INFINITY;
  let fullLogged = false;

  const store: ArchiveStore = {
    db,
    path: file,
    get full() {
      return full;
    },
    chargerKey(chargerId) {
      const known = keys.get(chargerId);
      if (known !== undefined) return known;
      const id = findKey.get(chargerId)?.id ?? Number(addKey.run(chargerId).lastInsertRowid);
      keys.set(chargerId, id);
      return id;
    },
    write(fn) {
      try {
        const result = db.transaction(fn)();
        if (full && fullLogged) log(`archive: writing again to ${file}`);
        full = false;
        fullLogged = false;
        return result;
      } catch (error) {
        if (!isDiskFull(error)) throw error;
        if (!full && Date.now() - fullLoggedAt > 3_600_000) {
          log(`archive: ${file} cannot grow (${(error as { code: string }).code}: disk full?); the live view goes on, the archive pauses and resumes by itself when there is space`);
          fullLoggedAt = Date.now();
          fullLogged = true;
        }
        full = true;
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
function prepare(db: Database.Database, what: string): void {
  const startOver = `move it away (or set ARCHIVE_PATH to another file) to start a new archive`;
  let appId: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    throw new ArchiveFileError(`${what} is not an SQLite database (${code}); ${startOver}`);
  }
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (appId !== APPLICATION_ID && !(appId === 0 && version === 0 && tables === 0)) {
    throw new ArchiveFileError(`${what} is an SQLite file of another program; ${startOver}`);
  }
  if (version > MIGRATIONS.length) {
    throw new ArchiveFileError(`${what} was written by a newer version of this dashboard (schema ${version}, this one knows ${MIGRATIONS.length}); update the dashboard, or ${startOver}`);
  }
  try {
    // WAL: readers (the routes) never wait for the writer, and a crash loses no committed write.
    // NORMAL is durable against a crash of this process; only a power cut can lose the last
    // commits, never corrupt the file.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new ArchiveFileError(`${what} cannot be used (${(error as { code?: string }).code ?? (error as Error).message}); check its permissions, or ${startOver}`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    try {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]!);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${v + 1}`);
      })();
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).message;
      throw new ArchiveFileError(`${what} cannot be brought to schema ${v + 1} (${code}); check that the file and its folder are writable, or ${startOver}`);
    }
  }
}
