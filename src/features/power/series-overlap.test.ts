import { describe, expect, it } from 'vitest';
import { coincidingSeries } from './series-overlap.ts';

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
