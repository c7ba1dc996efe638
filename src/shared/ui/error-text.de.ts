/** German for `error-text.ts`: a chunk of its own, loaded only for German pages (`src/app/german.ts`). */
import type { errorMessages, serverReasons } from './error-text.ts';
import { problemReasonDe } from '../../../contract/problem-reasons.de.ts';

export const errorMessagesDe: (typeof errorMessages)['en'] = {
  network: 'Dashboard-Server nicht erreichbar',
  server_timeout: 'Dashboard-Server hat nicht rechtzeitig geantwortet',
  charger_unreachable: 'Ladestation nicht erreichbar',
  charger_timeout: 'Ladestation hat nicht rechtzeitig geantwortet',
  charger_auth_failed: 'Ladestation verweigert die Anmeldung',
  charger_bad_response: 'Ladestation meldet einen Fehler',
  parse: 'Unerwartete Daten von der Ladestation',
  bad_request: 'Ungültige Anfrage',
  not_found: 'Nicht gefunden',
  request_timeout: 'Anfrage kam nicht rechtzeitig an',
  request_header_too_large: 'Anfrage-Header zu groß',
  host_not_allowed: 'Dashboard-Adresse nicht erlaubt (ALLOWED_HOSTS)',
  too_many_requests: 'Zu viele Anfragen von diesem Bildschirm',
  archive_full: 'Verlaufsarchiv: Speicher voll',
  archive_read_only: 'Verlaufsarchiv nicht beschreibbar',
  archive_unavailable: 'Verlaufsarchiv nicht verfügbar',
  other: 'Etwas ist schiefgegangen',
};

export const serverReasonsDe: (typeof serverReasons)['en'] = { words: (message) => problemReasonDe(message) ?? '' };
