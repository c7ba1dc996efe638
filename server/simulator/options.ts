/**
 * The simulator's options, as tests and `npm run simulator` pass them, checked and completed with
 * their defaults. A wrong value stops `startSimulator` with a RangeError saying which.
 */
import { randomInt } from 'node:crypto';
import { isTimeZone } from '../../src/shared/time/time-zone-name.ts';
import { PROFILE_TO_TIME_MODES, type ProfileToTime } from './garage.ts';
import { CONNECTOR_NUMBERINGS, type ConnectorNumbering, type StatusNames } from './charger-styles.ts';
import { perChargerOf, type PerCharger } from './per-charger.ts';
import type { HeavyMonthOption, OutageOption } from './history-variety.ts';
import type { UnknownStatusOption } from './unknown-status.ts';

export interface SimulatorOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /** Garage size, default 1, at most 200. */
  chargers?: number;
  /** 1 (default) or 2 connectors per charger (an INCH Duo: two EVSEs of one connector each). */
  connectorsPerCharger?: number;
  /** Default random; the same seed gives the same history, profile and status for the same sim time. */
  seed?: number;
  /** Sim ms per real ms, default 1. 60 = one sim minute per real second; 0 freezes the clock. */
  clockRate?: number;
  /** Sim epoch ms at start, default Date.now(). */
  startTime?: number;
  /** Days of history before startTime, default 120. */
  historyDays?: number;
  email?: string;
  password?: string;
  /** A bearer token that is always accepted (CHARGER_TOKEN setups), never expired by faults. */
  staticToken?: string;
  /** Login tokens expire after this many real ms (default 1 h); 401 afterwards. */
  tokenTtlMs?: number;
  /** The chargers' local zone, default Europe/Berlin; the session filter's times are read in it. */
  timeZone?: string;
  /**
   * Whether powerProfile includes the point stamped exactly `toTime`: 'inclusive' (default, the
   * 5-minute steps starting in [fromTime, toTime]) or 'exclusive' ([fromTime, toTime)).
   * Either for every charger, or per charger id (chargers not named: inclusive).
   */
  profileToTime?: PerCharger<ProfileToTime>;
  /**
   * How generalStatus numbers the connectors of a charger with several EVSEs: 'charger' (default,
   * the INCH Duo: EVSE 1 has connector 1, EVSE 2 connector 2) or 'evse' (OCPP 2.0: each EVSE
   * numbers its connector 1). Either for every charger or per charger id.
   */
  connectorNumbering?: PerCharger<ConnectorNumbering>;
  /**
   * The names generalStatus gives the connector states: 'ocpp16' (default: `Available`,
   * `SuspendedEV`, …) or 'etrel' (Etrel's own: `SocketAvailable`, `ChargingPausedByEv`, …).
   * Either for every charger or per charger id; changeable while running.
   */
  statusNames?: PerCharger<StatusNames>;
  /**
   * A status name no vocabulary knows, reported from the start on one connector (default: the
   * first charger's connector 1) instead of the model's name; power and session stay the model's.
   * A number is a made-up CamelCase name of that length (`unknownStatusName`), up to 200.
   */
  unknownStatus?: UnknownStatusOption;
  /**
   * Days a charger (or every charger) was switched off: whole units, 10:00 to 10:00 local, with no
   * sessions and no power-profile points. `{ daysAgo: 30, days: 7 }` or `{ from: '2025-10-01', days: 10, charger: 'platz5' }`.
   */
  outages?: readonly OutageOption[];
  /**
   * Share (0–1) of sessions without `chargingStartedTime` (null): half of them the car was plugged
   * in and charging never started (no energy), half charged but the firmware left the start out.
   */
  sessionsWithoutStart?: number;
  /** Share (0–1) of sessions whose energy the charger does not know: `activeEnergyConsumed` and `meterValueEnd` null. */
  sessionsWithUnknownEnergy?: number;
  /**
   * Months (in the chargers' zone) whose energy is `factor` (default 4, up to 1000) times the
   * everyday garage's: sessions, the power profile and live power, the meter with them; a fleet
   * charger or a heavy user, a month of four-digit kWh. `{ month: '2025-10' }`, `{ monthsAgo: 1, factor: 10 }`.
   */
  heavyMonths?: readonly HeavyMonthOption[];
  quiet?: boolean;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  chargers: number;
  connectorsPerCharger: number;
  seed: number;
  clockRate: number;
  startTime: number;
  historyDays: number;
  email: string;
  password: string;
  staticToken: string | undefined;
  tokenTtlMs: number;
  timeZone: string;
  profileToTime: SimulatorOptions['profileToTime'];
  connectorNumbering: SimulatorOptions['connectorNumbering'];
  statusNames: SimulatorOptions['statusNames'];
  unknownStatus: UnknownStatusOption | undefined;
  outages: readonly OutageOption[];
  sessionsWithoutStart: number | undefined;
  sessionsWithUnknownEnergy: number | undefined;
  heavyMonths: readonly HeavyMonthOption[];
  quiet: boolean;
}

const DEFAULT_EMAIL = 'operator@example.com';
const DEFAULT_PASSWORD = 'simulator';

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const seed = options.seed ?? randomInt(2 ** 31);
  if (!Number.isInteger(seed)) throw new RangeError('simulator: seed must be an integer');
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  // At start-up rather than on the first request.
  if (!isTimeZone(timeZone)) throw new RangeError(`simulator: unknown time zone "${timeZone}" (expected an IANA name like Europe/Berlin)`);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    chargers: integerOption('chargers', options.chargers ?? 1, 1, 200),
    connectorsPerCharger: integerOption('connectorsPerCharger', options.connectorsPerCharger ?? 1, 1, 2),
    seed,
    clockRate: numberOption('clockRate', options.clockRate ?? 1, 0, 100_000),
    startTime: options.startTime ?? Date.now(),
    historyDays: numberOption('historyDays', options.historyDays ?? 120, 1, 20_000),
    email: options.email ?? DEFAULT_EMAIL,
    password: options.password ?? DEFAULT_PASSWORD,
    staticToken: options.staticToken,
    tokenTtlMs: numberOption('tokenTtlMs', options.tokenTtlMs ?? 3_600_000, 1, Number.MAX_SAFE_INTEGER),
    timeZone,
    profileToTime: options.profileToTime,
    connectorNumbering: options.connectorNumbering,
    statusNames: options.statusNames,
    unknownStatus: options.unknownStatus,
    outages: options.outages ?? [],
    sessionsWithoutStart: options.sessionsWithoutStart,
    sessionsWithUnknownEnergy: options.sessionsWithUnknownEnergy,
    heavyMonths: options.heavyMonths ?? [],
    quiet: options.quiet ?? false,
  };
}

/** Each charger's powerProfile `toTime` mode; checks the modes and the charger ids named. */
export function profileToTimeOf(value: SimulatorOptions['profileToTime'], chargerIds: readonly string[]): (chargerId: string) => ProfileToTime {
  return perChargerOf('profileToTime', value, PROFILE_TO_TIME_MODES, 'inclusive', chargerIds);
}

export function connectorNumberingOf(value: SimulatorOptions['connectorNumbering'], chargerIds: readonly string[]): (chargerId: string) => ConnectorNumbering {
  return perChargerOf('connectorNumbering', value, CONNECTOR_NUMBERINGS, 'charger', chargerIds);
}

function integerOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`simulator: ${name} must be an integer ${min}-${max}, got ${value}`);
  return value;
}

function numberOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`simulator: ${name} must be ${min}-${max}, got ${value}`);
  return value;
}
