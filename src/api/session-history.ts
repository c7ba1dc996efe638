/**
 * All sessions of one charger in a filter window, read page by page through the charger's own
 * paging fields and its `pagingInfo`. The session history's totals, monthly summary, table and
 * CSV are all computed from this one set, so they can never disagree with each other.
 *
 * Kept apart from `queries.ts` on purpose: only the lazily loaded sessions page imports it, so
 * it stays out of the wall display's first-load bundle (queries.ts is part of the entry chunk).
 */
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { powerProfileSchema, type PowerPointWire } from './charger-schemas.ts';
import { chargingSessionPageSchema, type ChargingSession, type ChargingSessionPage } from './session-schemas.ts';
import { fetchParsed } from './http.ts';
import type { SessionFilterField } from './proxy-query-schemas.ts';
import { SESSIONS_POLL_MS } from './queries.ts';

/**
 * Rows per request when reading a whole range, chosen for the real charger, a small embedded
 * web server behind our proxy's 5 s upstream timeout:
 * - its own web UI asks for 100 (charger-api.md), so that size is known to be served; 200 is
 *   ~330 KB of JSON, still a small answer: it would reach the 5 s timeout only on a charger
 *   producing less than ~70 KB/s (we have no timings of a real one, so we stay modest);
 * - every request costs the charger a whole query (count plus an OFFSET scan), so fewer, larger
 *   pages are less total work for it: 5,000 sessions are 25 requests instead of 50 (measured
 *   through our server: ~25 % faster than 100; 250 and 500 gained little more);
 * - the proxy's cap of 1,000 (~1.7 MB built in one go) is what we avoid: on a busy charger such
 *   an answer times out and must be repeated whole, while a failed small page costs little.
 */
export const HISTORY_PAGE_SIZE = 200;

/**
 * Pages requested at once. Matches the proxy's connection pool per charger (charger-client.ts),
 * so the charger never sees more than two of our requests at a time and none wait in a queue
 * long enough to hit the timeout.
 */
export const HISTORY_CONCURRENCY = 2;

/** How soon a failed read of a range is tried again, unasked. */
export const HISTORY_ERROR_RETRY_MS = 30_000;

/** A guard against a charger that reports absurd page counts: 1,000 pages = 200,000 sessions. */
export const HISTORY_MAX_PAGES = 1000;

/** The charger's filter times, `YYYY-MM-DD HH:mm:ss` (DESIGN §2: the UTC instant, a day wider). */
export interface SessionWindow {
  from: string;
  to: string;
}

export interface SessionHistory {
  /** Every session in the window, each once, oldest first. */
  sessions: ChargingSession[];
  /** Requests it took (for the benchmark and the curious). */
  pages: number;
}

/** The charger's complete form for one page, as its own UI sends it (empty = no filter). */
export function historyPageForm(window: SessionWindow, pageNumber: number, pageSize = HISTORY_PAGE_SIZE): Record<SessionFilterField, string> {
  return {
    pageSize: String(pageSize),
    pageNumber: String(pageNumber),
    // Oldest first: a session that starts while we read lands on the last page instead of
    // pushing every later page down by one (which would read one row twice and miss another).
    orderByColumn: 'chargingStartedTime',
    orderDirection: 'Ascending',
    chargingStartedTimeFrom: window.from,
    chargingStartedTimeTo: window.to,
    identificationSource: '',
    identificationType: '',
    chargingSessionStopReason: '',
    identificationCode: '',
    userId: '',
  };
}

/**
 * Reads page 1, then the remaining pages `pagingInfo.pageCount` announces, `concurrency` at a
 * time. A page count that grows while reading (a new session) is followed. The result is checked
 * against `pagingInfo.numOfRows`: a reimbursement total must not silently miss rows, so one
 * inconsistent read is repeated once and a second one is an error.
 */
export async function fetchAllSessionPages(
  fetchPage: (pageNumber: number) => Promise<ChargingSessionPage>,
  { concurrency = HISTORY_CONCURRENCY, maxPages = HISTORY_MAX_PAGES } = {},
): Promise<SessionHistory> {
  let requests = 0;
  for (let attempt = 1; ; attempt++) {
    const read = await readPages(fetchPage, concurrency, maxPages);
    requests += read.requests;
    if (read.sessions.length >= read.numOfRows) return { sessions: read.sessions, pages: requests };
    if (attempt === 2) {
      throw new ApiError(
        'parse',
        'inconsistent_pages',
        `The charger announced ${read.numOfRows} sessions but its pages held ${read.sessions.length}`,
      );
    }
  }
}

