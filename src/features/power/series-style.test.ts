import { describe, expect, it } from 'vitest';
import { BUILDING_DASH, CLUSTER_DASH, limitDash, seriesStyles } from './series-style.ts';

describe('seriesStyles', () => {
  it('gives each of four connectors its own dash and marker, none dashed like the building, the cluster or a limit', () => {
    const styles = seriesStyles(['connector1', 'connector2', 'connector3', 'connector4', 'building', 'cluster']);
    const connectors = styles.filter((s) => s.measure.startsWith('connector'));
    expect(new Set(connectors.map((s) => s.dash ?? 'solid')).size).toBe(4);
    expect(new Set(connectors.map((s) => s.marker)).size).toBe(4);
    for (const s of connectors) expect([BUILDING_DASH, CLUSTER_DASH, limitDash]).not.toContain(s.dash);
    expect(connectors[0]).toMatchObject({ dash: undefined, marker: 'circle', color: 'var(--power-connector-1)' });
    // The building and the cluster keep their dashes and carry no markers.
    for (const [measure, dash] of [['building', BUILDING_DASH], ['cluster', CLUSTER_DASH]]) {
      const style = styles.find((s) => s.measure === measure)!;
      expect(style.dash).toBe(dash);
      expect(style.marker).toBeUndefined();
    }
  });

  it('gives connectors numbered apart (two EVSEs: connector1, connector3) the first two looks', () => {
    const [a, b] = seriesStyles(['connector1', 'connector3']);
    expect(a!.marker).toBe('circle');
    expect(b!.marker).toBe('square');
  });
});
