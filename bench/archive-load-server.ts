/**
 * The server under test of the archive-load benchmark, in a process of its own: our server with
 * an archive at the given path, in front of the charger the environment names (CHARGER_URL,
 * CHARGER_EMAIL, CHARGER_PASSWORD: the benchmark's simulator, outside this process as a real
 * charger is); fills the archive (bench/archive-fill.ts: `powerDays` days of power, `sessionDays`
 * days of sessions), starts the archive's filler as on a server that has run for years, and prints
 * one JSON line: where to reach it, the charger, the status interval, what was filled. Ends on
 * SIGTERM.
 */
import { performance } from 'node:perf_hooks';
import { startServer } from '../server/start.ts';
import { fillPast } from './archive-fill.ts';

const [path, powerDays, sessionDays, zone] = process.argv.slice(2);
const server = await startServer({
  env: {
    ARCHIVE_PATH: path,
    CHARGER_URL: process.env.CHARGER_URL,
    CHARGER_EMAIL: process.env.CHARGER_EMAIL,
    CHARGER_PASSWORD: process.env.CHARGER_PASSWORD,
    CHARGER_NAME: 'Platz 13',
    CHARGER_TIMEZONE: zone,
  },
  archiveOptions: { fill: false },
  port: 0,
  host: '127.0.0.1',
});
const chargerId = server.config.chargers[0]!.id;
const archive = server.archive!;
const started = performance.now();
const filled = fillPast(archive, chargerId, zone!, Date.now(), Number(powerDays), Number(sessionDays));
const fillSeconds = (performance.now() - started) / 1000;
archive.start();
// The filler's first round (today's points, the newest sessions) before the load.
const filler = archive.filler(chargerId)!;
const deadline = performance.now() + 120_000;
while (filler.fills === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
console.log(JSON.stringify({ url: server.url, chargerId, intervalMs: server.config.statusIntervalMs, pid: process.pid, ...filled, fillSeconds }));
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
