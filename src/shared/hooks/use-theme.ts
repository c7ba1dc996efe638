import { useEffect, useState } from 'react';
import { useSearchParams } from '../url/use-search-params.ts';

export type Theme = 'dark' | 'light';
/** Also read by public/theme.js, which sets the theme before the first paint. */
const STORAGE_KEY = 'inch-dashboard.theme';

/** What public/theme.js chose before the first paint: `?theme=`, else the stored choice, else dark. */
const themeAtStart = (): Theme => (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');

/**
 * The colour theme: `?theme=` while the URL has it, otherwise the one the page started with. The
 * button writes both the URL (like the language button: it survives the reload into a new build,
 * and a pinned link keeps it) and storage (for the next visit without the parameter).
 */
export function useTheme(): [Theme, () => void] {
  const [params, setParams] = useSearchParams();
  const [start] = useState(themeAtStart);
  const requested = params.get('theme');
  const theme: Theme = requested === 'light' || requested === 'dark' ? requested : start;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'dark' ? '#0b1220' : '#f3f5f9');
  }, [theme]);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not stored; the URL still has it
    }
    setParams({ theme: next });
  };
  return [theme, toggle];
}
