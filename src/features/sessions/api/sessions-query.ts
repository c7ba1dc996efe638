/**
 * The session history's one read: `GET /api/chargers/:id/sessions?from&to`, local days, both
 * inclusive. The server answers from its archive and asks the charger only for what the archive
 * does not hold yet, so the browser never pages the charger itself.
 *
 * A range is asked in pieces (date-range.ts `historyPieces`: a past year whole, otherwise per
 * month), so a piece that is over and complete is kept and never asked again, and only the current
 * month is refreshed.
 */
import { queryOptions } from '@tanstack/react-query';
import { sessionsResponseSchema, type ArchivedSession, type SessionsResponse } from '../../../api/archive-schemas.ts';
import { fetchParsed } from '../../../api/http.ts';
import { chargerPath } from '../../../api/queries.ts';
import { formatIsoDate, localDateOf } from '../../../shared/time/local-calendar.ts';

/** How often a piece that can still change (the current month, a running session) is read again. */
export const SESSIONS_REFRESH_MS = 60_000;
/** How soon a failed read is tried again, unasked. */
export const SESSIONS_ERROR_RETRY_MS = 30_000;
/**
 * A piece read this long after its end is final, if the answer was complete and nothing in it
 * runs: the archive has recorded the last session of it by then.
 */
export const SESSIONS_SETTLE_MS = 10 * 60_000;

/** A piece of the history: epoch ms, `startMs ≤ started < endMs`, local-day aligned. */
export interface HistoryPiece {
  startMs: number;
  endMs: number;
}

/** The piece as the route's local days (`to` inclusive). */
export function pieceDays(piece: HistoryPiece, zone: string): { from: string; to: string } {
  return { from: formatIsoDate(localDateOf(piece.startMs, zone)), to: formatIsoDate(localDateOf(piece.endMs - 1, zone)) };
}

/** The piece's sessions can no longer change. */
export function isSettled(piece: HistoryPiece, data: SessionsResponse | undefined, dataUpdatedAt: number): boolean {
  return (
    data !== undefined &&
    data.complete &&
    dataUpdatedAt >= piece.endMs + SESSIONS_SETTLE_MS &&
    data.sessions.every((s) => s.endedAt !== null)
  );
}

export const archivedSessionsQuery = (chargerId: string, piece: HistoryPiece, zone: string) => {
  const days = pieceDays(piece, zone);
  const settled = (query: { state: { data: SessionsResponse | undefined; dataUpdatedAt: number } }) =>
    isSettled(piece, query.state.data, query.state.dataUpdatedAt);
  return queryOptions({
    queryKey: ['charger', chargerId, 'sessions', days.from, days.to],
    queryFn: ({ signal }) =>
      fetchParsed(`${chargerPath(chargerId, 'sessions')}?${new URLSearchParams(days).toString()}`, sessionsResponseSchema, signal),
    // A failed read is tried again by itself: the page recovers without a reload.
    refetchInterval: (query) => (query.state.status === 'error' ? SESSIONS_ERROR_RETRY_MS : settled(query) ? false : SESSIONS_REFRESH_MS),
    staleTime: (query) => (settled(query) ? Number.POSITIVE_INFINITY : SESSIONS_REFRESH_MS / 2),
    retry: 1,
  });
};

/**
 * The sessions of several answers as one list, each session once (by id), oldest first. The one
 * place sessions are de-duplicated: pieces are disjoint by start, but a running session read in
 * one piece and finished by the next read must not count twice.
 */
export function uniqueSessions(parts: readonly (readonly ArchivedSession[])[]): ArchivedSession[] {
  const byId = new Map<number, ArchivedSession>();
  for (const part of parts) for (const session of part) byId.set(session.id, session);
  return [...byId.values()];
}
