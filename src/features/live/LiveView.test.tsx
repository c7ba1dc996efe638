/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotFixture } from '../../../test-support/snapshot-fixtures.ts';
import { snapshotQuery } from '../../api/queries.ts';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import { LiveView } from './LiveView.tsx';

// Counts how often the side panels render: they show nothing that changes with the time.
const panelRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./PowerManagementPanel.tsx', () => ({
  PowerManagementPanel: () => {
    panelRenders.count++;
    return <section aria-label="Power management" />;
  },
}));

const now = Date.UTC(2022, 9, 7, 12, 0, 0);

function mount() {
  const client = new QueryClient();
  // Fresh data in the cache; the refetch on mount never answers, so nothing but the clock moves.
  client.setQueryData(snapshotQuery('platz13').queryKey, snapshotFixture({ readAt: new Date(now).toISOString() }), { updatedAt: now });
  vi.stubGlobal('fetch', () => new Promise(() => {}));
  return render(
    <QueryClientProvider client={client}>
      <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
        <LiveView chargerId="platz13" />
      </LocaleProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now });
  panelRenders.count = 0;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('LiveView', () => {
  it('does not re-render the whole view every second, only when the staleness flips', async () => {
    mount();
    expect(screen.getByTestId('connector-card')).toBeTruthy();
    // The strip (load guard, cluster, connectivity) is its own lazy chunk, asked for once the
    // cards are painted: a frame, then a task (jsdom's frames run on the fake timers).
    await act(() => vi.dynamicImportSettled());
    expect(panelRenders.count).toBe(0);
    act(() => vi.advanceTimersByTime(50));
    await act(() => vi.dynamicImportSettled());
    expect(panelRenders.count).toBeGreaterThan(0);
    const settled = panelRenders.count;
    act(() => vi.advanceTimersByTime(10_000));
    expect(panelRenders.count).toBe(settled);
    expect(screen.queryByTestId('stale-banner')).toBeNull();

    // Three polls without an answer: stale, with the age ticking in the banner alone.
    act(() => vi.advanceTimersByTime(6_000));
    const banner = screen.getByTestId('stale-banner');
    expect(banner.textContent).toContain('No fresh data');
    expect(banner.textContent).toContain('last update 16 secs ago');
    const stale = panelRenders.count;
    expect(stale).toBe(settled + 1);
    act(() => vi.advanceTimersByTime(3_000));
    expect(banner.textContent).toContain('last update 19 secs ago');
    expect(panelRenders.count).toBe(stale);
  });

  it('says as of when the last reading is: a bare time the same evening, with its date a day later', () => {
    mount();
    act(() => vi.advanceTimersByTime(16_000));
    expect(screen.getByTestId('stale-since').textContent).toMatch(/^as of \d\d:\d\d, /);
    // The charger stays away overnight and into the next day: the bare time would read as today's.
    act(() => vi.setSystemTime(now + 26 * 3600_000));
    act(() => vi.advanceTimersByTime(30_000));
    expect(screen.getByTestId('stale-since').textContent).toMatch(/^as of 7 Oct, \d\d:\d\d, /);
  });

  it('keeps one status region in the page and fills it when the data goes stale', () => {
    mount();
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    act(() => vi.advanceTimersByTime(16_000));
    // The same element, now filled: screen readers announce a change to a region they know.
    expect(screen.getByRole('status')).toBe(region);
    expect(region.textContent).toContain('No fresh data');
  });
});
