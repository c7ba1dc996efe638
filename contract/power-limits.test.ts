import { describe, expect, it } from 'vitest';
import { ampsToKw, phaseLimitsKw } from './power-limits.ts';

describe('ampsToKw', () => {
  it('is 3 × 230 V × A by default', () => {
    expect(ampsToKw(16)).toBeCloseTo(11.04, 10);
    expect(ampsToKw(25)).toBeCloseTo(17.25, 10);
    expect(ampsToKw(60)).toBeCloseTo(41.4, 10);
  });
  it('takes other phase counts and voltages', () => {
    expect(ampsToKw(16, 1)).toBeCloseTo(3.68, 10);
    expect(ampsToKw(32, 3, 240)).toBeCloseTo(23.04, 10);
    expect(ampsToKw(0)).toBe(0);
  });
});

describe('phaseLimitsKw', () => {
  it('adds the phases, equal or not', () => {
    expect(phaseLimitsKw([25, 25, 25])).toBeCloseTo(ampsToKw(25), 10);
    expect(phaseLimitsKw([60, 60, 40])).toBeCloseTo((60 + 60 + 40) * 0.23, 10);
  });
  it('skips phases without a limit and gives null when none has one', () => {
    expect(phaseLimitsKw([32, null, undefined])).toBeCloseTo(7.36, 10);
    expect(phaseLimitsKw([null, null, null])).toBeNull();
    expect(phaseLimitsKw([Number.NaN])).toBeNull();
    expect(phaseLimitsKw([0, 0, 0])).toBeNull();
  });
});
