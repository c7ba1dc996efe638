/**
 * `npm run simulator -- …`: the command line read into `SimulatorOptions`. Only the syntax is
 * checked here (numbers are numbers, lists split); `startSimulator` checks the values and says
 * what is wrong, so code and command line refuse the same things with the same words.
 */
import { parseArgs } from 'node:util';
import { isTimeZone } from '../../src/shared/time/time-zone-name.ts';
import type { ConnectorNumbering, StatusNames } from './charger-styles.ts';
import type { ProfileToTime } from './garage.ts';
import type { HeavyMonthOption, OutageOption } from './history-variety.ts';
import type { SimulatorOptions } from './options.ts';
import { parseFilterTimeLocal } from './session-query.ts';
import { ZoneClock } from './time-zone.ts';

export const USAGE = `usage: npm run simulator -- [--port 9100] [--host 127.0.0.1] [--chargers 1] [--connectors 1]
  [--seed N] [--clock-rate 1] [--start-time ISO] [--history-days 120] [--time-zone Europe/Berlin]
  [--email E] [--password P] [--token T] [--token-ttl-ms 3600000]
  [--profile-to-time inclusive|exclusive|<charger>=exclusive,…]   (powerProfile: is the point at toTime included?)
  [--connector-numbering charger|evse|<charger>=evse,…]             (evse: each EVSE numbers its connector 1, as OCPP 2.0)
  [--status-names ocpp16|etrel|<charger>=etrel,…]                   (etrel: SocketAvailable, ChargingPausedByEv, …)
  [--unknown-status <name>|<length>[@<charger>[:<connector>]]]       (a status name nobody knows, e.g. 60 characters)
  [--outage <YYYY-MM-DD>|<days ago>:<days>[@<charger>]] …           (the charger was off: no sessions, no profile)
  [--sessions-without-start 0.1] [--unknown-energy 0.1]             (shares of sessions with chargingStartedTime / activeEnergyConsumed null)
  [--heavy-month <YYYY-MM>|<months ago>[:<factor>]] …               (that month's energy times factor, default 4)
  --start-time without a zone (2025-11-20T20:00) is a wall-clock time in --time-zone.`;

export type CliParse = { options: SimulatorOptions } | { help: true } | { error: string };

/** Reads the arguments after `npm run simulator --`; defaults to port 9100 and a quiet log. */
export function parseSimulatorArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliParse {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const options: SimulatorOptions = { port: 9100, quiet: true };
  const problems: string[] = [];
  const number = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      problems.push(`--${flag} expects a number, got "${text}"`);
      return undefined;
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
  assign('seed', number('seed', values.seed ?? env.SIMULATOR_SEED));
  assign('clockRate', number('clock-rate', values['clock-rate']));
  assign('historyDays', number('history-days', values['history-days']));
  assign('timeZone', values['time-zone']);
  assign('email', values.email);
  assign('password', values.password);
  assign('staticToken', values.token);
  assign('tokenTtlMs', number('token-ttl-ms', values['token-ttl-ms']));
  assign('sessionsWithoutStart', number('sessions-without-start', values['sessions-without-start']));
  assign('sessionsWithUnknownEnergy', number('unknown-energy', values['unknown-energy']));
  if (values['profile-to-time'] !== undefined) options.profileToTime = perChargerFlag<ProfileToTime>(values['profile-to-time']);
  if (values['connector-numbering'] !== undefined) options.connectorNumbering = perChargerFlag<ConnectorNumbering>(values['connector-numbering']);
  if (values['status-names'] !== undefined) options.statusNames = perChargerFlag<StatusNames>(values['status-names']);
  if (values['heavy-month'] !== undefined) options.heavyMonths = values['heavy-month'].map((text) => heavyMonthFlag(text, problems));
  if (values.outage !== undefined) options.outages = values.outage.map((text) => outageFlag(text, problems));
  if (values['unknown-status'] !== undefined) options.unknownStatus = unknownStatusFlag(values['unknown-status'], problems);
  if (values['start-time'] !== undefined) {
    const start = startTimeFlag(values['start-time'], options.timeZone ?? 'Europe/Berlin');
    if (start === null) problems.push(`--start-time expects an ISO date, got "${values['start-time']}"`);
    else options.startTime = start;
  }
  return problems.length > 0 ? { error: problems.join('; ') } : { options };
}

/**
 * `exclusive` for every charger, or `platz4=exclusive,platz5=inclusive` per charger.
 * startSimulator checks the names and the modes and says what is wrong.
 */
function perChargerFlag<T extends string>(text: string): T | Record<string, T> {
  if (!text.includes('=')) return text.trim() as T;
  const modes: Record<string, T> = {};
  for (const pair of text.split(',')) {
    const [id = '', mode = ''] = pair.split('=');
    modes[id.trim()] = mode.trim() as T;
  }
  return modes;
}

/** `2025-10`, `2025-10:10`, `1` (the month before the start's), `0:10`. */
function heavyMonthFlag(text: string, problems: string[]): HeavyMonthOption {
  const match = /^\s*(\d{4}-\d{2}|\d+)\s*(?::\s*([\d.]+))?\s*$/.exec(text);
  if (!match) {
    problems.push(`--heavy-month expects <YYYY-MM or months ago>[:<factor>], got "${text}"`);
    return { monthsAgo: -1 };
  }
  const [, month = '', factor] = match;
  return { ...(month.includes('-') ? { month } : { monthsAgo: Number(month) }), ...(factor === undefined ? {} : { factor: Number(factor) }) };
}

/** `2025-10-01:7`, `30:7` (starting 30 days before the start) or either with `@platz5`. */
function outageFlag(text: string, problems: string[]): OutageOption {
  const match = /^\s*(\d{4}-\d{2}-\d{2}|\d+):(\d+)\s*(?:@\s*(\S+))?\s*$/.exec(text);
  if (!match) {
    problems.push(`--outage expects <YYYY-MM-DD or days ago>:<days>[@<charger>], got "${text}"`);
    return { days: 0 };
  }
  const [, start = '', days = '', charger] = match;
  return {
    ...(start.includes('-') ? { from: start } : { daysAgo: Number(start) }),
    days: Number(days),
    ...(charger === undefined ? {} : { charger }),
  };
}

/** `60`, `WaitingForGridCapacity`, `60@platz5` or `60@platz5:2` (the connector's ordinal). */
function unknownStatusFlag(text: string, problems: string[]): SimulatorOptions['unknownStatus'] {
  const [name = '', at] = text.split('@');
  const status = /^\d+$/.test(name.trim()) ? Number(name) : name;
  if (at === undefined) return status;
  const [charger = '', connector] = at.split(':');
  if (connector === undefined) return { status, charger };
  if (!/^\d+$/.test(connector.trim())) problems.push(`--unknown-status expects a connector number after ":", got "${connector}"`);
  return { status, charger, connectorId: Number(connector) };
}

/**
 * A start time with `Z` or an offset is that instant; without one it is the chargers' wall clock
 * (the simulator's zone), never the zone of the machine the command runs on.
 */
function startTimeFlag(text: string, zone: string): number | null {
  // An unknown zone is reported by startSimulator; the time is read as UTC meanwhile.
  return parseFilterTimeLocal(text, new ZoneClock(isTimeZone(zone) ? zone : 'UTC'));
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
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
      'connector-numbering': { type: 'string' },
      'status-names': { type: 'string' },
      'unknown-status': { type: 'string' },
      outage: { type: 'string', multiple: true },
      'heavy-month': { type: 'string', multiple: true },
      'sessions-without-start': { type: 'string' },
      'unknown-energy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
