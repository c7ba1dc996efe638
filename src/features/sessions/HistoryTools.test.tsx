/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import { ToolsButton, ToolsRegion, useToolsDisclosure } from './HistoryTools.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.resetModules();
});

function Tools({ forcedOpen = false }: { forcedOpen?: boolean }) {
  const tools = useToolsDisclosure();
  return (
    <>
      <ToolsButton tools={tools} summary="Last month · 1 filter" />
      <ToolsRegion tools={tools} label="Filters & export" forcedOpen={forcedOpen}>
        <label>
          User
          <select>
            <option>All</option>
          </select>
        </label>
      </ToolsRegion>
    </>
  );
}

const draw = (lang: 'en' | 'de' = 'en', forcedOpen = false) =>
  render(
    <LocaleProvider value={lang === 'en' ? { lang, locale: 'en-GB' } : { lang, locale: 'de-DE' }}>
      <Tools forcedOpen={forcedOpen} />
    </LocaleProvider>,
  );

describe('the history’s tools on a phone', () => {
  it('start closed: a button that says what the list shows, the filters out of sight and out of the accessibility tree', () => {
    draw();
    const button = screen.getByRole('button', { name: /^Filters & export/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveTextContent('Last month · 1 filter');
    expect(document.getElementById(button.getAttribute('aria-controls')!)).toBe(screen.getByTestId('history-tools'));
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'User' })).toBeNull();
    // A finger-sized target (the UI kit's 44 × 44 px minimum).
    expect(button.className).toMatch(/\bmin-h-11\b/);
  });

  it('open from the keyboard, reach the filters with Tab, and close again back onto the button', async () => {
    const user = userEvent.setup();
    draw();
    await user.tab();
    const button = screen.getByRole('button', { name: /^Filters & export/ });
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('region', { name: 'Filters & export' })).toBeVisible();
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'User' })).toHaveFocus();
    await user.tab();
    await user.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('stay open, without a way to close them, while they hold the fix for an unreadable period', () => {
    draw('en', true);
    expect(screen.getByRole('region', { name: 'Filters & export' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Close filters' })).toBeNull();
  });

  it('speak German', async () => {
    draw('de');
    await userEvent.click(screen.getByRole('button', { name: /^Filter & Export/ }));
    expect(screen.getByRole('button', { name: 'Filter schließen' })).toBeVisible();
  });
});

describe('useNarrowScreen', () => {
  it('follows the phone-width media query as it changes, and is wide without matchMedia', async () => {
    const listeners = new Set<() => void>();
    const query = { matches: true, addEventListener: (_: string, f: () => void) => listeners.add(f), removeEventListener: (_: string, f: () => void) => listeners.delete(f) };
    const matchMedia = vi.fn(() => query);
    vi.stubGlobal('matchMedia', matchMedia);
    const { useNarrowScreen, NARROW_QUERY } = await import('./use-narrow-screen.ts');
    const { result } = renderHook(() => useNarrowScreen());
    expect(matchMedia).toHaveBeenCalledWith(NARROW_QUERY);
    expect(result.current).toBe(true);
    act(() => {
      query.matches = false;
      for (const listener of listeners) listener();
    });
    expect(result.current).toBe(false);

    vi.resetModules();
    vi.unstubAllGlobals();
    const fresh = await import('./use-narrow-screen.ts');
    expect(renderHook(() => fresh.useNarrowScreen()).result.current).toBe(false);
  });
});
