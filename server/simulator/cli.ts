/**
 * `npm run simulator -- --port 9100 --chargers 3 --seed 7 …`: the flags are read by
 * `cli-options.ts` (and listed in README.md); this file starts the simulator and prints where.
 */
import { parseSimulatorArgs, USAGE } from './cli-options.ts';
import { startSimulator, type SimulatorOptions } from './simulator.ts';

function main(): Promise<void> | void {
  const parsed = parseSimulatorArgs(process.argv.slice(2), process.env);
  if ('error' in parsed) {
    console.error(`simulator: ${parsed.error}\n${USAGE}`);
    process.exit(2);
  }
  if ('help' in parsed) {
    console.log(USAGE);
    return;
  }
  return run(parsed.options);
}

async function run(options: SimulatorOptions): Promise<void> {
  let sim;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    console.error(`simulator: ${(error as Error).message.replace(/^simulator: /, '')}`);
    process.exit(1);
  }
  if (options.host && options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    console.warn(`simulator: listening on ${options.host}, reachable beyond this machine; it has no real security.`);
  }
  console.log(`charger simulator on ${sim.url} (seed ${sim.seed}, control routes at ${sim.url}/_sim/state)`);
  for (const charger of sim.chargers) console.log(`  ${charger.id}\t${charger.name}\t${charger.baseUrl}`);
  console.log(`  login: email ${sim.email}  password ${sim.password}${options.staticToken ? `  (or bearer token ${options.staticToken})` : ''}`);
  if (options.profileToTime !== undefined) console.log(`  powerProfile toTime: ${JSON.stringify(options.profileToTime)}`);
  if (options.connectorNumbering !== undefined) console.log(`  connector numbering: ${JSON.stringify(options.connectorNumbering)}`);
  if (options.statusNames !== undefined) console.log(`  status names: ${JSON.stringify(options.statusNames)}`);
  if (options.unknownStatus !== undefined) console.log(`  unknown status: ${JSON.stringify(options.unknownStatus)}`);
  if (options.outages !== undefined) console.log(`  outages: ${JSON.stringify(options.outages)}`);
  if (options.sessionsWithoutStart !== undefined) console.log(`  sessions without a start: ${options.sessionsWithoutStart}`);
  if (options.heavyMonths !== undefined) console.log(`  heavy months: ${JSON.stringify(options.heavyMonths)}`);
  if (options.sessionsWithUnknownEnergy !== undefined) console.log(`  sessions with unknown energy: ${options.sessionsWithUnknownEnergy}`);
  console.log(`  single charger: CHARGER_URL=${sim.chargers[0]!.baseUrl} (also at ${sim.url})`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`simulator: ${signal}, closing`);
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`simulator: close failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
