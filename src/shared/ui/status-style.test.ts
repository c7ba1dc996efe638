import { describe, expect, it } from 'vitest';
import { combinedKind, STATUS_KINDS, STATUS_STYLE, statusKind, statusMotion, statusStyle } from './status-style.ts';

describe('statusKind', () => {
  it.each([
    ['Charging', 'charging'],
    ['Available', 'available'],
    ['Preparing', 'waiting'],
    ['SuspendedEV', 'waiting'],
    ['SuspendedEVSE', 'waiting'],
    ['Finishing', 'waiting'],
    ['Reserved', 'waiting'],
    ['Unavailable', 'offline'],
    ['Faulted', 'fault'],
  ] as const)('%s reads as %s', (status, kind) => {
    expect(statusKind({ status })).toBe(kind);
  });

  it('lets a reported fault win over the status', () => {
    expect(statusKind({ status: 'Charging', fault: true })).toBe('fault');
  });

  it('reads an unknown status by its power, and never finds Object.prototype keys', () => {
    expect(statusKind({ status: 'WaitingForGridCapacity' })).toBe('unknown');
    expect(statusKind({ status: 'WaitingForGridCapacity', power: 3.2 })).toBe('charging');
    expect(statusKind({ status: 'constructor' })).toBe('unknown');
    expect(statusKind({ status: null })).toBe('unknown');
  });
});

describe('combinedKind', () => {
  it('shows the most urgent of several connectors', () => {
    expect(combinedKind(['available', 'charging'])).toBe('charging');
    expect(combinedKind(['charging', 'fault'])).toBe('fault');
    expect(combinedKind(['available', 'waiting'])).toBe('waiting');
    expect(combinedKind([])).toBe('unknown');
  });
});

describe('status styles', () => {
  it('give every kind its own colour family, with charging green and faults red', () => {
    expect(STATUS_STYLE.charging.fill).toBe('bg-charging');
    expect(STATUS_STYLE.fault.fill).toBe('bg-error');
    expect(STATUS_STYLE.waiting.fill).toBe('bg-warn');
    const fills = new Set(STATUS_KINDS.filter((k) => k !== 'unknown').map((k) => STATUS_STYLE[k].fill));
    expect(fills.size).toBe(STATUS_KINDS.length - 1); // offline and unknown share the neutral grey
  });

  it('turn neutral and still when stale; only live charging moves', () => {
    expect(statusStyle('charging', true).fill).toBe('bg-panel-raised');
    expect(statusMotion('charging')).toBe('status-flow');
    expect(statusMotion('charging', true)).toBe('');
    expect(statusMotion('available')).toBe('');
  });
});
