/**
 * What a failed request means for the user, in their language. Takes the error's shape rather
 * than the ApiError class, because src/shared sits below src/api.
 */
import { defineMessagesGermanLater, germanLater, type Lang } from '../i18n/i18n.tsx';

export interface ErrorLike {
  kind?: string;
  code?: string;
  message: string;
}

// German: error-text.de.ts, loaded only for German pages (src/app/german.ts).
export const errorMessages = defineMessagesGermanLater({
  network: 'Dashboard server unreachable',
  server_timeout: 'Dashboard server did not answer in time',
  charger_unreachable: 'Charger unreachable',
  charger_timeout: 'Charger did not answer in time',
  charger_auth_failed: 'Charger refused the login',
  charger_bad_response: 'Charger sent an error',
  parse: 'Unexpected data from the charger',
  bad_request: 'Invalid request',
  not_found: 'Not found',
  request_timeout: 'Request did not arrive in time',
  request_header_too_large: 'Request headers too large',
  host_not_allowed: 'Dashboard address not allowed (ALLOWED_HOSTS)',
  too_many_requests: 'Too many requests from this screen',
  archive_full: 'History archive: disk full',
  archive_read_only: 'History archive cannot be written',
  archive_unavailable: 'History archive unavailable',
  other: 'Something went wrong',
});

/**
 * The server's reasons (English sentences) in the page's language; '' when there are no words for
 * one. German: error-text.de.ts, with the other German tables.
 */
export const serverReasons = germanLater({ words: (message: string): string => message });

/** A short headline for the reason ("Charger unreachable"). */
export function errorHeadline(error: ErrorLike, lang: Lang): string {
  const table = errorMessages[lang];
  return table[errorKey(error, table) as keyof typeof table];
}

/**
 * The message key of an error: its code when the table knows it (a server timeout is a network
 * failure with a code of its own), else its kind for network and parse failures, else `other`.
 * Own keys only: a code like `toString` must not find Object.prototype's.
 */
export function errorKey(error: ErrorLike, table: object): string {
  if (error.code !== undefined && Object.hasOwn(table, error.code) && (error.kind !== 'parse' || error.code === 'parse')) return error.code;
  if (error.kind === 'network' || error.kind === 'parse') return Object.hasOwn(table, error.kind) ? error.kind : 'other';
  return 'other';
}

/**
 * Why, under the headline: the server's message. Those are English sentences; a German page shows
 * them in German (`contract/problem-reasons.de.ts`) and leaves out one it has no words for, so no
 * English reaches a German page (the headline, the code's own words, still says what happened).
 */
export function errorDetail(error: ErrorLike | null | undefined, lang: Lang): string | undefined {
  return (error?.message && serverReasons[lang].words(error.message)) || undefined;
}
