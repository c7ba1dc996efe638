/**
 * The server under test of the push benchmark, in a process of its own so that its memory is
 * measured alone: starts the server with the embedded simulator and prints one JSON line with
 * where to reach both. Ends on SIGTERM.
 */
import { startServer } from '../server/start.ts';

const chargers = Number(process.argv[2] ?? 50);
const server = await startServer({
  env: { SIMULATOR_CHARGERS: String(chargers), SIMULATOR_SEED: '11', CHARGER_TIMEZONE: 'Europe/Berlin', MAX_STREAMS: '200' },
  port: 0,
  host: '127.0.0.1',
});
console.log(JSON.stringify({ url: server.url, simUrl: server.simulator!.url, chargers: [...server.collectors.keys()], pid: process.pid }));
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
