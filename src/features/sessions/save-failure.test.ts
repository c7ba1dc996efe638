import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { saveFailureText } from './save-failure.ts';

const server = (code: string, message: string, status: number) => new ApiError('server', code, message, status);

describe('why the price was not saved', () => {
  it('words the server’s code in German and leaves its English sentence out', () => {
    expect(saveFailureText(server('bad_request', 'offPeak.from must be HH:MM', 400), 'de', false)).toBe('Nicht gespeichert: Ungültige Anfrage');
    expect(saveFailureText(server('archive_off', 'the archive is switched off', 409), 'de', false)).toBe(
      'Nicht gespeichert: dieser Server speichert keine Einstellungen (sein Archiv ist ausgeschaltet)',
    );
    expect(saveFailureText(server('archive_full', 'the disk is full', 507), 'de', false)).toBe('Nicht gespeichert: die Festplatte des Servers ist voll');
    expect(saveFailureText(server('internal', 'boom', 500), 'de', false)).toBe('Nicht gespeichert: Etwas ist schiefgegangen');
    expect(saveFailureText(new ApiError('network', 'network', 'Failed to fetch'), 'de', false)).toBe('Nicht gespeichert: Dashboard-Server nicht erreichbar');
  });

  it('adds the server’s own sentence on an English page', () => {
    expect(saveFailureText(server('bad_request', 'offPeak.from must be HH:MM', 400), 'en', false)).toBe('Not saved: Invalid request (offPeak.from must be HH:MM)');
    expect(saveFailureText(server('archive_full', 'the disk is full', 507), 'en', false)).toBe('Not saved: the server’s disk is full (the disk is full)');
  });

  it('asks for the PIN, or says it was refused, on a forbidden answer', () => {
    const forbidden = server('forbidden', 'the admin PIN is required (X-Admin-Pin)', 403);
    expect(saveFailureText(forbidden, 'de', false)).toBe('Bitte die Admin-PIN eingeben, um die Einstellungen zu ändern.');
    expect(saveFailureText(forbidden, 'de', true)).toBe('Die Admin-PIN wurde nicht akzeptiert.');
  });

  it('says that only the server machine may change settings, and that a kiosk display changes none, in both languages', () => {
    const localOnly = server('local_only', 'without ADMIN_PIN, settings can be changed only on the server machine itself', 403);
    expect(saveFailureText(localOnly, 'de', false)).toBe('Nicht gespeichert: ohne Admin-PIN lassen sich Einstellungen nur auf dem Server selbst ändern');
    expect(saveFailureText(localOnly, 'en', false)).toMatch(/^Not saved: without an admin PIN, settings can be changed only on the server itself \(/);
    const kiosk = new ApiError('refused', 'kiosk', 'A kiosk display does not change settings');
    expect(saveFailureText(kiosk, 'de', false)).toBe('Nicht gespeichert: eine Kiosk-Anzeige ändert keine Einstellungen');
  });

  it('a failure that is no API error keeps its text only in English', () => {
    expect(saveFailureText(new Error('Load failed'), 'en', false)).toBe('Not saved: Something went wrong (Load failed)');
    expect(saveFailureText(new Error('Load failed'), 'de', false)).toBe('Nicht gespeichert: Etwas ist schiefgegangen');
  });
});
