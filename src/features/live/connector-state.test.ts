import { describe, expect, it } from 'vitest';
import { departureNeedsDate, pastMomentNeedsDate, tickingSeconds } from './connector-state.ts';

describe('tickingSeconds', () => {
  const fetchedAt = 1_000_000;
  const limit = 10_000;
  it('adds the whole seconds since the fetch to the reported duration', () => {
    expect(tickingSeconds(3600, fetchedAt, fetchedAt, limit)).toBe(3600);
    expect(tickingSeconds(3600, fetchedAt, fetchedAt + 999, limit)).toBe(3600);
    expect(tickingSeconds(3600, fetchedAt, fetchedAt + 4_200, limit)).toBe(3604);
  });
  it('stops ticking when no new answer arrives', () => {
    expect(tickingSeconds(3600, fetchedAt, fetchedAt + 60_000, limit)).toBe(3610);
  });
  it('never goes back when the clock does', () => {
    expect(tickingSeconds(3600, fetchedAt, fetchedAt - 5_000, limit)).toBe(3600);
    expect(tickingSeconds(null, fetchedAt, fetchedAt + 4_000, limit)).toBeNull();
    expect(tickingSeconds(120, 0, fetchedAt, limit)).toBe(120);
  });
});

describe('departureNeedsDate', () => {
  const now = Date.UTC(2022, 9, 7, 18, 0);
  const hours = (h: number) => now + h * 3600_000;
  it('shows tomorrow morning as a bare time', () => {
    expect(departureNeedsDate(hours(0), now)).toBe(false);
    expect(departureNeedsDate(hours(13.5), now)).toBe(false);
    expect(departureNeedsDate(hours(19.9), now)).toBe(false);
  });
  it('dates a departure further off', () => {
    expect(departureNeedsDate(hours(20), now)).toBe(true);
    expect(departureNeedsDate(hours(40), now)).toBe(true);
  });
  it('dates a departure in the past, which as a bare time would read as tomorrow', () => {
    expect(departureNeedsDate(hours(-0.1), now)).toBe(true);
    expect(departureNeedsDate(hours(-10.5), now)).toBe(true);
  });
});


describe('pastMomentNeedsDate', () => {
  const now = Date.UTC(2022, 9, 7, 7, 0);
  const hoursAgo = (h: number) => now - h * 3600_000;
  it('shows last evening as a bare time', () => {
    expect(pastMomentNeedsDate(hoursAgo(0), now)).toBe(false);
    expect(pastMomentNeedsDate(hoursAgo(12.6), now)).toBe(false);
    expect(pastMomentNeedsDate(hoursAgo(19.9), now)).toBe(false);
  });
  it('dates a moment a day or more ago, whose bare time would hide the days', () => {
    expect(pastMomentNeedsDate(hoursAgo(20), now)).toBe(true);
    expect(pastMomentNeedsDate(hoursAgo(24), now)).toBe(true);
    expect(pastMomentNeedsDate(hoursAgo(72), now)).toBe(true);
  });
});
