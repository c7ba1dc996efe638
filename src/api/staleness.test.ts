import { describe, expect, it } from 'vitest';
import { isTooOld } from './staleness.ts';

const now = 1_800_000_000_000;
const timings = { statusIntervalMs: 5_000, staleAfterMs: 12_500 };

describe('isTooOld', () => {
  it('is too old once the reading is older than the server’s staleAfterMs, however flat the values are', () => {
    expect(isTooOld(now - 5_000, now, timings)).toBe(false);
    expect(isTooOld(now - 12_500, now, timings)).toBe(false);
    expect(isTooOld(now - 12_501, now, timings)).toBe(true);
    expect(isTooOld(now - 3_600_000, now, timings)).toBe(true);
  });

  it('follows the server’s timings, not a figure of its own', () => {
    const slow = { statusIntervalMs: 60_000, staleAfterMs: 150_000 };
    expect(isTooOld(now - 100_000, now, slow)).toBe(false);
    expect(isTooOld(now - 150_001, now, slow)).toBe(true);
  });

  it('is not old before the first answer, which is loading', () => {
    expect(isTooOld(0, now, timings)).toBe(false);
  });

  it('is too old when the last reading lies in the future: the clock was set back', () => {
    // Received at 03:00 summer time; the clock now says 02:00:01.
    expect(isTooOld(now + 3_600_000, now + 1_000, timings)).toBe(true);
    // A ticker a moment behind an event that just arrived is not a change of time.
    // A reading may lead the ticker's `now` by an interval plus one tick.
    expect(isTooOld(now + 5_000, now, timings)).toBe(false);
    expect(isTooOld(now + 6_000, now, timings)).toBe(false);
    expect(isTooOld(now + 6_001, now, timings)).toBe(true);
  });

  it('keeps a fresh reading live on a fast server while the once-a-second ticker has not caught up', () => {
    const fast = { statusIntervalMs: 500, staleAfterMs: 1_250 };
    // The reading arrived 900 ms after the ticker's last tick: fresh, not "in the future".
    expect(isTooOld(now + 900, now, fast)).toBe(false);
    expect(isTooOld(now + 1_501, now, fast)).toBe(true);
  });
});
