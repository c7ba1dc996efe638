import { describe, expect, it } from 'vitest';
import { isApiError } from './api-error.ts';
import type { ChargingSession, ChargingSessionPage } from './session-schemas.ts';
import { fetchAllSessionPages, historyPageForm } from './session-history.ts';

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
