import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../../test-support/fake-event-source.ts';
import { snapshotFixture } from '../../test-support/snapshot-fixtures.ts';
import { prefetchFirstScreen } from './prefetch.ts';

const chargers = (ids: string[]) => ({ chargers: ids.map((id) => ({ id, name: id, simulated: true })), build: 'b1' });

function stubFetch(ids: string[]) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url);
    const body = url === '/api/chargers' ? chargers(ids) : { evses: [] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

/** Lets the answers and the work they start run to their end (on fake timers: no real wait). */
const settle = () => vi.advanceTimersByTimeAsync(10);

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('prefetchFirstScreen', () => {
  it('asks for the chargers, opens the event stream for the one the live view will show, and resolves with its first status', async () => {
    const calls = stubFetch(['platz13']);
    const client = new QueryClient();
    let done = false;
    void prefetchFirstScreen(client, { pathname: '/', search: '' }).then(() => (done = true));
    await settle();
    expect(calls).toEqual(['/api/chargers']);
    expect(FakeEventSource.latest.url).toBe('/api/events?chargers=platz13');
    expect(done).toBe(false);
    FakeEventSource.latest.emit('snapshot', snapshotFixture({ chargerId: 'platz13' }));
    await settle();
    expect(done).toBe(true);
    expect(client.getQueryData(['charger', 'platz13', 'snapshot'])).toBeDefined();
  });

  it('streams what the first view shows: ?charger, the garage for several, nothing on the sessions page or for an unknown id', async () => {
    const cases: Array<[string[], string, string, string]> = [
      [['platz4', 'platz5'], '/', '?charger=platz5', 'platz5'],
      [['platz4', 'platz5'], '/', '', 'platz4,platz5'], // the garage redirect
      [['platz13'], '/sessions', '', ''],
      [['platz13'], '/', '?charger=nope', ''],
    ];
    for (const [ids, pathname, search, streamed] of cases) {
      FakeEventSource.reset();
      const calls = stubFetch(ids);
      void prefetchFirstScreen(new QueryClient(), { pathname, search });
      await settle();
      expect(calls).toEqual(['/api/chargers']);
      expect(FakeEventSource.latest.url).toBe(`/api/events?chargers=${streamed}`);
    }
  });
});
