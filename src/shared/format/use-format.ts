import { useLocale } from '../i18n/i18n.tsx';
import { useTimeZone } from '../time/time-zone-context.tsx';
import { getFormatter, type Formatter } from './format.ts';

/** Numbers in the page's language; dates and times in the charger's zone. */
export function useFormat(): Formatter {
  return getFormatter(useLocale().locale, useTimeZone());
}
