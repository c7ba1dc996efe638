/**
 * What a failed request means for the user, in their language. Takes the error's shape rather
 * than the ApiError class, because src/shared sits below src/api.
 */
import { defineMessages, type Lang } from '../i18n/i18n.tsx';

export interface ErrorLike {
  kind?: string;
  code?: string;
  message: string;
}

export const errorMessages = defineMessages({
  en: {
    network: 'Dashboard server unreachable',
    charger_unreachable: 'Charger unreachable',
    charger_timeout: 'Charger not answering',
    charger_auth_failed: 'Charger refused the login',
    charger_bad_response: 'Charger sent an error',
    parse: 'Unexpected data from the charger',
    bad_request: 'Invalid request',
    not_found: 'Not found',
    other: 'Something went wrong',
  },
  de: {
    network: 'Dashboard-Server nicht erreichbar',
    charger_unreachable: 'Ladestation nicht erreichbar',
    charger_timeout: 'Ladestation antwortet nicht',
    charger_auth_failed: 'Ladestation verweigert die Anmeldung',
    charger_bad_response: 'Ladestation meldet einen Fehler',
    parse: 'Unerwartete Daten von der Ladestation',
    bad_request: 'Ungültige Anfrage',
    not_found: 'Nicht gefunden',
    other: 'Etwas ist schiefgegangen',
  },
});

/** A short headline for the reason ("Charger unreachable"). */
export function errorHeadline(error: ErrorLike, lang: Lang): string {
  const table = errorMessages[lang];
  const key = (error.kind === 'network' || error.kind === 'parse' ? error.kind : error.code) ?? 'other';
  // Own keys only: a code like `toString` must not find Object.prototype's.
  return Object.hasOwn(table, key) ? table[key as keyof typeof table] : table.other;
}

/**
 * The server's or charger's own message, shown as detail under the headline. Those words are
 * English (or the charger's), so a German page shows the client's wording of the code alone.
 */
export function errorDetail(error: ErrorLike | null | undefined, lang: Lang): string | undefined {
  return lang === 'en' && error?.message ? error.message : undefined;
}
