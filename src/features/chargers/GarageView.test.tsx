/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import generalStatusJson from '../../../contract/fixtures/general-status.json' with { type: 'json' };
import { LocaleProvider, type LocaleInfo } from '../../shared/i18n/i18n.tsx';
import { snapshotFromStatus } from '../../../test-support/snapshot-from-status.ts';
import { GarageView } from './GarageView.tsx';

const chargers = [
  { id: 'platz13', name: 'Platz 13', simulated: true },
  { id: 'platz4', name: 'Platz 4', simulated: true },
  { id: 'platz5', name: 'Platz 5', simulated: true },
];

const timings = { statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 30_000 };

/** What each charger answers: a status body, or an error code our server would send. */
let answers: Record<string, { status: Record<string, unknown> } | { error: string }>;
let serverDown = false;
/** The last status each charger answered: the snapshot of a failure keeps it. */
let lastGood: Record<string, unknown> = {};

function statusWith(onlineData: Record<string, unknown>) {
  const json = structuredClone(generalStatusJson) as any;
  Object.assign(json.evses[0].connectors[0].onlineData, onlineData);
  return json;
}

beforeEach(() => {
  answers = {
    platz4: { status: statusWith({ status: 'Charging', power: 7.36, consumedEnergy: 12.34 }) },
    platz5: { status: statusWith({ status: 'Available', power: 0 }) },
    platz13: { status: statusWith({ status: 'Charging', power: 11.04, consumedEnergy: 3.2 }) },
  };
  serverDown = false;
  lastGood = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (serverDown) throw new TypeError('Failed to fetch');
      // The shell's charger list carries the server's timings, which decide when a tile is stale.
      // Unanswered, that query failed and retried with back-off for seconds, in every refetch.
      if (url.endsWith('/api/chargers')) return new Response(JSON.stringify({ chargers, ...timings, now: new Date().toISOString() }), { status: 200 });
      const id = /\/api\/chargers\/([^/]+)\//.exec(url)![1]!;
      const answer = answers[id]!;
      // Our server's snapshot route: a failed reading keeps the charger's last values beside it.
      const now = Date.now();
      if ('error' in answer) {
        const snapshot = snapshotFromStatus(lastGood[id] ?? null, { chargerId: id, readAt: now, failure: { code: answer.error, message: 'connection reset' } });
        return new Response(JSON.stringify(snapshot), { status: 200 });
      }
      lastGood[id] = answer.status;
      return new Response(JSON.stringify(snapshotFromStatus(answer.status, { chargerId: id, readAt: now })), { status: 200 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderGarage(locale: LocaleInfo = { lang: 'en', locale: 'en-GB' }, search = '') {
  const client = new QueryClient({ defaultOptions: { queries: { networkMode: 'always', refetchInterval: false } } });
  const { hook, searchHook } = memoryLocation({ path: `/garage${search}`, static: true });
  render(
    <QueryClientProvider client={client}>
      <Router hook={hook} searchHook={searchHook}>
        <LocaleProvider value={locale}>
          <GarageView chargers={chargers} />
        </LocaleProvider>
      </Router>
    </QueryClientProvider>,
  );
  return client;
}

const tile = (id: string) => document.querySelector<HTMLElement>(`[data-testid="charger-tile"][data-charger-id="${id}"]`)!;

/**
 * Waits until no charger's status request is in flight, then lets TanStack Query's batched
 * notification (a zero-delay timer) reach React. A fixed wait lost that race on a busy machine:
 * the tiles were still "loading" when the test looked.
 */
async function settle(client: QueryClient) {
  await waitFor(() => expect(client.isFetching({ predicate: (q) => q.queryKey[2] === 'generalStatus' })).toBe(0));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('GarageView', () => {
  it('shows one tile per charger in natural order with status, power and the running session', async () => {
    const client = renderGarage();
    await settle(client);
    const tiles = screen.getAllByTestId('charger-tile');
    expect(tiles.map((t) => t.dataset.chargerId)).toEqual(['platz4', 'platz5', 'platz13']);
    expect(tiles.every((t) => t.dataset.connection === 'live')).toBe(true);

    const platz4 = within(tile('platz4'));
    expect(platz4.getByText('Charging')).toBeTruthy();
    expect(tile('platz4').textContent).toContain('7.4\u202fkW');
    expect(tile('platz4').textContent).toContain('Session 12.3\u202fkWh');
    // Idle: the last session's 62.8 kWh is not a running session.
    expect(tile('platz5').textContent).not.toContain('kWh');

    const totals = screen.getByTestId('garage-totals');
    expect(totals.dataset.partial).toBe('false');
    expect(screen.getByTestId('cluster-power').textContent).toBe('18.4\u202fkW');
    expect(totals.textContent).toContain('of 17.3\u202fkW');
  });

  it('marks only the failing charger offline, keeps its last values, and leaves it out of the sum', async () => {
    const client = renderGarage();
    await settle(client);
    answers.platz13 = { error: 'charger_unreachable' };
    await act(async () => {
      await client.refetchQueries({ queryKey: ['charger'] });
    });
    await settle(client);

    expect(tile('platz13').dataset.connection).toBe('stale');
    expect(tile('platz13').textContent).toContain('Unreachable');
    expect(tile('platz13').textContent).toMatch(/as of \d+ s ago/);
    expect(tile('platz13').textContent).toContain('11.0\u202fkW'); // last data, dimmed
    expect(tile('platz4').dataset.connection).toBe('live');
    expect(tile('platz5').dataset.connection).toBe('live');

    expect(screen.getByTestId('garage-totals').dataset.partial).toBe('true');
    expect(screen.getByTestId('cluster-power').textContent).toBe('7.4\u202fkW');
    expect(screen.getByTestId('cluster-partial').textContent).toContain('without Platz 13');

    answers.platz13 = { status: statusWith({ status: 'Charging', power: 11.04 }) };
    await act(async () => {
      await client.refetchQueries({ queryKey: ['charger'] });
    });
    await settle(client);
    expect(tile('platz13').dataset.connection).toBe('live');
    expect(screen.getByTestId('garage-totals').dataset.partial).toBe('false');
  });

  it('says once, above the tiles, when our own server is down, and keeps every tile’s last data', async () => {
    const client = renderGarage();
    await settle(client);
    serverDown = true;
    await act(async () => {
      await client.refetchQueries({ queryKey: ['charger'] });
    });
    await settle(client);
    expect(screen.getAllByTestId('stale-banner')).toHaveLength(1);
    expect(screen.getByTestId('stale-banner').textContent).toContain('Dashboard server unreachable');
    for (const id of ['platz4', 'platz5', 'platz13']) {
      expect(tile(id).dataset.connection).toBe('stale');
      expect(tile(id).textContent).toContain('Server unreachable');
    }
    expect(tile('platz4').textContent).toContain('7.4\u202fkW');
  });

  it('says a charger was never reached when its first answer fails', async () => {
    answers.platz5 = { error: 'charger_timeout' };
    const client = renderGarage({ lang: 'de', locale: 'de-DE' });
    await settle(client);
    expect(tile('platz5').dataset.connection).toBe('never');
    expect(tile('platz5').textContent).toContain('Nie erreicht');
    expect(tile('platz5').textContent).toContain('Ladestation hat nicht rechtzeitig geantwortet');
    expect(tile('platz4').textContent).toContain('Lädt');
    expect(tile('platz4').textContent).toContain('7,4\u202fkW');
  });

  it('shows a readable message in the tile when the status cannot be read, and keeps the others', async () => {
    answers.platz4 = { status: { ...statusWith({}), evses: [{ evseId: 'one', connectors: 5 }] } };
    const client = renderGarage();
    await settle(client);
    expect(within(tile('platz4')).getByTestId('panel-error').textContent).toContain('evses[0].evseId');
    expect(tile('platz5').dataset.connection).toBe('live');
    expect(screen.getByTestId('cluster-partial').textContent).toContain('without Platz 4');
  });

  it('links each tile to its live view and sessions, and the garage to the combined history', async () => {
    const client = renderGarage(undefined, '?lang=de&theme=light');
    await settle(client);
    const links = within(tile('platz4')).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/?charger=platz4&lang=de&theme=light', '/sessions?charger=platz4&lang=de&theme=light']);
    expect(screen.getByRole('link', { name: /all chargers/ }).getAttribute('href')).toBe('/sessions?charger=all&lang=de&theme=light');
  });

  it('keeps the tiles as links on a touch kiosk, and has none on a locked one', async () => {
    const touch = renderGarage(undefined, '?kiosk=1');
    await settle(touch);
    expect(screen.getAllByTestId('charger-tile-link')).toHaveLength(3);
    cleanup();
    const locked = renderGarage(undefined, '?kiosk=locked');
    await settle(locked);
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(screen.getAllByTestId('charger-tile')).toHaveLength(3);
  });
});
