/**
 * Run as a child process by `server/simulator/charger-zone.test.ts`, with the process's zone set through `TZ`: a
 * simulator whose chargers live in Europe/Zurich, asked what depends on its zone. It prints one
 * JSON line; the same answers must come out whatever zone the process runs in.
 */
import { parseSimulatorArgs } from '../simulator/cli-options.ts';
import { startSimulator } from '../simulator/simulator.ts';
import { sessionPage } from '../simulator/test-client.ts';

const ZONE = 'Europe/Zurich';
const sim = await startSimulator({ seed: 3, clockRate: 0, startTime: Date.parse('2025-11-20T19:00:00Z'), historyDays: 30, timeZone: ZONE, staticToken: 'probe', quiet: true });
try {
  const sessions = (page: { content: Array<Record<string, unknown>> }) =>
    page.content.map((s) => ({ id: s.chargingSessionId, connected: s.vehicleConnectedTime, started: s.chargingStartedTime, disconnected: s.vehicleDisconnectedTime }));
  const all = sessions(await sessionPage(sim.url, 'probe', { pageSize: '1000' }));
  const oneDay = sessions(await sessionPage(sim.url, 'probe', { pageSize: '1000', chargingStartedTimeFrom: '2025-11-15 00:00:00', chargingStartedTimeTo: '2025-11-15 23:59:59' }));
  const cli = parseSimulatorArgs(['--start-time', '2025-11-20T20:00', '--time-zone', ZONE]);
  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as { historyStart: string };
  console.log(
    JSON.stringify({
      // What the process's own local-time functions use (minutes behind UTC in mid-November).
      processOffsetMinutes: new Date(Date.UTC(2025, 10, 15)).getTimezoneOffset(),
      all,
      oneDay,
      historyStart: state.historyStart,
      cliStartTime: 'options' in cli ? cli.options.startTime : null,
    }),
  );
} finally {
  await sim.close();
}
