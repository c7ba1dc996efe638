/**
 * All sessions of one charger in a piece of the history (a local month, or the part of one inside
 * the range), read page by page through the charger's own paging fields and its `pagingInfo`. The
 * session history joins the pieces into one set and computes its totals, monthly summary, table
 * and CSV from it, so they can never disagree with each other.
 *
 * Kept apart from `queries.ts` on purpose: only the lazily loaded sessions page imports it, so
 * it stays out of the wall display's first-load bundle (queries.ts is part of the entry chunk).
 */
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { formatFilterTime } from './charger-parse.ts';
import { CHARGER_CONCURRENCY, queued } from './charger-queue.ts';
import { chargingSessionPageSchema, type ChargingSession, type ChargingSessionPage } from './session-schemas.ts';
import { fetchParsed } from './http.ts';
import type { SessionFilterField } from './proxy-query-schemas.ts';
import { chargerPath, SESSIONS_POLL_MS } from './queries.ts';

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
 * Pages of one window requested at once. Matches the proxy's connections per charger
 * (server/charger/scheduler.ts); all windows of a charger share that many slots
 * (charger-queue.ts). The proxy sends history on one connection at a time and starts each
 * request's timeout only once it is sent, so a page waiting there never times out for it.
 */
export const HISTORY_CONCURRENCY = CHARGER_CONCURRENCY;

/** How soon a failed read of a range is tried again, unasked. */
export const HISTORY_ERROR_RETRY_MS = 30_000;

/** A guard against a charger that reports absurd page counts: 1,000 pages = 200,000 sessions. */
export const HISTORY_MAX_PAGES = 1000;

/** The charger's filter times, `YYYY-MM-DD HH:mm:ss`: the UTC instant, a day wider (the charger reads them in its own zone). */
export interface SessionWindow {
  from: string;
  to: string;
}

/**
 * What one history query holds: the sessions with `startMs ≤ chargingStartedTime < endMs`, epoch
 * ms. The history reads a range as one piece per local month (the part of the month inside the
 * range), so a month that is over is read once and kept, and only the current one is polled.
 */
export interface HistoryPiece {
  startMs: number;
  endMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The charger reads the filter's times in whatever zone it assumes (the simulator: its own
 * local zone). Sent as the UTC instant and a day wider on each side, the window holds the exact
 * piece for any zone offset (all are within ±14 h); we cut to the exact piece ourselves.
 */
export function historyWindow(piece: HistoryPiece): SessionWindow {
  return { from: formatFilterTime(piece.startMs - DAY_MS), to: formatFilterTime(piece.endMs + DAY_MS) };
}

export interface SessionHistory {
  /** Every session of the piece, each once, oldest first. */
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

/** The sessions that belong to the exact piece or range, by when they started charging. */
export function cutToRange<T extends { chargingStartedTime: number | null }>(sessions: readonly T[], startMs: number, endMs: number): T[] {
  return sessions.filter((s) => s.chargingStartedTime !== null && s.chargingStartedTime >= startMs && s.chargingStartedTime < endMs);
}

/**
 * A piece read this long after its end is final: no session can start in it any more, whatever
 * our clock and the charger's disagree by.
 */
export const HISTORY_SETTLE_MS = 10 * 60_000;

/**
 * The piece's sessions can no longer change: read after the piece's end (plus the margin), none of
 * them running. A running session's energy moves on, so its piece is polled until it ends, also
 * when the session started in a month that is over.
 */
export function isSettled(piece: HistoryPiece, data: SessionHistory | undefined, dataUpdatedAt: number): boolean {
  return data !== undefined && dataUpdatedAt >= piece.endMs + HISTORY_SETTLE_MS && data.sessions.every((s) => s.chargingEndedTime !== null);
}

const settled = (piece: HistoryPiece, query: { state: { data: SessionHistory | undefined; dataUpdatedAt: number } }) =>
  isSettled(piece, query.state.data, query.state.dataUpdatedAt);

/**
 * Every session of one charger in `piece` (asked a day wider, cut by `chargingStartedTime`).
 * A piece that reaches into the present, or holds a running session, is polled at the sessions
 * interval so new sessions and a running session's energy move on; a settled piece
 * never changes, is never asked again while it is cached, and is not polled.
 */
export const chargingSessionHistoryQuery = (chargerId: string, piece: HistoryPiece) => {
  const window = historyWindow(piece);
  return queryOptions({
    queryKey: ['charger', chargerId, 'chargingSessionHistory', new Date(piece.startMs).toISOString(), new Date(piece.endMs).toISOString()],
    queryFn: async ({ signal }): Promise<SessionHistory> => {
      const read = await fetchAllSessionPages((pageNumber) =>
        queued(chargerId, signal, () =>
          fetchParsed(`${chargerPath(chargerId, 'chargingSession')}?${new URLSearchParams(historyPageForm(window, pageNumber)).toString()}`, chargingSessionPageSchema, signal),
        ),
      );
      return { sessions: cutToRange(read.sessions, piece.startMs, piece.endMs), pages: read.pages };
    },
    refetchInterval: (query) =>
      // A failed read is tried again by itself: the tablet recovers without a reload.
      query.state.status === 'error' ? HISTORY_ERROR_RETRY_MS : settled(piece, query) ? false : SESSIONS_POLL_MS,
    staleTime: (query) => (settled(piece, query) ? Number.POSITIVE_INFINITY : 60_000),
    retry: 1,
  });
};
