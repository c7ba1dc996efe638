/**
 * The German of the first load's message tables is its own chunk (`german-tables.ts`): an English
 * page never downloads it, a German one asks for it at start-up, beside the first data. Should it
 * fail to load, the page stays usable in English (and tries again on the next start).
 */
import { use } from 'react';
import type { Lang } from '../shared/i18n/i18n.tsx';

let state: 'idle' | 'ready' | 'failed' = 'idle';
let loading: Promise<void> | null = null;

/** Starts loading the German tables (once); resolves when they are in, or failed to load. */
export function loadGerman(): Promise<void> {
  loading ??= import('./german-tables.ts').then(
    () => {
      state = 'ready';
    },
    () => {
      state = 'failed';
    },
  );
  return loading;
}

/** Suspends a German page until its tables are in (or failed to load: then English stands in). */
export function useGermanTables(lang: Lang): void {
  if (lang === 'de' && state === 'idle') use(loadGerman());
}
