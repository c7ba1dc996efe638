import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { fetchJson } from './http.ts';

/** A fetch that never answers, like a request waiting at a busy server; it only honours aborts. */
function hangingFetch(): typeof fetch {
  return ((_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })) as typeof fetch;
}

/** Which party a failure names: the error-text tables turn kind and code into the words. */
describe('fetchJson when no answer comes in time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function failureOf(path: string): Promise<ApiError> {
    const pending = fetchJson(path).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(20_000);
    const error = await pending;
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it('names the charger, not our server, when a charger request timed out', async () => {
    const error = await failureOf('/api/chargers/platz-13/chargingSession?pageSize=10');
    expect(error).toMatchObject({ kind: 'server', code: 'charger_timeout', chargerId: 'platz-13' });
    expect(error.message).toBe('The charger did not answer in time');
  });

  it('names our server when its own route timed out', async () => {
    const error = await failureOf('/api/chargers');
    expect(error).toMatchObject({ kind: 'network', code: 'server_timeout' });
  });

  it('still says the server is unreachable when the connection fails', async () => {
    vi.stubGlobal('fetch', (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch);
    const error = await fetchJson('/api/chargers/platz-13/generalStatus').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', code: 'network' });
  });

  it('passes a cancellation by the caller through unchanged', async () => {
    const caller = new AbortController();
    const pending = fetchJson('/api/chargers/platz-13/generalStatus', caller.signal).catch((error: unknown) => error);
    caller.abort();
    expect(await pending).toBeInstanceOf(DOMException);
  });
});
