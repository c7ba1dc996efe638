/** @vitest-environment jsdom */
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { useTheme } from './use-theme.ts';

function mount(search: string) {
  const location = memoryLocation({ path: '/', searchPath: search, record: true });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Router hook={location.hook} searchHook={location.searchHook}>
      {children}
    </Router>
  );
  return { location, hook: renderHook(() => useTheme(), { wrapper }) };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  delete document.documentElement.dataset.themeChoice;
});

describe('useTheme', () => {
  it('starts with what the start script chose before the first paint, auto by default', () => {
    document.documentElement.dataset.themeChoice = 'light';
    expect(mount('').hook.result.current.choice).toBe('light');
    expect(mount('').hook.result.current.theme).toBe('light');
    cleanup();
    delete document.documentElement.dataset.themeChoice;
    const auto = mount('').hook.result.current;
    expect(auto.choice).toBe('auto');
    // jsdom has no matchMedia: auto falls back to dark, the wall display's default.
    expect(auto.theme).toBe('dark');
  });

  it('auto follows the device setting, and changes with it', () => {
    let light = true;
    const listeners = new Set<() => void>();
    window.matchMedia = ((query: string) => ({
      get matches() {
        return query.includes('light') && light;
      },
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    })) as unknown as typeof window.matchMedia;
    try {
      const { hook } = mount('theme=auto');
      expect(hook.result.current.theme).toBe('light');
      light = false;
      act(() => listeners.forEach((l) => l()));
      expect(hook.result.current.theme).toBe('dark');
      expect(document.documentElement.dataset.theme).toBe('dark');
    } finally {
      delete (window as { matchMedia?: unknown }).matchMedia;
    }
  });

  it('lets ?theme= win', () => {
    document.documentElement.dataset.themeChoice = 'light';
    expect(mount('theme=dark').hook.result.current.theme).toBe('dark');
  });

  it('writes the choice into the URL and storage, so the reload into a new build keeps it', () => {
    const { location, hook } = mount('theme=dark&lang=de&kiosk=1');
    act(() => hook.result.current.choose('light'));
    expect(hook.result.current.theme).toBe('light');
    expect(location.history.at(-1)).toBe('/?theme=light&lang=de&kiosk=1');
    expect(localStorage.getItem('inch-dashboard.theme')).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    act(() => hook.result.current.choose('auto'));
    expect(location.history.at(-1)).toBe('/?theme=auto&lang=de&kiosk=1');
    expect(localStorage.getItem('inch-dashboard.theme')).toBe('auto');
  });
});
