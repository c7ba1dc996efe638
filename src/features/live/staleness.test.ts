import { describe, expect, it } from 'vitest';
import { ageSeconds, freshness } from './staleness.ts';

const pollMs = 5_000;
const now = 1_800_000_000_000;

describe('freshness', () => {
  it('is live while polls succeed', () => {
    expect(freshness({ dataUpdatedAt: now - 4_000, failed: false, now, pollMs })).toBe('live');
    expect(freshness({ dataUpdatedAt: now - 15_000, failed: false, now, pollMs })).toBe('live');
  });
  it('is failed as soon as a fetch fails, however recent the data', () => {
    expect(freshness({ dataUpdatedAt: now - 1_000, failed: true, now, pollMs })).toBe('failed');
    expect(freshness({ dataUpdatedAt: 0, failed: true, now, pollMs })).toBe('failed');
  });
  it('is late after three missed polls without any error (a throttled tab)', () => {
    expect(freshness({ dataUpdatedAt: now - 15_001, failed: false, now, pollMs })).toBe('late');
    expect(freshness({ dataUpdatedAt: now - 3_600_000, failed: false, now, pollMs })).toBe('late');
  });
  it('is judged by the last success alone, so unchanged values stay live', () => {
    // Same values for hours (a charger idle all night) but fetched a moment ago: live.
    expect(freshness({ dataUpdatedAt: now - 500, failed: false, now, pollMs })).toBe('live');
  });
  it('is live before the first answer, which is loading, not stale', () => {
    expect(freshness({ dataUpdatedAt: 0, failed: false, now, pollMs })).toBe('live');
  });
});

describe('ageSeconds', () => {
  it('counts whole seconds and never goes negative', () => {
    expect(ageSeconds(now - 125_900, now)).toBe(125);
    expect(ageSeconds(now + 3_000, now)).toBe(0);
  });
});
