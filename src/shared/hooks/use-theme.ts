import { useCallback, useEffect, useState } from 'react';

export type Theme = 'dark' | 'light';
const STORAGE_KEY = 'inch-dashboard.theme';

/** Dark by default (a wall display at night); `?theme=` wins over the stored choice. */
export function initialTheme(search: string, stored: string | null): Theme {
  const requested = new URLSearchParams(search).get('theme');
  if (requested === 'light' || requested === 'dark') return requested;
  return stored === 'light' ? 'light' : 'dark';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, kiosk browsers)
  }
}

export function useTheme(search: string): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(() => initialTheme(search, readStored()));
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'dark' ? '#0b1220' : '#f3f5f9');
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not persisted; fine for this visit
      }
      return next;
    });
  }, []);
  return [theme, toggle];
}
