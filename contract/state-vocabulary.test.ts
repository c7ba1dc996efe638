import { describe, expect, it } from 'vitest';
import { STATE_KINDS, STATE_WORDS, humanizeName, isPlugged, isSessionOpen, mostUrgentKind, stateWord, type StateKind } from './state-vocabulary.ts';
import { KNOWN_STATUS_NAMES, isKnownStatus, stateKindOf } from './status-names.ts';

describe('the state vocabulary', () => {
  const expected: Array<[string, StateKind]> = [
    // OCPP 1.6 ChargePointStatus
    ['Available', 'available'],
    ['Preparing', 'preparing'],
    ['Charging', 'charging'],
    ['SuspendedEVSE', 'paused_by_charger'],
    ['SuspendedEV', 'paused_by_car'],
    ['Finishing', 'finished'],
    ['Reserved', 'reserved'],
    ['Unavailable', 'unavailable'],
    ['Faulted', 'fault'],
    // OCPP 2.0.1 connector statuses and charging states
    ['Occupied', 'preparing'],
    ['EVConnected', 'preparing'],
    ['Idle', 'available'],
    // Etrel's own names (Modbus connector states)
    ['SocketAvailable', 'available'],
    ['WaitingForVehicleToBeConnected', 'preparing'],
    ['WaitingForVehicleToStart', 'preparing'],
    ['ChargingPausedByEv', 'paused_by_car'],
    ['ChargingPausedByEvse', 'paused_by_charger'],
    ['ChargingEnded', 'finished'],
    ['ChargingFault', 'fault'],
    ['UnpausingCharging', 'preparing'],
    ['Unknown', 'unknown'],
  ];

  it.each(expected)('maps %s to %s', (name, kind) => {
    expect(stateKindOf(name)).toBe(kind);
    expect(isKnownStatus(name)).toBe(true);
  });

  it('knows every listed name and nothing twice', () => {
    expect(new Set(KNOWN_STATUS_NAMES.map((n) => n.toLowerCase())).size).toBe(KNOWN_STATUS_NAMES.length);
    for (const [name] of expected) expect(KNOWN_STATUS_NAMES).toContain(name);
  });

  it('reads names without regard to case or stray spaces', () => {
    expect(stateKindOf('ChargingPausedByEVSE')).toBe('paused_by_charger');
    expect(stateKindOf(' charging ')).toBe('charging');
  });

  it('calls anything else unknown and keeps the raw name for its word', () => {
    expect(stateKindOf('WaitingForGridCapacity')).toBe('unknown');
    expect(stateKindOf('')).toBe('unknown');
    expect(stateKindOf(null)).toBe('unknown');
    expect(stateKindOf('constructor')).toBe('unknown');
    expect(stateWord({ kind: 'unknown', raw: 'WaitingForGridCapacity' }, 'de')).toBe('Waiting for grid capacity');
    expect(stateWord({ kind: 'unknown', raw: null }, 'de')).toBe('Unbekannt');
    expect(stateWord({ kind: 'unknown', raw: 'Unknown' }, 'en')).toBe('Unknown');
  });

  it('has a word for every kind in both languages', () => {
    for (const lang of ['en', 'de'] as const) for (const kind of STATE_KINDS) expect(STATE_WORDS[lang][kind]).toMatch(/\S/);
    expect(stateWord({ kind: 'paused_by_car', raw: 'ChargingPausedByEv' }, 'en')).toBe('Paused by car');
  });

  it('opens a session while charging or paused, and for an unknown name only while power flows', () => {
    expect(isSessionOpen('charging', 0)).toBe(true);
    expect(isSessionOpen('paused_by_car', 0)).toBe(true);
    expect(isSessionOpen('paused_by_charger', null)).toBe(true);
    expect(isSessionOpen('finished', 3)).toBe(false);
    expect(isSessionOpen('unknown', 3.2)).toBe(true);
    expect(isSessionOpen('unknown', 0)).toBe(false);
    expect(isPlugged('preparing')).toBe(true);
    expect(isPlugged('available')).toBe(false);
  });

  it('puts a fault before charging, and charging before idle states, for a tile of several connectors', () => {
    expect(mostUrgentKind(['available', 'fault', 'charging'])).toBe('fault');
    expect(mostUrgentKind(['available', 'charging'])).toBe('charging');
    expect(mostUrgentKind([])).toBe('unknown');
  });

  it('humanises names it has never seen', () => {
    expect(humanizeName('LocalStopBecauseSolarEclipse')).toBe('Local stop because solar eclipse');
    expect(humanizeName('EV_DISCONNECTED')).toBe('EV DISCONNECTED');
  });
});
