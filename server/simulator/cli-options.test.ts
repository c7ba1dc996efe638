import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from './cli-options.ts';

function options(...args: string[]) {
  const parsed = parseSimulatorArgs(args);
  if (!('options' in parsed)) throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function error(...args: string[]): string {
  const parsed = parseSimulatorArgs(args);
  if (!('error' in parsed)) throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('command line', () => {
  it('reads the flags into options, on port 9100 and quiet unless told', () => {
    expect(options()).toEqual({ port: 9100, quiet: true });
    expect(options('--port', '0', '--chargers', '3', '--connectors', '2', '--seed', '7', '--clock-rate', '60', '--history-days', '30', '--time-zone', 'Europe/Zurich')).toEqual({
      port: 0,
      quiet: true,
      chargers: 3,
      connectorsPerCharger: 2,
      seed: 7,
      clockRate: 60,
      historyDays: 30,
      timeZone: 'Europe/Zurich',
    });
    expect(parseSimulatorArgs(['--seed', '5'], { SIMULATOR_SEED: '9' })).toEqual({ options: { port: 9100, quiet: true, seed: 5 } });
    expect(parseSimulatorArgs([], { SIMULATOR_SEED: '9' })).toEqual({ options: { port: 9100, quiet: true, seed: 9 } });
    expect(parseSimulatorArgs(['-h'])).toEqual({ help: true });
  });

  it('says which flag is wrong', () => {
    expect(error('--chargers', 'many')).toMatch(/--chargers expects a number, got "many"/);
    expect(error('--frobnicate')).toMatch(/frobnicate/);
    expect(error('--start-time', 'soon')).toMatch(/--start-time/);
  });

  it('takes profileToTime for every charger or per charger', () => {
    expect(options('--profile-to-time', 'exclusive').profileToTime).toBe('exclusive');
    expect(options('--profile-to-time', 'platz4=exclusive, platz5=inclusive').profileToTime).toEqual({ platz4: 'exclusive', platz5: 'inclusive' });
  });

  it('reads a start time without a zone on the chargers\' wall clock, with one as that instant', () => {
    expect(options('--start-time', '2025-07-01T20:00', '--time-zone', 'Europe/Zurich').startTime).toBe(Date.parse('2025-07-01T18:00:00Z'));
    // The default zone is the simulator's default, Europe/Berlin (the same offsets as Zurich).
    expect(options('--start-time', '2025-11-20 20:00:00').startTime).toBe(Date.parse('2025-11-20T19:00:00Z'));
    expect(options('--start-time', '2025-11-20T20:00:00Z', '--time-zone', 'Asia/Tokyo').startTime).toBe(Date.parse('2025-11-20T20:00:00Z'));
    expect(options('--start-time', '2025-11-20T20:00:00+05:30').startTime).toBe(Date.parse('2025-11-20T14:30:00Z'));
  });
});
