import { describe, expect, it } from 'vitest';
import { isTimeZone } from './time-zone-name.ts';

describe('isTimeZone', () => {
  it('accepts IANA names and UTC, refuses anything else', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'UTC']) expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', '', 'Berlin/Europe', 'CET+1']) expect(isTimeZone(zone), zone).toBe(false);
  });
});
