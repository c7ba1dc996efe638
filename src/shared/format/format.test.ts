import { describe, expect, it } from 'vitest';
import { getFormatter } from './format.ts';

const NNBSP = '\u202f';
const en = getFormatter('en-GB');
const de = getFormatter('de-DE');

describe('format', () => {
  it('uses the decimal comma in German and the point in English', () => {
    expect(de.kw(7.36)).toBe(`7,4${NNBSP}kW`);
    expect(en.kw(7.36)).toBe(`7.4${NNBSP}kW`);
    expect(de.kwh(1234.5)).toBe(`1.234,50${NNBSP}kWh`);
    expect(en.kwh(1234.5)).toBe(`1,234.50${NNBSP}kWh`);
  });

  it('formats money in the chosen currency', () => {
    expect(de.money(12.5, 'EUR')).toMatch(/^12,50\s€$/);
    expect(en.money(12.5, 'CHF')).toMatch(/CHF\s?12\.50/);
  });

  it('says how long ago, in words', () => {
    const now = Date.UTC(2026, 10, 27, 12, 0, 0);
    expect(en.relative(now - 2 * 60_000, now)).toBe('2 minutes ago');
    expect(de.relative(now - 2 * 60_000, now)).toBe('vor 2 Minuten');
    expect(en.relative(now - 10_000, now)).toBe('now');
    expect(en.relative(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(en.relative(now - 26 * 3600_000, now)).toBe('yesterday');
  });

  it('formats durations for totals and as a ticking clock', () => {
    expect(en.duration(13 * 3600 + 15 * 60 + 54)).toBe('13 hrs 16 mins');
    expect(en.duration(3 * 86400 + 4 * 3600 + 60)).toBe('3 days 4 hrs');
    expect(de.duration(13 * 3600 + 15 * 60 + 54)).toBe('13 Std. 16 Min.');
    expect(en.duration(45)).toBe('45 secs');
    expect(en.clock(13 * 3600 + 15 * 60 + 54)).toBe('13:15:54');
    expect(en.clock(86400 + 12 * 3600 + 44 * 60 + 26)).toBe('1 day 12:44:26');
    expect(de.clock(2 * 86400 + 5)).toBe('2 Tage 00:00:05');
  });

  it('names a day on a chart axis, and the time on a 24-hour clock in German', () => {
    const t = Date.UTC(2026, 2, 10, 13, 5);
    expect(getFormatter('de-DE').weekdayDate(t)).toMatch(/^Di\.?,? 10\.3\.$/);
    expect(getFormatter('en-GB').weekdayDate(t)).toMatch(/^Tue,? 10\/0?3$/);
    expect(getFormatter('de-DE').time(Date.UTC(2026, 2, 10, 21, 5))).toMatch(/^\d{2}:05$/);
  });

  it('gives a near moment its day and time, without the year that would make it wrap on a card', () => {
    const t = Date.UTC(2026, 10, 27, 12, 5);
    expect(getFormatter('en-GB').dayTime(t)).toMatch(/^27 Nov,? \d{2}:05$/);
    expect(getFormatter('de-DE').dayTime(t)).toMatch(/^27\. Nov\.?,? \d{2}:05$/);
  });
});
