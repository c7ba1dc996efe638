import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

const settle = () => new Promise((r) => setTimeout(r, 10));

afterEach(() => vi.unstubAllGlobals());

describe('prefetchFirstScreen', () => {
  it('asks for the chargers and then the status of the one the live view will show', async () => {
    const calls = stubFetch(['platz13']);
    const client = new QueryClient();
    prefetchFirstScreen(client, { pathname: '/', search: '' });
    await settle();
    expect(calls).toEqual(['/api/chargers', '/api/chargers/platz13/generalStatus']);
    expect(client.getQueryData(['charger', 'platz13', 'generalStatus'])).toBeDefined();
  });

  it('follows ?charger and skips the status where the live view is not shown', async () => {
    let calls = stubFetch(['platz4', 'platz5']);
    prefetchFirstScreen(new QueryClient(), { pathname: '/', search: '?charger=platz5' });
    await settle();
    expect(calls).toEqual(['/api/chargers', '/api/chargers/platz5/generalStatus']);

    calls = stubFetch(['platz4', 'platz5']);
    prefetchFirstScreen(new QueryClient(), { pathname: '/', search: '' }); // garage redirect
    await settle();
    expect(calls).toEqual(['/api/chargers']);

    calls = stubFetch(['platz13']);
    prefetchFirstScreen(new QueryClient(), { pathname: '/sessions', search: '' });
    await settle();
    expect(calls).toEqual(['/api/chargers']);

    calls = stubFetch(['platz13']);
    prefetchFirstScreen(new QueryClient(), { pathname: '/', search: '?charger=nope' });
    await settle();
    expect(calls).toEqual(['/api/chargers']);
  });
});
