/**
 * German and English. Each feature keeps its own message table next to its code
 * (`defineMessages`), so texts live with the component that shows them; this module only knows
 * which language is active and the locale used for Intl formatting.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { humanizeName } from '../../../contract/state-vocabulary.ts';

export const LANGS = ['en', 'de'] as const;
export type Lang = (typeof LANGS)[number];

export interface LocaleInfo {
  lang: Lang;
  /** BCP 47 tag for Intl, e.g. `de-DE`, `en-GB`, keeping the browser's region when it matches. */
  locale: string;
}

/** `?lang=de|en` wins; otherwise the first browser language we speak; otherwise English. */
export function detectLocale(search: string, browserLanguages: readonly string[]): LocaleInfo {
  const requested = new URLSearchParams(search).get('lang')?.toLowerCase();
  const lang: Lang =
    requested === 'de' || requested === 'en'
      ? requested
      : (browserLanguages.map((tag) => tag.slice(0, 2).toLowerCase()).find((l): l is Lang => l === 'de' || l === 'en') ?? 'en');
  const regional = browserLanguages.find((tag) => tag.toLowerCase().startsWith(`${lang}-`));
  return { lang, locale: regional ?? (lang === 'de' ? 'de-DE' : 'en-GB') };
}

const LocaleContext = createContext<LocaleInfo>({ lang: 'en', locale: 'en-GB' });

export function LocaleProvider({ value, children }: { value: LocaleInfo; children: ReactNode }) {
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleInfo {
  return useContext(LocaleContext);
}

/**
 * A message table: English is the reference, German must have every key with the same type
 * (strings, or functions for messages with values). The compiler catches a missing translation.
 */
export type Messages = Record<string, string | ((...args: never[]) => string)>;
export type MessageTable<M extends Messages> = Record<Lang, M>;

export function defineMessages<M extends Messages>(table: { en: M; de: NoInfer<M> }): MessageTable<M> {
  return table;
}

/**
 * A table of the first load whose German is a chunk of its own (`provideGerman`, called by
 * `src/app/german.ts` for a German page before it renders), so an English page never downloads
 * it. Until then `de` reads the English table.
 */
export function germanLater<T extends object>(en: T): Record<Lang, T> {
  return { en, de: en };
}

/** `germanLater` for a message table. */
export function defineMessagesGermanLater<M extends Messages>(en: M): MessageTable<M> {
  return germanLater(en);
}

/** Fills in the German of a `germanLater` table; the compiler checks it against the English. */
export function provideGerman<T extends object>(table: Record<Lang, T>, de: NoInfer<T>): void {
  table.de = de;
}

export function useMessages<M extends Messages>(table: MessageTable<M>): M {
  const { lang } = useLocale();
  return table[lang];
}

/** `SuspendedEV` → `Suspended EV`; `LocalStopUserDisconnected` → `Local stop user disconnected`. */
/** The translation for a charger enum value, or a readable form of a value we have never seen. */
export function enumLabel(labels: Partial<Record<string, string>>, value: string | null | undefined, none = '—'): string {
  if (value == null || value === '') return none;
  // Own keys only: a charger value like `constructor` must not find Object.prototype's.
  return (Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : undefined) ?? humanizeName(value);
}

export function useLocaleValue(search: string): LocaleInfo {
  return useMemo(() => detectLocale(search, typeof navigator === 'undefined' ? [] : navigator.languages), [search]);
}
