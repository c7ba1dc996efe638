/**
 * Reading history from the charger for the archive: sessions page by page (pageSize 100, newest
 * first, as the charger's own clients page), power in day-sized windows that overlap their
 * neighbours by one interval. The archive's own fills carry `clientKey: 'archive'`, the fair
 * queue's key served after the screens; a route reading the part a screen asked for that the
 * archive lacks carries that screen's key.
 */
import { formatFilterTime } from '../../contract/charger-parse.ts';
import { chargingSessionPageSchema, type ChargingSession, type ChargingSessionPage } from '../../contract/session-schemas.ts';
import { parseProfilePoints, SLOT_MS, type PowerPoint } from './power-writer.ts';

/** The fair queue's key of the archive's own fills: served after every screen. */
export const ARCHIVE_CLIENT: HistoryOptions = { clientKey: 'archive' };

/** The fair-queue key (and the screen's abort signal) of a charger request. */
export interface HistoryOptions {
  clientKey?: string;
  signal?: AbortSignal;
}
export const SESSION_PAGE_SIZE = 100;
/** A guard against a charger that announces absurd page counts: 200,000 sessions. */
export const MAX_SESSION_PAGES = 2000;
const DAY_MS = 86_400_000;

/** What the archive needs of the charger client. */
export interface HistoryClient {
  chargingSession(form: Record<string, string>, options?: HistoryOptions): Promise<string>;
  powerProfile(query: Record<string, string>, options?: HistoryOptions): Promise<string>;
}

export class ChargerAnswerError extends Error {
  override name = 'ChargerAnswerError';
}

/** The form of one page, newest first; `window` limits by charging start (UTC instants, a day wider). */
export function sessionPageForm(pageNumber: number, window?: { fromMs: number; toMs: number }): Record<string, string> {
  return {
    pageSize: String(SESSION_PAGE_SIZE),
    pageNumber: String(pageNumber),
    orderByColumn: 'chargingStartedTime',
    orderDirection: 'Descending',
    chargingStartedTimeFrom: window ? formatFilterTime(window.fromMs - DAY_MS) : '',
    chargingStartedTimeTo: window ? formatFilterTime(window.toMs + DAY_MS) : '',
    identificationSource: '',
    identificationType: '',
    chargingSessionStopReason: '',
    identificationCode: '',
    userId: '',
  };
}

export async function readSessionPage(client: HistoryClient, pageNumber: number, window?: { fromMs: number; toMs: number }, options: HistoryOptions = ARCHIVE_CLIENT): Promise<ChargingSessionPage> {
  const text = await client.chargingSession(sessionPageForm(pageNumber, window), options);
  const parsed = chargingSessionPageSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new ChargerAnswerError('the charger sent a session page of an unexpected shape');
  return parsed.data;
}

/**
 * Every session starting in [fromMs, toMs), read newest first. A session that starts while we
 * read pushes the rows down a page: one may be read twice (kept once), none is missed.
 */
export async function readSessionRange(client: HistoryClient, fromMs: number, toMs: number, options: HistoryOptions = ARCHIVE_CLIENT): Promise<ChargingSession[]> {
  const byId = new Map<number, ChargingSession>();
  for (let page = 1; page <= MAX_SESSION_PAGES; page++) {
    const answer = await readSessionPage(client, page, { fromMs, toMs }, options);
    for (const s of answer.content) byId.set(s.chargingSessionId, s);
    if (answer.content.length === 0 || page >= answer.pagingInfo.pageCount) break;
  }
  return [...byId.values()]
    .filter((s) => {
      // A session that never started charging (or whose firmware leaves the start out) counts by its plug-in.
      const start = s.chargingStartedTime ?? s.vehicleConnectedTime;
      return start !== null && start >= fromMs && start < toMs;
    })
    .sort((a, b) => (a.chargingStartedTime ?? a.vehicleConnectedTime ?? 0) - (b.chargingStartedTime ?? b.vehicleConnectedTime ?? 0) || a.chargingSessionId - b.chargingSessionId);
}

/**
 * The 5-minute points of slots starting in [fromMs, toMs). Asked one interval wider on both
 * sides, so a charger that reads either bound as exclusive still sends the first and the last
 * slot (the 23:55 point of a day); the extra points are cut here.
 */
export async function readPower(client: HistoryClient, fromMs: number, toMs: number, measure: string, options: HistoryOptions = ARCHIVE_CLIENT): Promise<PowerPoint[]> {
  const text = await client.powerProfile(
    { fromTime: new Date(fromMs - SLOT_MS).toISOString(), toTime: new Date(toMs).toISOString(), measure },
    options,
  );
  const json: unknown = JSON.parse(text);
  if (!Array.isArray(json)) throw new ChargerAnswerError('the charger sent a power profile that is not a list');
  return parseProfilePoints(json).filter((p) => p.t >= fromMs && p.t < toMs);
}
