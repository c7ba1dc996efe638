/** Whether Intl knows `zone` as a time zone (an IANA name like Europe/Berlin, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Letters, digits, `_`, `-`, `+` in `/`-separated parts: the shape of IANA names, never an offset like `+01:00`. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * An IANA zone name as Intl spells it (`europe/zurich` → `Europe/Zurich`, `Etc/UTC` and `GMT` →
 * `UTC`), or null for anything that is not one. Kept in this spelling, two names of one zone
 * compare equal.
 */
export function canonicalTimeZone(name: string): string | null {
  const text = name.trim();
  if (!IANA_NAME.test(text) || !isTimeZone(text)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
}

/** UTC under any of its names (`UTC`, `Etc/UTC`, `GMT`, `Zulu`, …): the zone of most containers. */
export function isUtcZone(zone: string): boolean {
  return canonicalTimeZone(zone) === 'UTC';
}
