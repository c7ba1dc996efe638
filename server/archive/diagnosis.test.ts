/** Telling an archive's trouble apart when SQLite's own error would mislead. */
import { describe, expect, it } from 'vitest';
import { damagedPage, diagnose, type FileProbes } from './diagnosis.ts';

const FILE = '/var/lib/inch-dashboard/archive.sqlite';
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** A healthy SQLite header: 4096-byte pages, `pages` of them, the count vouched for. */
function header(pages: number): Buffer {
  const h = Buffer.alloc(100);
  h.write('SQLite format 3\0', 0, 'latin1');
  h.writeUInt16BE(4096, 16);
  h.writeUInt32BE(7, 24);
  h.writeUInt32BE(pages, 28);
  h.writeUInt32BE(7, 92);
  return h;
}

function probes(overrides: Partial<FileProbes> = {}): FileProbes {
  return { freeBytes: () => 50e9, writable: () => true, head: () => ({ size: 10 * 4096, header: header(10) }), ...overrides };
}

describe('diagnosing the archive file', () => {
  it('calls a full disk at start-up a full disk, not a damaged or foreign file', () => {
    // What SQLite answers on a full disk when it cannot make its shared-memory file.
    const problem = diagnose(FILE, sqliteError('SQLITE_IOERR_SHMSIZE', 'disk I/O error'), probes({ freeBytes: () => 0 }));
    expect(problem).toMatchObject({ kind: 'disk_full', file: FILE, page: null });
    expect(problem.message).toBe(`the disk that holds the archive ${FILE} is full (0 bytes free) (SQLITE_IOERR_SHMSIZE: disk I/O error); the archive itself is intact`);
    expect(problem.fix).not.toMatch(/move it away|delete it/i);
    expect(diagnose(FILE, sqliteError('SQLITE_CANTOPEN', 'unable to open database file'), probes({ freeBytes: () => 4096 })).kind).toBe('disk_full');
  });

  it('calls a folder or file it may not write read-only', () => {
    const folder = diagnose(FILE, sqliteError('SQLITE_CANTOPEN', 'unable to open database file'), probes({ writable: (path) => path !== '/var/lib/inch-dashboard' }));
    expect(folder).toMatchObject({ kind: 'read_only' });
    expect(folder.fix).toContain('the folder /var/lib/inch-dashboard');
    expect(diagnose(FILE, sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), probes()).kind).toBe('read_only');
    expect(diagnose(FILE, Object.assign(new Error('permission denied'), { code: 'EACCES' }), probes()).kind).toBe('read_only');
  });

  it('tells a file cut short by its header, a foreign file by its first bytes, damage by SQLite', () => {
    const cut = diagnose(FILE, sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'), probes({ head: () => ({ size: 4 * 4096, header: header(10) }) }));
    expect(cut).toMatchObject({ kind: 'truncated' });
    expect(cut.message).toContain('it ends after 16 KB, its header says 41 KB');
    const text = Buffer.from('a shopping list, not a database, long enough for a header..........................................');
    expect(diagnose(FILE, sqliteError('SQLITE_NOTADB', 'file is not a database'), probes({ head: () => ({ size: 4096, header: text }) })).kind).toBe('not_a_database');
    expect(diagnose(FILE, sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'), probes()).kind).toBe('damaged');
    expect(diagnose(FILE, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), probes({ head: () => null })).kind).toBe('cannot_open');
  });

  it('finds the page SQLite names in its integrity check', () => {
    expect(damagedPage(['*** in database main ***', 'Page 13: btreeInitPage() returns error code 11'])).toBe(13);
    expect(damagedPage(['Tree 5 page 27 cell 3: invalid page number 9999'])).toBe(27);
    expect(damagedPage(['row 12 missing from index sessions_by_start'])).toBeNull();
  });
});
