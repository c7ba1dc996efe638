import { describe, expect, it } from 'vitest';
import type { Evse, PowerManagement } from '../../../contract/charger-schemas.ts';
import { limitsFromPowerManagement, measuresFromEvses } from './chart-inputs.ts';

const evse = (evseId: number, ...connectorIds: number[]): Evse =>
  ({ evseId, evseCode: null, connectors: connectorIds.map((connectorId) => ({ connectorId })) }) as unknown as Evse;

describe('measuresFromEvses', () => {
  it('names one series per connector, then building and cluster', () => {
    expect(measuresFromEvses([evse(1, 1)])).toEqual(['connector1', 'building', 'cluster']);
    expect(measuresFromEvses([evse(2, 2), evse(1, 1)])).toEqual(['connector1', 'connector2', 'building', 'cluster']);
  });

  it('numbers by position when connector ids repeat, and falls back to connector 1', () => {
    expect(measuresFromEvses([evse(1, 1), evse(2, 1)])).toEqual(['connector1', 'connector2', 'building', 'cluster']);
    expect(measuresFromEvses(null)).toEqual(['connector1', 'building', 'cluster']);
    expect(measuresFromEvses([])).toEqual(['connector1', 'building', 'cluster']);
  });
});

describe('limits', () => {
  it('turns amperes per phase into kW like the live view: 230 V × (L1 + L2 + L3)', () => {
    const pm = (l1: number | null, l2: number | null, l3: number | null): PowerManagement => ({
      loadGuard: null,
      cluster: { isEnabled: true, allChargersConnected: true, totalPower: 0, maxCurrentL1: l1, maxCurrentL2: l2, maxCurrentL3: l3 },
    });
    expect(limitsFromPowerManagement(pm(25, 25, 25))[0]!.kw).toBeCloseTo(17.25, 9);
    expect(limitsFromPowerManagement(pm(32, 25, 32))[0]!.kw).toBeCloseTo(20.47, 9);
    // No limit at all, or zero amperes, draws no line at 0 kW.
    expect(limitsFromPowerManagement(pm(null, null, null))).toEqual([]);
    expect(limitsFromPowerManagement(pm(0, 0, 0))).toEqual([]);
  });

  it('draws the cluster limit when clustering is on and the load guard limit when one is installed', () => {
    const pm = {
      loadGuard: { isInstalled: true, isConnected: true, buildingTotalPower: 1, maxCurrentL1: 60, maxCurrentL2: 60, maxCurrentL3: 60 },
      cluster: { isEnabled: true, allChargersConnected: true, totalPower: 0, maxCurrentL1: 25, maxCurrentL2: 25, maxCurrentL3: 25 },
    } satisfies PowerManagement;
    expect(limitsFromPowerManagement(pm)).toEqual([
      { measure: 'cluster', kw: expect.closeTo(17.25, 9) },
      { measure: 'building', kw: expect.closeTo(41.4, 9) },
    ]);
    expect(limitsFromPowerManagement({ ...pm, cluster: { ...pm.cluster, isEnabled: false }, loadGuard: null })).toEqual([]);
    expect(limitsFromPowerManagement(null)).toEqual([]);
  });
});