async function readPages(
  fetchPage: (pageNumber: number) => Promise<ChargingSessionPage>,
  concurrency: number,
  maxPages: number,
): Promise<{ sessions: ChargingSession[]; numOfRows: number; requests: number }> {
  const first = await fetchPage(1);
  const pages: ChargingSession[][] = [first.content];
  let pageCount = first.pagingInfo.pageCount;
  let numOfRows = first.pagingInfo.numOfRows;
  let requests = 1;
  const tooMany = () =>
    new ApiError('parse', 'too_many_pages', `The charger announced ${pageCount} pages; at most ${maxPages} are read`);
  if (pageCount > maxPages) throw tooMany();

  let next = 2;
  let failed = false;
  const worker = async () => {
    while (next <= pageCount && !failed) {
      const pageNumber = next++;
      let page: ChargingSessionPage;
      try {
        page = await fetchPage(pageNumber);
      } catch (error) {
        // One failed page fails the read; the other worker stops instead of asking on.
        failed = true;
        throw error;
      }
      requests++;
      pages[pageNumber - 1] = page.content;
      // Later answers know about sessions that started meanwhile.
      pageCount = Math.max(pageCount, page.pagingInfo.pageCount);
      numOfRows = Math.max(numOfRows, page.pagingInfo.numOfRows);
      if (pageCount > maxPages) throw tooMany();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));

  const seen = new Set<number>();
  const sessions: ChargingSession[] = [];
  for (const page of pages) {
    for (const session of page ?? []) {
      if (seen.has(session.chargingSessionId)) continue;
      seen.add(session.chargingSessionId);
      sessions.push(session);
    }
  }
  return { sessions, numOfRows, requests };
}

const historyPath = (chargerId: string, form: Record<string, string>) =>
  `/api/chargers/${encodeURIComponent(chargerId)}/chargingSession?${new URLSearchParams(form).toString()}`;

/**
 * Every session of one charger in `window`. A range that reaches into the present (`live`), or
 * holds a running session, is polled at the sessions interval (DESIGN §6) so new sessions and a
 * running session's energy move on; a finished past range never changes and is not polled.
 */
export const chargingSessionHistoryQuery = (chargerId: string, window: SessionWindow, live: boolean) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'chargingSessionHistory', window.from, window.to],
    queryFn: ({ signal }) =>
      fetchAllSessionPages((pageNumber) =>
        fetchParsed(historyPath(chargerId, historyPageForm(window, pageNumber)), chargingSessionPageSchema, signal),
      ),
    refetchInterval: (query) =>
      // A failed read is tried again by itself (DESIGN §6: recover without a reload).
      query.state.status === 'error'
        ? HISTORY_ERROR_RETRY_MS
        : live || query.state.data?.sessions.some((session) => session.chargingEndedTime === null)
          ? SESSIONS_POLL_MS
          : false,
    staleTime: live ? 60_000 : 30 * 60_000,
    retry: 1,
  });

/**
 * The power profile of a long range (for the off-peak split), as `chunks` of at most 35 days
 * (our server's limit), read one after the other: a year is a dozen requests of ~9,000 points,
 * and the charger should never get them all at once. The answers are kept as they came.
 */
export const powerProfileRangeQuery = (chargerId: string, chunks: { fromTime: string; toTime: string }[], measure: string) =>
  queryOptions({
    queryKey: ['charger', chargerId, 'powerProfileRange', chunks[0]?.fromTime ?? '', chunks.at(-1)?.toTime ?? '', measure],
    queryFn: async ({ signal }) => {
      const answers: PowerPointWire[][] = [];
      for (const chunk of chunks) {
        const search = new URLSearchParams({ ...chunk, measure }).toString();
        answers.push(await fetchParsed(`/api/chargers/${encodeURIComponent(chargerId)}/powerProfile?${search}`, powerProfileSchema, signal));
      }
      return answers;
    },
    staleTime: 5 * 60_000,
    retry: 1,
  });
