import { describe, expect, it } from 'vitest';

import { STEP_MS, windowAt } from './power-range.ts';

// Local calendar days are the charger's zone's, whatever the machine's: a zone with DST.
const BERLIN = 'Europe/Berlin';

describe('windowAt on DST days (Europe/Berlin)', () => {
  it('has 23 hours in spring and 25 in autumn, from local midnight to local midnight', () => {
    const now = Date.UTC(2026, 11, 1);
    const spring = windowAt({ kind: 'day', day: '2026-03-29' }, now, BERLIN);
    expect((spring.to - spring.from) / STEP_MS + 1).toBe(276);
    expect(new Date(spring.from).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    const autumn = windowAt({ kind: 'day', day: '2026-10-25' }, now, BERLIN);
    expect((autumn.to - autumn.from) / STEP_MS + 1).toBe(300);
    expect(new Date(autumn.to + STEP_MS).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
