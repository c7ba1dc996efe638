import { describe, expect, it, vi } from 'vitest';

// Local calendar days depend on the zone; pin one with DST. Node reads TZ again when it changes.
vi.stubEnv('TZ', 'Europe/Berlin');
const { STEP_MS, windowAt } = await import('./power-range.ts');

describe('windowAt on DST days (Europe/Berlin)', () => {
  it('has 23 hours in spring and 25 in autumn, from local midnight to local midnight', () => {
    const now = Date.UTC(2026, 11, 1);
    const spring = windowAt({ kind: 'day', day: '2026-03-29' }, now);
    expect((spring.to - spring.from) / STEP_MS + 1).toBe(276);
    expect(new Date(spring.from).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    const autumn = windowAt({ kind: 'day', day: '2026-10-25' }, now);
    expect((autumn.to - autumn.from) / STEP_MS + 1).toBe(300);
    expect(new Date(autumn.to + STEP_MS).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
