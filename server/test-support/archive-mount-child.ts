/**
 * The server's side of the archive tests that need a real file system condition (a full disk, a
 * read-only mount), run inside a private mount namespace (`unshare -m`) by
 * server/archive/damage.test.ts:
 *
 *   seed <path>    writes a small archive and closes it cleanly
 *   serve <path>   starts the server (simulator as the charger) on it, prints `{"url": …}` and
 *                  every log line as `{"log": …}`, and stops when stdin closes
 *   check <path>   prints `{"integrity": …, "points": …}` of the file
 */
import Database from 'better-sqlite3';
import { seedArchive } from './archive-seed.ts';

const [mode, path] = process.argv.slice(2);
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (mode === 'seed') {
  seedArchive(path!, { chargerId: 'platz13', zone: 'Europe/Berlin', end: Date.parse('2026-03-18T11:02:00Z'), powerDays: 30, sessionDays: 30 });
  say({ seeded: true });
} else if (mode === 'serve') {
  const { startServer } = await import('../start.ts');
  const server = await startServer({
    env: { ARCHIVE_PATH: path!, SIMULATOR_SEED: '3', CHARGER_TIMEZONE: 'Europe/Berlin' },
    port: 0,
    host: '127.0.0.1',
    archiveOptions: { fill: false },
    log: (line) => say({ log: line }),
  });
  say({ url: server.url });
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
} else if (mode === 'check') {
  const db = new Database(path!, { readonly: true, fileMustExist: true });
  say({ integrity: db.pragma('integrity_check', { simple: true }), points: (db.prepare('SELECT count(*) AS n FROM power').get() as { n: number }).n });
  db.close();
}
