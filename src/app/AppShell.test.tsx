/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { snapshotFixture } from '../../test-support/snapshot-fixtures.ts';
import { FakeEventSource } from '../../test-support/fake-event-source.ts';
import { LocaleProvider } from '../shared/i18n/i18n.tsx';
import { AppShell } from './AppShell.tsx';

// The chart is another feature's lazy chunk; here it only has to say which charger it shows,
// and to crash for the chargers in `broken`.
const broken = vi.hoisted(() => new Set<string>());
vi.mock('../features/power/PowerChartPanel.tsx', () => ({
  PowerChartPanel: ({ chargerId }: { chargerId: string }) => {
    if (broken.has(chargerId)) throw new Error('chart exploded');
    return <p>{`chart of ${chargerId}`}</p>;
  },
}));

let chargerIds: string[];
let serverUp: boolean;

beforeEach(() => {
  broken.clear();
  chargerIds = ['platz4', 'platz5'];
  serverUp = true;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (!serverUp) throw new TypeError('Failed to fetch');
      const body = url === '/api/chargers' ? { chargers: chargerIds.map((id) => ({ id, name: id, simulated: true })), build: 'dev' } : snapshotFixture();
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
  // The wake-lock fallback plays a video, which jsdom cannot.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function renderShell(path: string, client = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } })) {
  const [pathname, search = ''] = path.split('?');
  const location = memoryLocation({ path: pathname!, searchPath: search, record: true });
  render(
    <QueryClientProvider client={client}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
          <AppShell />
        </LocaleProvider>
      </Router>
    </QueryClientProvider>,
  );
  return location;
}

describe('AppShell', () => {
  it('says the server is down from the first failed request, not "Loading…" through the retries', async () => {
    serverUp = false;
    renderShell('/');
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    // The chargers query retries three times (1 s, 2 s, 4 s apart); the first failure already tells.
    expect(await screen.findByRole('alert', {}, { timeout: 900 })).toHaveProperty('textContent', 'The dashboard server cannot be reached. Retrying…');
  });

  it('drops a charger id the server no longer has on the garage, keeping the other parameters', async () => {
    const location = renderShell('/garage?charger=removed&kiosk=1');
    await vi.waitFor(() => expect(location.history.at(-1)).toBe('/garage?kiosk=1'));
    expect(screen.queryByText(/There is no charger/)).toBeNull();
  });

  it('offers the first charger by name for an unknown one on the live view, since `/` alone is the garage', async () => {
    renderShell('/?charger=removed&lang=en');
    expect(await screen.findByText('There is no charger "removed".')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Show the first charger' })).toHaveAttribute('href', '/?charger=platz4&lang=en');
  });

  it('gives another charger a fresh chart, without the last chart\'s crash', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React logs the caught crash
    broken.add('platz4');
    const location = renderShell('/?charger=platz4');
    expect(await screen.findByText('This part of the dashboard could not be shown.')).toBeVisible();
    act(() => location.navigate('/?charger=platz5'));
    expect(await screen.findByText('chart of platz5')).toBeVisible();
    expect(screen.queryByText('This part of the dashboard could not be shown.')).not.toBeInTheDocument();
  });

  it('tries a crashed chart again by itself after a minute', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.useFakeTimers({ shouldAdvanceTime: true });
    broken.add('platz4');
    renderShell('/?charger=platz4');
    expect(await screen.findByText('This part of the dashboard could not be shown.')).toBeVisible();
    // Still broken a minute later: it fails again, and is tried again a minute after that.
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByText('This part of the dashboard could not be shown.')).toBeVisible();
    broken.clear();
    act(() => vi.advanceTimersByTime(59_000));
    expect(screen.queryByText('chart of platz4')).not.toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByText('chart of platz4')).toBeVisible();
  });

  it('opens one event stream for the chargers the view shows: the live view’s charger, every charger on the garage, none on the sessions page', async () => {
    const location = renderShell('/?charger=platz5');
    await vi.waitFor(() => expect(FakeEventSource.latest?.url).toBe('/api/events?chargers=platz5'));
    expect(FakeEventSource.instances.filter((s) => !s.isClosed)).toHaveLength(1);
    act(() => location.navigate('/garage'));
    await vi.waitFor(() => expect(FakeEventSource.latest.url).toBe('/api/events?chargers=platz4,platz5'));
    act(() => location.navigate('/sessions?charger=platz4'));
    await vi.waitFor(() => expect(FakeEventSource.latest.url).toBe('/api/events?chargers='));
    expect(FakeEventSource.instances.filter((s) => !s.isClosed)).toHaveLength(1);
    // No status request of its own while the stream is up.
    const fetched = (vi.mocked(fetch).mock.calls as unknown as Array<[string]>).map(([url]) => url);
    expect(fetched.filter((url) => url.endsWith('/snapshot'))).toEqual([]);
  });

  it('shows the statuses the stream delivers', async () => {
    renderShell('/?charger=platz4');
    await vi.waitFor(() => expect(FakeEventSource.latest?.url).toBe('/api/events?chargers=platz4'));
    act(() => {
      FakeEventSource.latest.open();
      FakeEventSource.latest.emit('snapshot', snapshotFixture({ chargerId: 'platz4' }));
    });
    expect(await screen.findByTestId('connector-card')).toHaveAttribute('data-status', 'Available');
  });
});
