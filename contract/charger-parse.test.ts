import { describe, expect, it } from 'vitest';
import {
  formatFilterTime,
  formatTimeSpan,
  parseChargerTime,
  parseFilterTime,
  parseTimeSpan,
} from './charger-parse.ts';

describe('parseTimeSpan', () => {
  it.each([
    ['13:15:54', 13 * 3600 + 15 * 60 + 54],
    ['1.12:44:26', 86400 + 12 * 3600 + 44 * 60 + 26],
    ['8170.12:32:04', 8170 * 86400 + 12 * 3600 + 32 * 60 + 4],
    ['00:00:00', 0],
    ['00:00:01.5', 1.5],
    ['00:00:01.0000001', 1.0000001],
    ['-00:01:00', -60],
  ])('%s is %d s', (text, seconds) => {
    expect(parseTimeSpan(text)).toBeCloseTo(seconds, 7);
  });

  it.each(['', 'abc', '1:2', '24:00:00', '00:60:00', '00:00:60', '1.2.03:04:05', '00:00:00.12345678'])(
    'rejects %j',
    (text) => {
      expect(parseTimeSpan(text)).toBeNull();
    },
  );

  it('round-trips through formatTimeSpan', () => {
    for (const s of [0, 59, 3600, 47754, 131066, 705_900_724]) {
      expect(parseTimeSpan(formatTimeSpan(s))).toBe(s);
    }
    expect(formatTimeSpan(131066)).toBe('1.12:24:26');
  });
});

describe('parseChargerTime', () => {
  it('keeps 7 fractional digits to the millisecond', () => {
    expect(parseChargerTime('2022-10-06T20:06:21.9926007Z')).toBe(Date.UTC(2022, 9, 6, 20, 6, 21, 992));
  });
  it('reads offsets and zone-less times as UTC', () => {
    expect(parseChargerTime('2022-10-08T02:50:00+00:00')).toBe(Date.UTC(2022, 9, 8, 2, 50));
    expect(parseChargerTime('2022-10-08T04:50:00+02:00')).toBe(Date.UTC(2022, 9, 8, 2, 50));
    expect(parseChargerTime('2022-04-14T13:31:19')).toBe(Date.UTC(2022, 3, 14, 13, 31, 19));
  });
  it('treats .NET MinValue, null and garbage as no value', () => {
    expect(parseChargerTime('0001-01-01T00:00:00')).toBeNull();
    expect(parseChargerTime(null)).toBeNull();
    expect(parseChargerTime(undefined)).toBeNull();
    expect(parseChargerTime('yesterday')).toBeNull();
    expect(parseChargerTime('2022-02-30T00:00:00Z')).toBeNull();
    expect(parseChargerTime('2022-10-05T10:60:00Z')).toBeNull();
    expect(parseChargerTime('2022-10-05T24:00:00Z')).toBeNull();
  });
});

describe('session filter time', () => {
  it('formats a UTC instant as YYYY-MM-DD HH:mm:ss and back', () => {
    const t = Date.UTC(2022, 9, 5, 0, 0, 0);
    expect(formatFilterTime(t)).toBe('2022-10-05 00:00:00');
    expect(parseFilterTime('2022-10-05 00:00:00')).toBe(t);
    expect(parseFilterTime('2022-10-05T00:00:00')).toBeNull();
  });
});
