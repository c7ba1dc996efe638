/**
 * `npm run simulator -- --port 9100 --chargers 3 --seed 7 [--clock-rate 60] [--history-days 120]
 * [--email … --password …] [--token …] [--token-ttl-ms …] [--time-zone …] [--connectors 2]
 * [--host 127.0.0.1] [--profile-to-time inclusive|exclusive|platz4=exclusive,…]`
 */
import { parseArgs } from 'node:util';
import { startSimulator, type ProfileToTime, type SimulatorOptions } from './simulator.ts';

const USAGE = `usage: npm run simulator -- [--port 9100] [--host 127.0.0.1] [--chargers 1] [--connectors 1]
  [--seed N] [--clock-rate 1] [--start-time ISO] [--history-days 120] [--time-zone Europe/Berlin]
  [--email E] [--password P] [--token T] [--token-ttl-ms 3600000]
  [--profile-to-time inclusive|exclusive|<charger>=exclusive,…]   (powerProfile: is the point at toTime included?)`;

function main(): Promise<void> | void {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    console.error(`simulator: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: SimulatorOptions = { port: 9100, quiet: true };
  const number = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      console.error(`simulator: --${flag} expects a number, got "${text}"\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  const assign = <K extends keyof SimulatorOptions>(key: K, value: SimulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  assign('port', number('port', values.port));
  assign('host', values.host);
  assign('chargers', number('chargers', values.chargers));
  assign('connectorsPerCharger', number('connectors', values.connectors));
  assign('seed', number('seed', values.seed ?? process.env.SIMULATOR_SEED));
  assign('clockRate', number('clock-rate', values['clock-rate']));
  assign('historyDays', number('history-days', values['history-days']));
  assign('timeZone', values['time-zone']);
  assign('email', values.email);
  assign('password', values.password);
  assign('staticToken', values.token);
  assign('tokenTtlMs', number('token-ttl-ms', values['token-ttl-ms']));
  if (values['profile-to-time'] !== undefined) options.profileToTime = profileToTimeFlag(values['profile-to-time']);
  if (values['start-time'] !== undefined) {
    const start = Date.parse(values['start-time']);
    if (Number.isNaN(start)) {
      console.error(`simulator: --start-time expects an ISO date, got "${values['start-time']}"`);
      process.exit(2);
    }
    options.startTime = start;
  }
  return run(options);
}

/** `exclusive` for every charger, or `platz4=exclusive,platz5=inclusive` per charger. */
function profileToTimeFlag(text: string): NonNullable<SimulatorOptions['profileToTime']> {
  if (!text.includes('=')) return text.trim() as ProfileToTime;
  const modes: Record<string, ProfileToTime> = {};
  for (const pair of text.split(',')) {
    const [id = '', mode = ''] = pair.split('=');
    modes[id.trim()] = mode.trim() as ProfileToTime;
  }
  // startSimulator checks the names and the modes and says what is wrong.
  return modes;
}

function parse() {
  return parseArgs({
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      chargers: { type: 'string' },
      connectors: { type: 'string' },
      seed: { type: 'string' },
      'clock-rate': { type: 'string' },
      'start-time': { type: 'string' },
      'history-days': { type: 'string' },
      'time-zone': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
      'token-ttl-ms': { type: 'string' },
      'profile-to-time': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
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
