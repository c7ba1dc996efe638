import { describe, expect, it } from 'vitest';
import { errorDetail, errorHeadline } from './error-text.ts';

describe('errorHeadline', () => {
  it('names the reason by kind, then by code', () => {
    expect(errorHeadline({ kind: 'network', message: 'x' }, 'en')).toBe('Dashboard server unreachable');
    expect(errorHeadline({ kind: 'network', code: 'network', message: 'x' }, 'de')).toBe('Dashboard-Server nicht erreichbar');
    expect(errorHeadline({ kind: 'server', code: 'charger_timeout', message: 'x' }, 'de')).toBe('Ladestation hat nicht rechtzeitig geantwortet');
    expect(errorHeadline({ kind: 'server', code: 'charger_timeout', message: 'x' }, 'en')).toBe('Charger did not answer in time');
    expect(errorHeadline({ kind: 'network', code: 'server_timeout', message: 'x' }, 'en')).toBe('Dashboard server did not answer in time');
    expect(errorHeadline({ kind: 'parse', code: 'too_many_pages', message: 'x' }, 'en')).toBe('Unexpected data from the charger');
    expect(errorHeadline({ kind: 'server', code: 'host_not_allowed', message: 'x' }, 'en')).toBe('Dashboard address not allowed (ALLOWED_HOSTS)');
    expect(errorHeadline({ kind: 'server', code: 'request_header_too_large', message: 'x' }, 'en')).toBe('Request headers too large');
    expect(errorHeadline({ kind: 'server', code: 'request_header_too_large', message: 'x' }, 'de')).toBe('Anfrage-Header zu groß');
    expect(errorHeadline({ kind: 'server', code: 'archive_unavailable', message: 'x' }, 'en')).toBe('History archive unavailable');
    expect(errorHeadline({ kind: 'server', code: 'archive_unavailable', message: 'x' }, 'de')).toBe('Verlaufsarchiv nicht verfügbar');
    expect(errorHeadline({ kind: 'server', code: 'archive_read_only', message: 'x' }, 'de')).toBe('Verlaufsarchiv nicht beschreibbar');
    expect(errorHeadline({ message: 'x' }, 'en')).toBe('Something went wrong');
  });

  it('does not take a code like "toString" for one of its own', () => {
    for (const code of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(errorHeadline({ kind: 'server', code, message: 'x' }, 'en')).toBe('Something went wrong');
    }
  });
});

describe('errorDetail', () => {
  it('gives the server’s reason as it is on an English page, in German on a German one', () => {
    const closed = { kind: 'server', code: 'charger_unreachable', message: 'the charger closed the connection' };
    expect(errorDetail(closed, 'en')).toBe('the charger closed the connection');
    expect(errorDetail(closed, 'de')).toBe('die Ladestation hat die Verbindung geschlossen');
    const timeout = { kind: 'server', code: 'charger_timeout', message: 'the charger did not answer within 5 s' };
    expect(errorDetail(timeout, 'de')).toBe('die Ladestation hat nicht innerhalb von 5 s geantwortet');
  });

  it('leaves out on a German page a reason it has no German for, and says nothing without a message', () => {
    expect(errorDetail({ kind: 'network', message: 'Failed to fetch' }, 'de')).toBeUndefined();
    expect(errorDetail({ kind: 'network', message: 'Failed to fetch' }, 'en')).toBe('Failed to fetch');
    expect(errorDetail({ kind: 'server', message: '' }, 'en')).toBeUndefined();
    expect(errorDetail(null, 'de')).toBeUndefined();
  });
});
