import { useEffect, useState, useSyncExternalStore } from 'react';
import { useSearchParams } from '../url/use-search-params.ts';

export type Theme = 'dark' | 'light';
/** `auto` follows the device's light or dark setting (prefers-color-scheme), and is the default. */
export type ThemeChoice = 'auto' | Theme;
export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark'];
/** Also read by public/theme.js, which sets the theme before the first paint. */
const STORAGE_KEY = 'inch-dashboard.theme';

const isChoice = (value: string | null | undefined): value is ThemeChoice => value === 'auto' || value === 'dark' || value === 'light';

/** What public/theme.js chose before the first paint: `?theme=`, else the stored choice, else auto. */
const choiceAtStart = (): ThemeChoice => {
  const start = document.documentElement.dataset.themeChoice;
  return isChoice(start) ? start : 'auto';
};

const LIGHT_QUERY = '(prefers-color-scheme: light)';
const media = () => (typeof matchMedia === 'function' ? matchMedia(LIGHT_QUERY) : null);
function subscribe(onChange: () => void): () => void {
  const query = media();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}
const prefersLight = () => media()?.matches ?? false;

export interface ThemeState {
  choice: ThemeChoice;
  /** The theme in effect: the choice, or what the device prefers under `auto`. */
  theme: Theme;
  choose(choice: ThemeChoice): void;
}

/**
 * The colour theme: `?theme=` while the URL has it, otherwise the one the page started with.
 * Choosing writes both the URL (like the language: it survives the reload into a new build, and a
 * pinned link keeps it) and storage (for the next visit without the parameter).
 */
export function useTheme(): ThemeState {
  const [params, setParams] = useSearchParams();
  const [start] = useState(choiceAtStart);
  const requested = params.get('theme');
  const choice: ThemeChoice = isChoice(requested) ? requested : start;
  const light = useSyncExternalStore(subscribe, prefersLight, () => false);
  const theme: Theme = choice === 'auto' ? (light ? 'light' : 'dark') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.themeChoice = choice;
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'dark' ? '#0b1220' : '#f3f5f9');
  }, [theme, choice]);
  const choose = (next: ThemeChoice) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not stored; the URL still has it
    }
    setParams({ theme: next });
  };
  return { choice, theme, choose };
}
