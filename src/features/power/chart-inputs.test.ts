import { describe, expect, it } from 'vitest';
import type { PowerManagementSnapshot } from '../../../contract/snapshot.ts';
import { limitsFromPowerManagement, measuresFromConnectors } from './chart-inputs.ts';

const connector = (number: number) => ({ number, series: `connector${number}` });

describe('measuresFromConnectors', () => {
  it('names one series per connector as the snapshot numbers them, then building and cluster', () => {
    expect(measuresFromConnectors([connector(1)])).toEqual(['connector1', 'building', 'cluster']);
    expect(measuresFromConnectors([connector(2), connector(1)])).toEqual(['connector1', 'connector2', 'building', 'cluster']);
  });

  it('falls back to connector 1 without a readable status', () => {
    expect(measuresFromConnectors(null)).toEqual(['connector1', 'building', 'cluster']);
    expect(measuresFromConnectors([])).toEqual(['connector1', 'building', 'cluster']);
  });
});

describe('limits', () => {
  const pm: PowerManagementSnapshot = {
    loadGuard: { installed: true, connected: true, buildingKw: 1, phaseLimitsA: [60, 60, 60], limitKw: 41.4 },
    cluster: { enabled: true, allConnected: true, powerKw: 0, phaseLimitsA: [25, 25, 25], limitKw: 17.25 },
  };

  it('draws the cluster limit when clustering is on and the load guard limit when one is installed, as the snapshot states them', () => {
    expect(limitsFromPowerManagement(pm)).toEqual([
      { measure: 'cluster', kw: 17.25 },
      { measure: 'building', kw: 41.4 },
    ]);
    expect(limitsFromPowerManagement({ ...pm, cluster: { ...pm.cluster!, enabled: false }, loadGuard: null })).toEqual([]);
    expect(limitsFromPowerManagement(null)).toEqual([]);
  });

  it('draws no line at 0 kW for no limit at all', () => {
    expect(limitsFromPowerManagement({ loadGuard: null, cluster: { ...pm.cluster!, phaseLimitsA: [null, null, null], limitKw: null } })).toEqual([]);
  });
});
