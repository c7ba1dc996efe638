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
});

describe('useTheme', () => {
  it('starts with what the start script chose before the first paint', () => {
    document.documentElement.dataset.theme = 'light';
    expect(mount('').hook.result.current[0]).toBe('light');
    cleanup();
    delete document.documentElement.dataset.theme;
    expect(mount('').hook.result.current[0]).toBe('dark');
  });

  it('lets ?theme= win', () => {
    document.documentElement.dataset.theme = 'light';
    expect(mount('theme=dark').hook.result.current[0]).toBe('dark');
  });

  it('writes the choice into the URL and storage, so the reload into a new build keeps it', () => {
    const { location, hook } = mount('theme=dark&lang=de&kiosk=1');
    act(() => hook.result.current[1]());
    expect(hook.result.current[0]).toBe('light');
    expect(location.history.at(-1)).toBe('/?theme=light&lang=de&kiosk=1');
    expect(localStorage.getItem('inch-dashboard.theme')).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    act(() => hook.result.current[1]());
    expect(location.history.at(-1)).toBe('/?theme=dark&lang=de&kiosk=1');
    expect(localStorage.getItem('inch-dashboard.theme')).toBe('dark');
  });
});
