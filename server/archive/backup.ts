/**
 * `npm run archive:backup [-- <target>]` (scripts/archive-backup.mjs): a consistent copy of the archive through SQLite's online
 * backup, safe while the server runs and writes (a plain file copy of a WAL database is not).
 * The archive is ARCHIVE_PATH (from the environment or .env), ./data/archive.sqlite by default.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_ARCHIVE_PATH } from '../config.ts';
import { loadEnvFile } from '../env-file.ts';
import { APPLICATION_ID } from './store.ts';

export async function backupArchive(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`no archive at ${source}; set ARCHIVE_PATH to where it is`);
  if (existsSync(target)) throw new Error(`${target} exists already; name another file`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new Error(`${source} is not this dashboard's archive`);
    const { totalPages } = await db.backup(target);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

/** The command: `[target]` from the arguments, the archive from ARCHIVE_PATH. */
export async function main(args: readonly string[] = process.argv.slice(2)): Promise<void> {
  loadEnvFile();
  const source = resolve(process.env.ARCHIVE_PATH?.trim() || DEFAULT_ARCHIVE_PATH);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const target = resolve(args[0] ?? join(dirname(source), `archive-backup-${stamp}.sqlite`));
  try {
    const { pages } = await backupArchive(source, target);
    console.log(`Archive backed up: ${source} → ${target} (${pages} pages)`);
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) void main();
