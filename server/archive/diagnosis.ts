/**
 * What is wrong with the archive file, in words an owner can act on without losing the history:
 * a full disk, a file or folder the dashboard may not write, a file damaged at a page or cut
 * short, a file that is no SQLite database (or another program's, or a newer dashboard's), or one
 * that cannot be opened at all. SQLite's own error alone misleads: a full disk at start-up shows
 * as a disk I/O error or "unable to open", a read-only folder as "unable to open" too, a file cut
 * short as "malformed". So the file system is asked as well: free space, write permission, the
 * file's header against its size.
 */
import { accessSync, constants, openSync, readSync, closeSync, statSync, statfsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ArchiveProblem } from '../../src/api/server-schemas.ts';

export type { ArchiveProblem };

/** What the file system says, injectable for tests. */
export interface FileProbes {
  /** Bytes free for this process on the file system holding `path`; null when unknown. */
  freeBytes(path: string): number | null;
  /** Whether this process may write `path` (an existing file or folder). */
  writable(path: string): boolean;
  /** The file's size and its first 100 bytes; null when it does not exist. */
  head(path: string): { size: number; header: Buffer } | null;
}

export const realProbes: FileProbes = {
  freeBytes(path) {
    try {
      const stats = statfsSync(path);
      return Number(stats.bavail) * Number(stats.bsize);
    } catch {
      return null;
    }
  },
  writable(path) {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
  head(path) {
    let fd: number;
    try {
      if (!statSync(path).isFile()) return null;
      fd = openSync(path, 'r');
    } catch {
      return null;
    }
    try {
      const header = Buffer.alloc(100);
      const read = readSync(fd, header, 0, 100, 0);
      return { size: statSync(path).size, header: header.subarray(0, read) };
    } finally {
      closeSync(fd);
    }
  },
};

/** Less free space than this, with a write or open failing, is a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_SHMMAP', 'SQLITE_IOERR_TRUNCATE']);
const DENIED_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);
const MAGIC = 'SQLite format 3\0';

export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

/** SQLite's codes for a file whose content is broken (not its disk or its permissions). */
export function isDamage(code: string): boolean {
  return code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB';
}

/** The first page number SQLite's integrity check names ("Page 12: …", "Tree 3 page 12 cell 0: …"). */
export function damagedPage(checkLines: readonly string[]): number | null {
  for (const line of checkLines) {
    const match = /\bpage (\d+)/i.exec(line);
    if (match) return Number(match[1]);
  }
  return null;
}

function size(bytes: number): string {
  if (bytes < 10_000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** How to get a copy of what a damaged file still holds, leaving the file itself alone. */
function recoverSteps(file: string): string {
  const recovered = join(dirname(file), `${basename(file, '.sqlite')}-recovered.sqlite`);
  return `stop the dashboard, copy ${file} (and ${file}-wal if it is there) somewhere safe, then save what it holds with the sqlite3 tool: sqlite3 ${file} ".recover" | sqlite3 ${recovered}, and set ARCHIVE_PATH to ${recovered}`;
}

export interface ProblemDetail {
  kind: ArchiveProblem['kind'];
  page?: number | null;
  /** SQLite's or the system's words, kept in the message. */
  detail?: string;
  /** For `newer_version`. */
  schema?: { file: number; known: number };
}

/** The problem of `kind` with its message and the way out, naming the file. */
export function describeProblem(file: string, problem: ProblemDetail, probes: FileProbes = realProbes, now = Date.now()): ArchiveProblem {
  const dir = dirname(file);
  const detail = problem.detail ? ` (${problem.detail})` : '';
  const page = problem.page ?? null;
  const base = { kind: problem.kind, file, page, since: new Date(now).toISOString() };
  switch (problem.kind) {
    case 'disk_full': {
      const free = probes.freeBytes(dir);
      return {
        ...base,
        message: `the disk that holds the archive ${file} is full${free === null ? '' : ` (${size(free)} free)`}${detail}; the archive itself is intact`,
        fix: `free space on that disk; the archive goes on by itself once there is room (after a restart if it could not be opened). Do not move or delete the archive file: it holds the history`,
      };
    }
    case 'read_only':
      return {
        ...base,
        message: `the archive ${file} or its folder cannot be written${detail}`,
        fix: `let the user the dashboard runs as write ${file}, the ${basename(file)}-wal and -shm files beside it and the folder ${dir} (owner and permissions, or a disk mounted read-only), then restart the dashboard; nothing has been lost`,
      };
    case 'damaged':
      return {
        ...base,
        message: `the archive ${file} is damaged${page === null ? '' : ` at page ${page}`}${detail}; nothing more is written to it`,
        fix: `${recoverSteps(file)}; until then the dashboard answers what it can still read. Keep the damaged file until the recovered one has been checked`,
      };
    case 'truncated':
      return {
        ...base,
        message: `the archive ${file} is cut short${detail}: an interrupted copy, or a disk that failed while writing`,
        fix: `put back a backup if there is one (npm run archive:backup makes them), else ${recoverSteps(file)}. Keep the cut file until then`,
      };
    case 'not_a_database':
      return {
        ...base,
        message: `the archive ${file} is not an SQLite database${detail}`,
        fix: `keep the file (if it was the archive, a backup or sqlite3 ${file} ".recover" may bring the history back) and set ARCHIVE_PATH to a new file to start another archive; the dashboard changes nothing in it`,
      };
    case 'other_program':
      return {
        ...base,
        message: `${file} is an SQLite database of another program`,
        fix: `set ARCHIVE_PATH to a file of its own for the dashboard; this one is left as it is`,
      };
    case 'newer_version':
      return {
        ...base,
        message: `the archive ${file} was written by a newer version of this dashboard${problem.schema ? ` (schema ${problem.schema.file}, this one knows ${problem.schema.known})` : ''}`,
        fix: `update the dashboard; the file is left as it is`,
      };
    case 'cannot_open':
      return {
        ...base,
        message: `the archive ${file} cannot be opened${detail}`,
        fix: `check that ARCHIVE_PATH names a file (not a folder) in a folder the dashboard may create and write; nothing has been changed`,
      };
  }
}

/**
 * Why opening or using `file` failed with `error`: the file system's view first (a full disk, no
 * write permission), then the file's header (not SQLite, cut short), then SQLite's code.
 */
export function diagnose(file: string, error: unknown, probes: FileProbes = realProbes, now = Date.now()): ArchiveProblem {
  const code = codeOf(error);
  const dir = dirname(file);
  const words = `${code}${error instanceof Error && error.message && !error.message.includes(code) ? `: ${error.message}` : ''}`;
  const describe = (kind: ArchiveProblem['kind'], extra: Partial<ProblemDetail> = {}) => describeProblem(file, { kind, detail: words, ...extra }, probes, now);
  const head = probes.head(file);
  const ioTrouble = code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || FULL_CODES.has(code);

  if (FULL_CODES.has(code) || (ioTrouble && (probes.freeBytes(dir) ?? Number.POSITIVE_INFINITY) < NEARLY_FULL_BYTES)) return describe('disk_full');
  if (DENIED_CODES.has(code) || code.startsWith('SQLITE_READONLY')) return describe('read_only');
  if (ioTrouble && (!probes.writable(dir) || (head !== null && !probes.writable(file)))) return describe('read_only');

  if (head && head.size > 0) {
    if (head.header.length < MAGIC.length || head.header.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return describe('not_a_database');
    const expected = expectedSize(head.header);
    if (expected !== null && head.size < expected) {
      return describeProblem(file, { kind: 'truncated', detail: `it ends after ${size(head.size)}, its header says ${size(expected)}` }, probes, now);
    }
  }
  if (isDamage(code)) return describe(code === 'SQLITE_NOTADB' ? 'not_a_database' : 'damaged');
  return describe('cannot_open');
}

/** The file size an SQLite header promises (page size × page count), when the header vouches for it. */
function expectedSize(header: Buffer): number | null {
  if (header.length < 100) return null;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count is valid only when "version-valid-for" matches the change counter.
  if (pages === 0 || header.readUInt32BE(92) !== header.readUInt32BE(24)) return null;
  return pageSize * pages;
}
