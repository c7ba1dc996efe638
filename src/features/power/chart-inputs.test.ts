import { describe, expect, it } from 'vitest';
import type { Evse, PowerManagement } from '../../api/charger-schemas.ts';
import { limitKw, limitsFromPowerManagement, measuresFromEvses } from './chart-inputs.ts';

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
  it('turns amperes per phase into three-phase kW', () => {
    expect(limitKw([25, 25, 25])).toBeCloseTo(17.25, 9);
    expect(limitKw([60, null, undefined])).toBeCloseTo(41.4, 9);
    expect(limitKw([32, 25, 32])).toBeCloseTo(17.25, 9);
    expect(limitKw([0, null])).toBeNull();
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
