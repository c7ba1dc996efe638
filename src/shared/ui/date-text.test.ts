import { describe, expect, it } from 'vitest';
import { formatDayText, parseDayText } from './date-text.ts';

describe('a calendar day in the page’s language', () => {
  it('is written the way the language writes it, whatever the browser speaks', () => {
    expect(formatDayText('2026-11-30', 'de-DE')).toBe('30.11.2026');
    expect(formatDayText('2026-02-01', 'de-DE')).toBe('01.02.2026');
    expect(formatDayText('2026-02-01', 'en-GB')).toBe('01/02/2026');
    expect(formatDayText('2026-02-01', 'en-US')).toBe('02/01/2026');
  });

  it('never moves to another day, in any zone (the day is formatted in UTC)', () => {
    expect(formatDayText('2026-03-29', 'de-DE')).toBe('29.03.2026');
    expect(formatDayText('2026-01-01', 'de-DE')).toBe('01.01.2026');
  });

  it('shows a text that is no real day as it is', () => {
    expect(formatDayText('2026-02-30', 'de-DE')).toBe('2026-02-30');
  });

  it('reads what was typed in the language’s order, with or without leading zeros', () => {
    expect(parseDayText('30.11.2026', 'de-DE')).toBe('2026-11-30');
    expect(parseDayText('1.2.2026', 'de-DE')).toBe('2026-02-01');
    expect(parseDayText(' 01/02/2026 ', 'en-GB')).toBe('2026-02-01');
    expect(parseDayText('02/01/2026', 'en-US')).toBe('2026-02-01');
    expect(parseDayText('1-2-2026', 'de-DE')).toBe('2026-02-01');
  });

  it('reads the ISO form too', () => {
    expect(parseDayText('2026-02-01', 'de-DE')).toBe('2026-02-01');
    expect(parseDayText('2026-02-01', 'en-GB')).toBe('2026-02-01');
  });

  it('refuses what is not a whole real day', () => {
    for (const text of ['', '30.11.', '30.11.26', '31.04.2026', '29.02.2026', '13/13/2026', '1.2.2026.5', 'heute', '123.1.2026', '30.11.20266']) {
      expect(parseDayText(text, 'de-DE'), text).toBeNull();
    }
    expect(parseDayText('29.02.2028', 'de-DE')).toBe('2028-02-29');
  });
});
