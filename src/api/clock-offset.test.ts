import { describe, expect, it } from 'vitest';
import { ClockOffset } from './clock-offset.ts';

describe('ClockOffset', () => {
  it('keeps the closest lower bound: the largest server-minus-tablet difference seen', () => {
    const offset = new ClockOffset(-1_800);
    offset.observe(10_000, 10_050); // arrived 50 ms after the server had it
    expect(offset.ms).toBe(-50);
    offset.observe(20_000, 20_300); // a slower delivery says less
    expect(offset.ms).toBe(-50);
    offset.adopt(-900);
    expect(offset.ms).toBe(-50);
    offset.adopt(-10);
    expect(offset.ms).toBe(-10);
  });

  it('forgets bounds older than two windows, so a server clock set back is followed', () => {
    const offset = new ClockOffset(0, 1_000);
    offset.observe(5_000, 5_000);
    expect(offset.ms).toBe(0);
    // The server's clock is set back a minute: every new bound is lower.
    offset.observe(5_500 - 60_000, 5_500);
    expect(offset.ms).toBe(0);
    offset.observe(6_200 - 60_000, 6_200);
    expect(offset.ms).toBe(0); // the window that saw the old clock is still the previous one
    offset.observe(7_300 - 60_000, 7_300);
    expect(offset.ms).toBe(-60_000);
  });

  it('moves every bound with a jump of the tablet’s clock', () => {
    const offset = new ClockOffset(0, 1_000);
    offset.observe(10_000, 10_000);
    offset.shift(3_600_000);
    expect(offset.ms).toBe(-3_600_000);
    // The window keeps running on the jumped clock: no early roll-over, no stale bound kept.
    offset.observe(10_500, 3_610_500);
    expect(offset.ms).toBe(-3_600_000);
  });
});
