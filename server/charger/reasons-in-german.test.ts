/**
 * Every reason the charger client and the status collector give for a failure, and every reason a
 * notification target did not take the test message, has German words
 * (`contract/problem-reasons.de.ts`): a German page and German notifications never show the
 * English sentence. The sentences are read from the source, so a new one without German fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemReasonDe } from '../../contract/problem-reasons.de.ts';
import { redirectMessage, upstreamFailure } from './transport-errors.ts';

const SOURCES = [
  ...readdirSync(import.meta.dirname)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(import.meta.dirname, file)),
  join(import.meta.dirname, '../collector/status-collector.ts'),
];

/** Why a notification target did not take a message: the home connections' errors. */
const HOME_SOURCES = ['delivery-targets.ts', 'home-routes.ts', 'mqtt-connection.ts'].map((file) => join(import.meta.dirname, '../home', file));

function errorsIn(source: string): string[] {
  return [...source.matchAll(/new Error\((?:'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\$\{[^}]*\}/g, '42'));
}

/** The sentences for people in a source file: string and template literals that read like one, values filled in. */
function sentencesIn(source: string): string[] {
  const literals = [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? '');
  return literals.filter((text) => /^(the charger|the connection to the charger|the login answer|TLS handshake|internal error while reading)/.test(text)).map((text) => text.replace(/\$\{[^}]*\}/g, '42'));
}

describe('the server’s reasons in German', () => {
  const sentences = SOURCES.flatMap((file) => sentencesIn(readFileSync(file, 'utf8')));
  const deliveryErrors = HOME_SOURCES.flatMap((file) => errorsIn(readFileSync(file, 'utf8')));

  it('finds the sentences it checks', () => {
    expect(sentences.length).toBeGreaterThan(20);
    expect(sentences).toContain('the charger closed the connection');
  });

  it('has German for every one of them', () => {
    expect(sentences.filter((sentence) => problemReasonDe(sentence) === null)).toEqual([]);
  });

  it('has German for every reason a notification target gives, and keeps a system’s error code', () => {
    expect(deliveryErrors).toEqual(expect.arrayContaining(['answered HTTP 42', 'no answer within 42 s', 'not connected to the MQTT broker']));
    expect(problemReasonDe('no answer')).toBe('keine Antwort');
    expect(deliveryErrors.filter((error) => problemReasonDe(error) === null)).toEqual([]);
    expect(problemReasonDe('ECONNREFUSED')).toBe('ECONNREFUSED');
    expect(problemReasonDe('answered HTTP 503')).toBe('Antwort HTTP 503');
  });

  it('keeps the values and writes seconds with a decimal comma', () => {
    const timeout = upstreamFailure(Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'c1', { ownScope: 'charger', timeoutMs: 2500 }) as Error;
    expect(problemReasonDe(timeout.message)).toBe('die Ladestation hat nicht innerhalb von 2,5 s geantwortet');
    const closed = upstreamFailure(Object.assign(new Error('socket'), { code: 'ECONNRESET' }), 'c1', { ownScope: 'charger', timeoutMs: 5000 }) as Error;
    expect(problemReasonDe(closed.message)).toBe('die Ladestation hat die Verbindung geschlossen');
    expect(problemReasonDe(redirectMessage(301, 'https://platz13.local/api/', 'http://platz13.local'))).toBe(
      'die Ladestation leitet auf https um (HTTP 301); https://platz13.local als URL der Ladestation verwenden (und CHARGER_INSECURE_TLS=true, falls ihr Zertifikat selbst signiert ist)',
    );
    expect(problemReasonDe(redirectMessage(302, '/other/', 'http://platz13.local'))).toBe('die Ladestation leitet nach http://platz13.local/other/ um (HTTP 302); diese Adresse als URL der Ladestation verwenden');
    expect(problemReasonDe('the charger refused the login (error 3: Wrong password); check CHARGER_EMAIL and CHARGER_PASSWORD')).toBe(
      'die Ladestation hat die Anmeldung abgelehnt (Fehler 3: Wrong password); CHARGER_EMAIL und CHARGER_PASSWORD prüfen',
    );
  });

  it('knows nothing of a sentence it has never seen', () => {
    expect(problemReasonDe('the flux capacitor is empty')).toBeNull();
    expect(problemReasonDe('')).toBeNull();
    expect(problemReasonDe(null)).toBeNull();
  });
});
