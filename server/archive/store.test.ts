import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { chargingSessionSchema } from '../../contract/session-schemas.ts';
import recorded from '../../contract/fixtures/charging-session.json' with { type: 'json' };
import { MIGRATIONS } from './migrations.ts';
import { createPowerWriter } from './power-writer.ts';
import { createSessionWriter } from './session-writer.ts';
import { APPLICATION_ID, ArchiveFileError, openArchiveStore } from './store.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const temps: Array<{ remove(): void }> = [];
const temp = () => {
  const t = temporaryArchive();
  temps.push(t);
  return t;
};
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

/** Why the file cannot be opened as the archive (it must not open). */
function problemOpening(path: string) {
  try {
    openArchiveStore(path).close();
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveFileError);
    return (error as ArchiveFileError).problem;
  }
  throw new Error(`${path} opened`);
}

describe('the archive file', () => {
  it('is created with its folder, in WAL mode, synchronous NORMAL, at the latest schema, marked as ours', () => {
    const { dir } = temp();
    const store = openArchiveStore(`${dir}/nested/deeper/archive.sqlite`);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    store.close();
    // Opening again runs no migration twice.
    const again = openArchiveStore(`${dir}/nested/deeper/archive.sqlite`);
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a file that is not SQLite, naming the file and what to do', () => {
    const { path } = temp();
    writeFileSync(path, 'this is a shopping list, not a database\n'.repeat(200));
    const problem = problemOpening(path);
    expect(problem).toMatchObject({ kind: 'not_a_database', file: path, page: null });
    expect(problem.message).toBe(`the archive ${path} is not an SQLite database (SQLITE_NOTADB: file is not a database)`);
    // Kept, never to be moved away or deleted; a new archive in another file.
    expect(problem.fix).toMatch(/^keep the file .*set ARCHIVE_PATH to a new file/);
  });

  it("refuses another program's SQLite file and one written by a newer version", () => {
    const { path, dir } = temp();
    const other = new Database(path);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    expect(problemOpening(path)).toMatchObject({ kind: 'other_program', message: `${path} is an SQLite database of another program` });

    const newer = `${dir}/newer.sqlite`;
    openArchiveStore(newer).close();
    const db = new Database(newer);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(problemOpening(newer)).toMatchObject({ kind: 'newer_version', fix: 'update the dashboard; the file is left as it is' });
    expect(problemOpening(newer).message).toContain(`written by a newer version of this dashboard (schema ${MIGRATIONS.length + 1}, this one knows ${MIGRATIONS.length})`);
  });

  it('writes a session and a point twice as one row each (idempotent upserts); a final session is not overwritten by an older running copy', () => {
    const store = openArchiveStore(temp().path);
    const sessions = createSessionWriter(store);
    const power = createPowerWriter(store);
    const session = chargingSessionSchema.parse(recorded.content[0]);
    sessions.write('platz13', [session]);
    sessions.write('platz13', [session]);
    sessions.write('platz13', [{ ...session, chargingSessionStatus: 'Charging', chargingEndedTime: null, activeEnergyConsumed: 1 }]);
    expect(store.db.prepare('SELECT count(*) AS n, sum(energy) AS e FROM sessions').get()).toEqual({ n: 1, e: 62.83263 });
    const point = { t: Date.parse('2022-10-08T02:50:00Z'), values: { connector1: 0, building: 0.71041, cluster: 0 } };
    power.write('platz13', [point]);
    power.write('platz13', [point]);
    // A point asked with fewer measures keeps the others.
    power.write('platz13', [{ t: point.t, values: { building: 0.71041 } }]);
    expect(store.db.prepare('SELECT count(*) AS n, building, cluster, c1 FROM power').get()).toEqual({ n: 1, building: 0.71041, cluster: 0, c1: 0 });
    store.close();
  });

  it('on a full disk logs once, keeps answering reads, and writes again when there is room', () => {
    const lines: string[] = [];
    const store = openArchiveStore(temp().path, (line) => lines.push(line));
    const power = createPowerWriter(store);
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 2}`);
    const day = Date.parse('2026-03-01T00:00:00Z');
    const points = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ t: from + i * 300_000, values: { building: 1.5, cluster: 0.5, connector1: 0.5 } }));
    let results: Array<number | undefined> = [];
    for (let i = 0; i < 20; i++) results.push(power.write('platz13', points(day + i * 86_400_000, 288)));
    expect(results).toContain(undefined);
    expect(store.full).toBe(true);
    expect(lines.filter((l) => l.includes('is full'))).toHaveLength(1);
    const before = (store.db.prepare('SELECT count(*) AS n FROM power').get() as { n: number }).n;
    expect(before % 288).toBe(0); // whole transactions only

    store.db.pragma('max_page_count = 1073741823');
    results = [];
    for (let i = 0; i < 20; i++) results.push(power.write('platz13', points(day + i * 86_400_000, 288)));
    expect(results).not.toContain(undefined);
    expect(store.full).toBe(false);
    expect(lines.filter((l) => l.includes('writing again'))).toHaveLength(1);
    expect((store.db.prepare('SELECT count(*) AS n FROM power').get() as { n: number }).n).toBe(20 * 288);
    store.close();
  });
});

describe('the backup', () => {
  it('copies the archive consistently while it is open and being written, and refuses to overwrite', async () => {
    const { backupArchive } = await import('./backup.ts');
    const t = temp();
    const store = openArchiveStore(t.path);
    const power = createPowerWriter(store);
    const day = Date.parse('2026-03-01T00:00:00Z');
    power.write('platz13', Array.from({ length: 288 }, (_, i) => ({ t: day + i * 300_000, values: { building: 1 } })));
    const target = `${t.dir}/copy.sqlite`;
    await backupArchive(t.path, target);
    power.write('platz13', [{ t: day + 288 * 300_000, values: { building: 2 } }]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM power').get()).toEqual({ n: 288 });
    copy.close();
    await expect(backupArchive(t.path, target)).rejects.toThrow(/exists already/);
    store.close();
  });
});

describe('an archive path that cannot be a database', () => {
  it('(a folder in its place) cannot be opened, named with what to check', () => {
    const { dir } = temp();
    expect(problemOpening(dir)).toMatchObject({ kind: 'cannot_open', file: dir, fix: expect.stringContaining('ARCHIVE_PATH names a file (not a folder)') });
  });
});
