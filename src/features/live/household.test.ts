import { describe, expect, it } from 'vitest';
import { attentionReasons } from './attention.ts';
import { costOf, sessionStartMs } from './household.ts';

const guard = (patch: object = {}) => ({ isInstalled: true, isConnected: true, buildingTotalPower: 10, maxCurrentL1: 60, maxCurrentL2: 60, maxCurrentL3: 60, ...patch });
const cluster = (patch: object = {}) => ({ isEnabled: true, allChargersConnected: true, totalPower: 5, maxCurrentL1: 25, maxCurrentL2: 25, maxCurrentL3: 25, ...patch });
const pm = (g: object | null, c: object | null) => ({ ok: true as const, data: { loadGuard: g, cluster: c } as never });
const conn = { ok: true as const, data: {} as never };

describe('sessionStartMs', () => {
  it('is the reading time minus the reported duration', () => {
    expect(sessionStartMs(10_000_000, 3600)).toBe(10_000_000 - 3_600_000);
    expect(sessionStartMs(10_000_000, null)).toBeNull();
    expect(sessionStartMs(0, 60)).toBeNull();
  });
});

describe('costOf', () => {
  it('is null, never 0, when the energy or the price is unknown', () => {
    expect(costOf(10, 0.35)).toBeCloseTo(3.5);
    expect(costOf(null, 0.35)).toBeNull();
    expect(costOf(10, null)).toBeNull();
  });
});

describe('attentionReasons', () => {
  const base = { fault: false, offline: false, connectivity: conn };

  it('is empty when all is well: the strip stays one line', () => {
    expect(attentionReasons({ ...base, powerManagement: pm(guard(), cluster()) })).toEqual([]);
  });

  it('opens for a fault, an offline charger, a disconnected meter or members', () => {
    expect(attentionReasons({ ...base, fault: true, powerManagement: pm(null, null) })).toEqual(['fault']);
    expect(attentionReasons({ ...base, offline: true, powerManagement: pm(null, null) })).toEqual(['charger-offline']);
    expect(attentionReasons({ ...base, powerManagement: pm(guard({ isConnected: false }), cluster({ allChargersConnected: false })) })).toEqual([
      'meter-disconnected',
      'members-disconnected',
    ]);
  });

  it('opens above 90 % of the building or cluster limit (3 × 230 V × A)', () => {
    // 60 A per phase = 41.4 kW; 25 A = 17.25 kW.
    expect(attentionReasons({ ...base, powerManagement: pm(guard({ buildingTotalPower: 37.3 }), cluster({ totalPower: 15.6 })) })).toEqual([
      'building-near-limit',
      'cluster-near-limit',
    ]);
    expect(attentionReasons({ ...base, powerManagement: pm(guard({ buildingTotalPower: 37.2 }), cluster({ totalPower: 15.5 })) })).toEqual([]);
  });

  it('opens for a section the charger sent broken', () => {
    expect(attentionReasons({ ...base, powerManagement: { ok: false, error: 'bad' } })).toEqual(['section-broken']);
  });
});
