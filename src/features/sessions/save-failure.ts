import { isApiError } from '../../api/api-error.ts';
import type { Lang } from '../../shared/i18n/i18n.tsx';
import { errorDetail, errorHeadline } from '../../shared/ui/error-text.ts';
import { needsPin } from './api/settings-query.ts';
import { sessionsMessages } from './messages.ts';

/**
 * Why the price was not saved, in the page's language: the server's error code worded by the
 * client (the settings' own codes here, the rest by `errorHeadline`), the server's English
 * sentence added only on an English page (`errorDetail`), as everywhere else in the app.
 */
export function saveFailureText(error: unknown, lang: Lang, pinEntered: boolean): string {
  const m = sessionsMessages[lang];
  if (needsPin(error)) return pinEntered ? m.pinRejected : m.pinNeeded;
  const like = isApiError(error) ? error : { message: error instanceof Error ? error.message : String(error) };
  const own = isApiError(error) && Object.hasOwn(SETTINGS_CODES, error.code) ? SETTINGS_CODES[error.code] : undefined;
  const headline = own ? m[own] : errorHeadline(like, lang);
  const detail = errorDetail(like, lang);
  return `${m.saveFailed}: ${headline}${detail && detail !== headline ? ` (${detail})` : ''}`;
}

/** The settings route's own error codes (docs/architecture.md, "Error codes"). */
const SETTINGS_CODES: Partial<Record<string, 'saveArchiveOff' | 'saveArchiveFull' | 'saveLocalOnly' | 'saveKiosk'>> = {
  archive_off: 'saveArchiveOff',
  archive_full: 'saveArchiveFull',
  local_only: 'saveLocalOnly',
  /** Refused by this page itself: a kiosk display sends no settings. */
  kiosk: 'saveKiosk',
};
