import { describe, expect, it } from 'vitest';
import { isTooOld, STALE_AFTER_POLLS } from './staleness.ts';
import { STATUS_POLL_MS } from './queries.ts';

const now = 1_800_000_000_000;

describe('isTooOld', () => {
  it('is too old after three polls without a success, however flat the values are', () => {
    const limit = STALE_AFTER_POLLS * STATUS_POLL_MS;
    expect(isTooOld(now - 5_000, now)).toBe(false);
    expect(isTooOld(now - limit, now)).toBe(false);
    expect(isTooOld(now - limit - 1, now)).toBe(true);
    expect(isTooOld(now - 3_600_000, now)).toBe(true);
  });

  it('counts polls of the given period', () => {
    expect(isTooOld(now - 100_000, now, 60_000)).toBe(false);
    expect(isTooOld(now - 180_001, now, 60_000)).toBe(true);
  });

  it('is not old before the first answer, which is loading', () => {
    expect(isTooOld(0, now)).toBe(false);
  });

  it('is too old when the last success lies in the future: the clock was set back', () => {
    // Answered at 03:00 summer time; the clock now says 02:00:01.
    expect(isTooOld(now + 3_600_000, now + 1_000)).toBe(true);
    // A ticker a moment behind a fetch that just finished is not a change of time.
    expect(isTooOld(now + STATUS_POLL_MS, now)).toBe(false);
    expect(isTooOld(now + STATUS_POLL_MS + 1, now)).toBe(true);
  });
});
