import { describe, expect, it } from 'vitest';
import { clusterIsConnectorsSum, coincidingSeries } from './series-overlap.ts';

const NaN_ = Number.NaN;

describe('coincidingSeries', () => {
  it('finds a series equal to an earlier one (the cluster of one charger)', () => {
    const values = {
      connector1: Float64Array.from([0, 7.4, 7.4, NaN_]),
      building: Float64Array.from([1, 8.4, 8.4, NaN_]),
      cluster: Float64Array.from([0, 7.401, 7.4, NaN_]),
    };
    expect(coincidingSeries(values, ['connector1', 'building', 'cluster'])).toEqual(new Map([['cluster', 'connector1']]));
  });

  it('does not merge series that differ anywhere, or that have no values', () => {
    expect(coincidingSeries({ a: Float64Array.from([1, 2]), b: Float64Array.from([1, 2.1]) }, ['a', 'b']).size).toBe(0);
    expect(coincidingSeries({ a: Float64Array.from([1, NaN_]), b: Float64Array.from([1, 1]) }, ['a', 'b']).size).toBe(0);
    expect(coincidingSeries({ a: Float64Array.from([NaN_]), b: Float64Array.from([NaN_]) }, ['a', 'b']).size).toBe(0);
  });
});

describe('clusterIsConnectorsSum', () => {
  const bar = (kWh: Record<string, number>) => ({ kWh });

  it('finds a cluster that is its connectors’ energy, bar by bar (a charger alone in its cluster)', () => {
    expect(clusterIsConnectorsSum([bar({ connector1: 12.3, cluster: 12.31 }), bar({ connector1: 0, cluster: 0 })], ['connector1'])).toBe(true);
    expect(clusterIsConnectorsSum([bar({ connector1: 10, connector2: 5, cluster: 15.02 })], ['connector1', 'connector2'])).toBe(true);
  });

  it('keeps a cluster shared with other chargers, and one never charged', () => {
    expect(clusterIsConnectorsSum([bar({ connector1: 12.3, cluster: 12.3 }), bar({ connector1: 4, cluster: 9 })], ['connector1'])).toBe(false);
    expect(clusterIsConnectorsSum([bar({ connector1: 0, cluster: 0 })], ['connector1'])).toBe(false);
    expect(clusterIsConnectorsSum([bar({ connector1: 3 })], ['connector1'])).toBe(false);
  });
});
