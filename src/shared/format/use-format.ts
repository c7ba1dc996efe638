import { useLocale } from '../i18n/i18n.tsx';
import { getFormatter, type Formatter } from './format.ts';

export function useFormat(): Formatter {
  return getFormatter(useLocale().locale);
}
