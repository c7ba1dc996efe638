import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import chargingSessionJson from './fixtures/charging-session.json' with { type: 'json' };
import { isApiError } from './api-error.ts';
import { SESSIONS_POLL_MS } from './queries.ts';
import type { ChargingSession, ChargingSessionPage } from './session-schemas.ts';
import { chargingSessionHistoryQuery, fetchAllSessionPages, HISTORY_ERROR_RETRY_MS, HISTORY_SETTLE_MS, historyPageForm, historyWindow, type SessionHistory } from './session-history.ts';

const session = (id: number): ChargingSession =>
  ({ chargingSessionId: id, chargingStartedTime: Date.UTC(2026, 0, 1) + id * 3_600_000 }) as ChargingSession;

/** A charger holding `ids` (oldest first), answering pages of `size` like the real one. */
function charger(ids: number[], size: number) {
  const asked: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (pageNumber: number): Promise<ChargingSessionPage> => {
    asked.push(pageNumber);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight--;
    return {
      errorCode: 0,
      errorMessage: '',
      content: ids.slice((pageNumber - 1) * size, pageNumber * size).map(session),
      pagingInfo: { numOfRows: ids.length, pageCount: Math.ceil(ids.length / size) },
    };
  };
  return { fetchPage, asked, maxInFlight: () => maxInFlight };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('fetchAllSessionPages', () => {
  it('reads every page pagingInfo announces, each once, and keeps the order', async () => {
    const c = charger(range(250), 100);
    const history = await fetchAllSessionPages(c.fetchPage);
    expect(history.sessions.map((s) => s.chargingSessionId)).toEqual(range(250));
    expect([...c.asked].sort()).toEqual([1, 2, 3]);
    expect(history.pages).toBe(3);
  });

  it('asks for one page when everything fits, and none more for an empty range', async () => {
    const one = charger(range(7), 100);
    expect((await fetchAllSessionPages(one.fetchPage)).sessions).toHaveLength(7);
    expect(one.asked).toEqual([1]);
    const none = charger([], 100);
    expect((await fetchAllSessionPages(none.fetchPage)).sessions).toEqual([]);
    expect(none.asked).toEqual([1]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const c = charger(range(1_000), 100);
    await fetchAllSessionPages(c.fetchPage, { concurrency: 2 });
    expect(c.maxInFlight()).toBe(2);
    expect(c.asked).toHaveLength(10);
  });

  it('follows a page count that grows while reading (a session started meanwhile)', async () => {
    const ids = range(200);
    const c = charger(ids, 100);
    const fetchPage = async (n: number) => {
      const page = await c.fetchPage(n);
      if (n === 1) ids.push(201); // appears after page 1 was answered
      return page;
    };
    const history = await fetchAllSessionPages(fetchPage, { concurrency: 1 });
    expect(history.sessions.map((s) => s.chargingSessionId)).toEqual(range(201));
  });

  it('drops a row seen twice on a page boundary', async () => {
    const pages: ChargingSessionPage[] = [
      { errorCode: 0, errorMessage: '', content: [session(1), session(2)], pagingInfo: { numOfRows: 3, pageCount: 2 } },
      { errorCode: 0, errorMessage: '', content: [session(2), session(3)], pagingInfo: { numOfRows: 3, pageCount: 2 } },
    ];
    const history = await fetchAllSessionPages(async (n) => pages[n - 1]!);
    expect(history.sessions.map((s) => s.chargingSessionId)).toEqual([1, 2, 3]);
  });

  it('reads again when rows went missing, and fails rather than total an incomplete set', async () => {
    let calls = 0;
    const flaky = async (n: number): Promise<ChargingSessionPage> => {
      calls++;
      // First read: page 2 comes back short; second read is whole.
      const short = calls === 2;
      const ids = n === 1 ? [1, 2] : short ? [3] : [3, 4];
      return { errorCode: 0, errorMessage: '', content: ids.map(session), pagingInfo: { numOfRows: 4, pageCount: 2 } };
    };
    expect((await fetchAllSessionPages(flaky, { concurrency: 1 })).sessions).toHaveLength(4);

    const broken = async (): Promise<ChargingSessionPage> => ({
      errorCode: 0,
      errorMessage: '',
      content: [session(1)],
      pagingInfo: { numOfRows: 5, pageCount: 1 },
    });
    const error = await fetchAllSessionPages(broken).catch((e: unknown) => e);
    expect(isApiError(error) && error.message).toBe('The charger announced 5 sessions but its pages held 1');
  });

  it('refuses an absurd page count instead of asking a million times', async () => {
    let calls = 0;
    const absurd = async (): Promise<ChargingSessionPage> => {
      calls++;
      return { errorCode: 0, errorMessage: '', content: [session(1)], pagingInfo: { numOfRows: 9e6, pageCount: 9e6 } };
    };
    await expect(fetchAllSessionPages(absurd)).rejects.toThrow(/at most 1000/);
    expect(calls).toBe(1);
  });

  it('stops asking once a page failed', async () => {
    const c = charger(range(1_000), 100);
    const failing = async (n: number) => {
      if (n === 3) throw new Error('charger unreachable');
      return c.fetchPage(n);
    };
    await expect(fetchAllSessionPages(failing)).rejects.toThrow('charger unreachable');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(c.asked.length).toBeLessThan(5);
  });
});

describe('historyPageForm', () => {
  it('sends the full form, oldest first, as the charger UI does', () => {
    expect(historyPageForm({ from: '2026-02-27 23:00:00', to: '2026-04-01 22:00:00' }, 3)).toEqual({
      pageSize: '200',
      pageNumber: '3',
      orderByColumn: 'chargingStartedTime',
      orderDirection: 'Ascending',
      chargingStartedTimeFrom: '2026-02-27 23:00:00',
      chargingStartedTimeTo: '2026-04-01 22:00:00',
      identificationSource: '',
      identificationType: '',
      chargingSessionStopReason: '',
      identificationCode: '',
      userId: '',
    });
  });
});

describe('chargingSessionHistoryQuery: one query per month, a month that is over is read once', () => {
  // March 2026 in Berlin.
  const march = { startMs: Date.UTC(2026, 1, 28, 23), endMs: Date.UTC(2026, 2, 31, 22) };
  const ended = { chargingSessionId: 1, chargingEndedTime: 1 } as ChargingSession;
  const running = { chargingSessionId: 2, chargingEndedTime: null } as ChargingSession;
  const query = (data: SessionHistory | undefined, dataUpdatedAt: number, status = 'success') => ({ state: { data, dataUpdatedAt, status } }) as any;
  const options = chargingSessionHistoryQuery('platz13', march);
  const interval = (q: unknown) => (options.refetchInterval as (q: unknown) => number | false)(q);
  const stale = (q: unknown) => (options.staleTime as (q: unknown) => number)(q);

  it('names the month in the key, not the time', () => {
    expect(options.queryKey).toEqual(['charger', 'platz13', 'chargingSessionHistory', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('a month read after its end, nothing running: never stale, not polled', () => {
    const q = query({ sessions: [ended], pages: 1 }, march.endMs + HISTORY_SETTLE_MS);
    expect(interval(q)).toBe(false);
    expect(stale(q)).toBe(Number.POSITIVE_INFINITY);
  });

  it('the current month, a month last read just before its end, or one with a running session: polled', () => {
    for (const q of [
      query({ sessions: [ended], pages: 1 }, march.endMs - 60_000), // read at 23:59 on the 31st
      query({ sessions: [ended], pages: 1 }, march.endMs + 60_000), // just after: the proxy may still cache
      query({ sessions: [ended, running], pages: 1 }, march.endMs + 30 * 86_400_000), // a car still charging
      query(undefined, 0, 'pending'),
    ]) {
      expect(interval(q)).toBe(SESSIONS_POLL_MS);
      expect(stale(q)).toBe(60_000);
    }
    expect(interval(query(undefined, 0, 'error'))).toBe(HISTORY_ERROR_RETRY_MS);
  });

  describe('reading a month', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('asks the charger with the window a day wider and keeps only the month’s own sessions', async () => {
      const base = chargingSessionJson.content[0]!;
      const at = (ms: number, id: number) => ({ ...base, chargingSessionId: id, chargingStartedTime: new Date(ms).toISOString() });
      const content = [at(march.startMs - 1, 1), at(march.startMs, 2), at(march.endMs - 1, 3), at(march.endMs, 4)];
      const urls: string[] = [];
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string) => {
          urls.push(url);
          return new Response(JSON.stringify({ errorCode: 0, errorMessage: '', content, pagingInfo: { numOfRows: 4, pageCount: 1 } }), { status: 200 });
        }),
      );
      const client = new QueryClient();
      const history = await client.fetchQuery(chargingSessionHistoryQuery('platz 13', march));
      expect(history.sessions.map((s) => s.chargingSessionId)).toEqual([2, 3]);
      const params = new URL(urls[0]!, 'http://x').searchParams;
      expect(urls[0]!.startsWith('/api/chargers/platz%2013/chargingSession?')).toBe(true);
      expect([params.get('chargingStartedTimeFrom'), params.get('chargingStartedTimeTo')]).toEqual([historyWindow(march).from, historyWindow(march).to]);
      expect(historyWindow(march)).toEqual({ from: '2026-02-27 23:00:00', to: '2026-04-01 22:00:00' });
    });
  });
});
