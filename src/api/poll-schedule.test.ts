import { describe, expect, it } from 'vitest';
import { delayUntilNextPoll, phaseAlignedInterval, phaseOf } from './poll-schedule.ts';

const PERIOD = 5_000;

describe('phaseOf', () => {
  it('is stable and within the period', () => {
    for (const id of ['platz4', 'platz13', 'platz24', 'a', '']) {
      const phase = phaseOf(id, PERIOD);
      expect(phase).toBe(phaseOf(id, PERIOD));
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(PERIOD);
    }
  });

  it('spreads a garage of similar ids over the period', () => {
    const phases = Array.from({ length: 21 }, (_, i) => phaseOf(`platz${i + 4}`, PERIOD));
    // Each second of the period gets some chargers: no single burst.
    const buckets = new Set(phases.map((p) => Math.floor(p / 1000)));
    expect(buckets.size).toBe(5);
  });
});

describe('delayUntilNextPoll', () => {
  it('waits for the charger’s phase in the next period', () => {
    // Last answer at 10.2 s, phase 1.0 s: 11.0 s is too soon (< 1 s later), so 16.0 s.
    expect(delayUntilNextPoll(10_200, 10_200, PERIOD, 1_000)).toBe(5_800);
    // An answer that came late (3.1 s after its slot at 5.0 s) still makes the next slot.
    expect(delayUntilNextPoll(8_100, 8_100, PERIOD, 0)).toBe(1_900);
  });

  it('names the same moment however often it is recomputed', () => {
    const last = 42_300;
    const targets = [42_300, 42_800, 43_200, 43_600].map((now) => now + delayUntilNextPoll(last, now, PERIOD, 3_700));
    expect(new Set(targets).size).toBe(1);
  });

  it('never polls again within 20 % of a period of the last answer', () => {
    // The answer (of a fetch on mount) came 0.5 s before the phase: that slot is skipped.
    expect(delayUntilNextPoll(20_500, 20_500, PERIOD, 1_000)).toBe(5_500);
    for (let last = 0; last < PERIOD * 2; last += 137) {
      const delay = delayUntilNextPoll(last, last, PERIOD, 2_345);
      expect(delay).toBeGreaterThanOrEqual(PERIOD * 0.2);
      expect(delay).toBeLessThanOrEqual(PERIOD * 1.2);
      expect((last + delay) % PERIOD).toBe(2_345);
    }
  });

  it('catches up soon when the poll is overdue (the tab slept), but not in a busy loop', () => {
    // A hidden tab runs this delay again and again without fetching: a second, not a few ms.
    expect(delayUntilNextPoll(0, 60_000, PERIOD, 1_000)).toBe(1_000);
  });

  it('keeps polling when the tablet clock is set back (the last answer lies in the future)', () => {
    const now = 1_800_000_000_000;
    // Summer time ends on a tablet without automatic time: the clock goes back an hour.
    expect(delayUntilNextPoll(now + 3_600_000 + 1_234, now, PERIOD, 1_000)).toBeLessThanOrEqual(PERIOD * 1.2);
    for (const back of [1, 999, 5_000, 86_400_000]) {
      const delay = delayUntilNextPoll(now + back, now, PERIOD, 2_345);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(PERIOD * 1.2);
    }
  });

  it('puts two tablets polling the same charger at the same phase of the clock', () => {
    const phase = phaseOf('platz13', PERIOD);
    const tabletA = 100_300;
    const tabletB = 102_900;
    const nextA = tabletA + delayUntilNextPoll(tabletA, tabletA, PERIOD, phase);
    const nextB = tabletB + delayUntilNextPoll(tabletB, tabletB, PERIOD, phase);
    expect(nextA % PERIOD).toBe(phase);
    expect(nextB % PERIOD).toBe(phase);
  });
});

describe('phaseAlignedInterval', () => {
  const interval = phaseAlignedInterval(PERIOD, 'platz13');
  it('schedules nothing special while a request runs or before the first answer', () => {
    expect(interval({ state: { fetchStatus: 'fetching', dataUpdatedAt: 1, errorUpdatedAt: 0 } })).toBe(PERIOD);
    expect(interval({ state: { fetchStatus: 'idle', dataUpdatedAt: 0, errorUpdatedAt: 0 } })).toBe(PERIOD);
  });

  it('counts from the latest answer, success or failure', () => {
    const now = Date.now();
    const delay = interval({ state: { fetchStatus: 'idle', dataUpdatedAt: now - 60_000, errorUpdatedAt: now } });
    expect(delay).toBeGreaterThanOrEqual(PERIOD * 0.2 - 50);
    expect(delay).toBeLessThanOrEqual(PERIOD * 1.2);
  });

  it('polls within a period and a bit after the clock went back an hour', () => {
    const now = Date.now();
    const delay = interval({ state: { fetchStatus: 'idle', dataUpdatedAt: now + 3_600_000, errorUpdatedAt: 0 } });
    expect(delay).toBeLessThanOrEqual(PERIOD * 1.2);
  });
});
