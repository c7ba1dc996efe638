import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isTimeZone, isUtcZone } from './time-zone-name.ts';

describe('isTimeZone', () => {
  it('accepts IANA names and UTC, refuses anything else', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'UTC']) expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', '', 'Berlin/Europe', 'CET+1']) expect(isTimeZone(zone), zone).toBe(false);
  });
});

describe('canonicalTimeZone', () => {
  it('spells a zone as Intl does, so two names of one zone compare equal', () => {
    expect(canonicalTimeZone(' europe/zurich ')).toBe('Europe/Zurich');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toMatch(/Buenos_Aires$/);
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('Etc/GMT-1')).toBe('Etc/GMT-1');
  });

  it('refuses what is not an IANA name: offsets, unknown places, empty text, script', () => {
    for (const name of ['+01:00', 'Mars/Olympus', '', 'Europe/Zurich; rm -rf', '<b>', 'Etc/Unknown']) expect(canonicalTimeZone(name), name).toBeNull();
  });
});

describe('isUtcZone', () => {
  it('knows UTC by any of its names, and nothing else as UTC', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/Universal', 'Zulu']) expect(isUtcZone(zone), zone).toBe(true);
    for (const zone of ['Europe/London', 'Africa/Abidjan', 'Europe/Zurich', 'nonsense']) expect(isUtcZone(zone), zone).toBe(false);
  });
});
