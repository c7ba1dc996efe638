/**
 * What the sessions and power routes answer: the archived part of a range from the archive, the
 * rest from the charger (written through to the archive, idempotently), and which it used. An
 * unreachable charger leaves the archived part answering, marked incomplete. The archive is read
 * on its reader threads (read-pool.ts) in the asking screen's turn; the answers are JSON text.
 */
import type { ArchivedSessionWire, PowerStep } from '../../src/api/archive-schemas.ts';
import { addDays, formatIsoDate } from '../../src/shared/time/local-calendar.ts';
import type { ChargingSession } from '../../contract/session-schemas.ts';
import type { Archive } from './archive.ts';
import { readPower, readSessionRange, type HistoryClient, type HistoryOptions } from './charger-reader.ts';
import { DAY_SETTLE_MS, OPEN_SESSION_WINDOW_MS } from './filler.ts';
import { dayAt, dayOf, nextDay } from './local-days.ts';
import { SLOT_MS, type PowerPoint } from './power-writer.ts';
import type { ReadRequester } from './read-pool.ts';
import { stepsOfPoints, stepsOut, type JsonText } from './readers.ts';

/** Sessions archived this long before the last sync may still have been missing then (clocks, caches). */
const SYNC_MARGIN_MS = 10 * 60_000;
/** At most this much of a range is read from the charger per request; the rest waits for the backfill. */
const MAX_CHARGER_SPAN_MS = 35 * 86_400_000;
/** Power windows asked of the charger per request. */
const CHARGER_CHUNK_MS = 7 * 86_400_000;

export interface HistoryContext {
  archive: Archive | null;
  chargerId: string;
  client: HistoryClient;
  /** The charger's zone for this request (its local days and hours). */
  zone: string;
  now?: number;
  /** The asking screen's fair-queue key (and abort signal) for what is read from the charger. */
  request?: HistoryOptions;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A charger's session as the route answers it; activeChargingSeconds needs the archive's profile. */
export function sessionFromCharger(s: ChargingSession): ArchivedSessionWire {
  return {
    id: s.chargingSessionId,
    connectorId: s.connectorId,
    startedAt: iso(s.chargingStartedTime),
    endedAt: iso(s.chargingEndedTime),
    pluggedInAt: iso(s.vehicleConnectedTime),
    unpluggedAt: iso(s.vehicleDisconnectedTime),
    energyKWh: s.activeEnergyConsumed,
    activeChargingSeconds: null,
    pluggedInSeconds:
      s.timeSpentCharging ?? (s.vehicleConnectedTime !== null && s.vehicleDisconnectedTime !== null ? Math.round((s.vehicleDisconnectedTime - s.vehicleConnectedTime) / 1000) : null),
    maxPowerKW: s.maxSessionPower,
    meterStart: s.meterValueStart,
    meterEnd: s.meterValueEnd,
    user: s.user ? { id: s.user.UserId ?? s.userId, firstName: s.user.FirstName, lastName: s.user.LastName } : s.userId !== null ? { id: s.userId, firstName: null, lastName: null } : null,
    card:
      s.userIdentification || s.identificationCode
        ? { code: s.userIdentification?.identificationCode ?? s.identificationCode, number: s.userIdentification?.number ?? null, type: s.userIdentification?.userIdentificationType ?? null }
        : null,
    stopReason: s.chargingSessionStopReason,
    status: s.chargingSessionStatus,
    mode: s.chargingMode,
  };
}

/** An answer's JSON from its pieces, text or bytes as they come. */
function jsonBody(...parts: JsonText[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}

/** Adds [from, to) to sorted, disjoint ranges, joining it to the last one it touches. */
function addRange(ranges: Array<[number, number]>, from: number, to: number): void {
  const last = ranges.at(-1);
  if (last && last[1] === from) last[1] = to;
  else ranges.push([from, to]);
}

/** The `missing` member of an answer (with its comma), or nothing when none is missing. */
function missingJson(missing: ReadonlyArray<[number, number]>): string {
  if (missing.length === 0) return '';
  return `"missing":${JSON.stringify(missing.map(([from, to]) => ({ from: new Date(from).toISOString(), to: new Date(to).toISOString() })))},`;
}

/** Who asks, for the archive's fair queue of reads: the screen's key and abort signal. */
function requester(ctx: HistoryContext): ReadRequester {
  return { clientKey: ctx.request?.clientKey ?? 'local', ...(ctx.request?.signal ? { signal: ctx.request.signal } : {}) };
}

/** The /sessions answer as JSON (UTF-8). */
export async function sessionsOf(ctx: HistoryContext, fromMs: number, toMs: number): Promise<Buffer> {
  const { archive, chargerId, client } = ctx;
  const answer = (sessionsJson: JsonText, complete: boolean, source: string, missing: Array<[number, number]> = []) =>
    jsonBody('{"sessions":', sessionsJson, `,"complete":${complete},${missingJson(missing)}"source":${JSON.stringify(source)}}`);
  if (!archive) {
    const sessions = await readSessionRange(client, fromMs, toMs, ctx.request);
    return answer(JSON.stringify(sessions.map(sessionFromCharger)), true, 'charger');
  }
  const who = requester(ctx);
  const archived = await archive.read('sessions', [chargerId, fromMs, toMs, null], who);
  const filler = archive.filler(chargerId);
  const complete = filler?.progress('sessionsComplete') === '1';
  const syncedAt = Number(filler?.progress('sessionsSyncedAt') ?? Number.NaN);
  let chargerFrom = fromMs;
  if (complete && Number.isFinite(syncedAt)) {
    // A running session's energy moves on: it is read again. Only recent ones: a session the
    // charger never finished must not make every read go back to its start for ever.
    const recent = (ctx.now ?? Date.now()) - OPEN_SESSION_WINDOW_MS;
    chargerFrom = Math.max(fromMs, Math.min(syncedAt - SYNC_MARGIN_MS, ...archived.openStarts.filter((ms) => ms >= recent)));
  }
  if (chargerFrom >= toMs) return answer(archived.json, true, 'archive');
  let fresh: ChargingSession[];
  try {
    fresh = await readSessionRange(client, chargerFrom, toMs, ctx.request);
  } catch {
    return answer(archived.json, false, 'archive', [[chargerFrom, toMs]]);
  }
  const source = chargerFrom <= fromMs && archived.count === 0 ? 'charger' : 'mixed';
  // Written through; when the archive cannot take them (a full disk), merged in for this answer.
  const written = archive.sessions.write(chargerId, fresh) !== undefined;
  const merged = await archive.read('sessions', [chargerId, fromMs, toMs, written ? null : fresh.map(sessionFromCharger)], who);
  return answer(merged.json, true, source);
}

/**
 * Parts of [fromMs, toMs) the archive does not hold: days the charger has not answered for yet
 * (however old), today's newest slots.
 */
function missingParts(archive: Archive, chargerId: string, zone: string, fromMs: number, toMs: number): Array<[number, number]> {
  const filler = archive.filler(chargerId);
  const done = archive.power.completeDays(chargerId);
  const syncedTo = Number(filler?.progress('powerSyncedTo') ?? Number.NaN);
  // Slots that had ended when the last fill asked are archived.
  const syncedSlot = Number.isFinite(syncedTo) ? Math.floor(syncedTo / SLOT_MS) * SLOT_MS - SLOT_MS : Number.NEGATIVE_INFINITY;
  const syncedDay = Number.isFinite(syncedTo) ? dayAt(syncedTo, zone).key : null;
  const parts: Array<[number, number]> = [];
  const add = (a: number, b: number) => {
    const from = Math.max(a, fromMs);
    const to = Math.min(b, toMs);
    if (from < to) addRange(parts, from, to);
  };
  const lastKey = dayAt(toMs - 1, zone).key;
  for (let date = dayAt(fromMs, zone).date, key = formatIsoDate(date); key <= lastKey; date = addDays(date, 1), key = formatIsoDate(date)) {
    if (done.has(key)) continue;
    const day = dayOf(date, zone);
    if (key === syncedDay) add(Math.max(day.startMs, syncedSlot), day.endMs);
    else add(day.startMs, day.endMs);
  }
  return parts;
}

/** The /power answer as JSON (UTF-8). */
export async function powerOf(ctx: HistoryContext, fromMs: number, toMs: number, step: PowerStep): Promise<Buffer> {
  const { archive, chargerId, client, zone } = ctx;
  const now = ctx.now ?? Date.now();
  const end = Math.min(toMs, Math.ceil(now / SLOT_MS) * SLOT_MS);
  const measure = archive ? archive.measure(chargerId) : 'connector1,building,cluster';
  const parts = archive ? (fromMs < end ? missingParts(archive, chargerId, zone, fromMs, end) : []) : fromMs < end ? [[fromMs, end] as [number, number]] : [];
  let budget = MAX_CHARGER_SPAN_MS;
  let failed = false;
  /** What neither the archive nor the charger gave: past the budget, or from the first failure on. */
  const missing: Array<[number, number]> = [];
  const fetched: PowerPoint[] = [];
  /** Whole past days read from the charger: archived complete like the filler's. */
  const wholeDays: Array<{ day: string; points: number }> = [];
  for (const [a, b] of parts) {
    for (let from = a; from < b; from += CHARGER_CHUNK_MS) {
      const to = Math.min(b, from + CHARGER_CHUNK_MS);
      if (failed || budget <= 0) {
        addRange(missing, from, to);
        continue;
      }
      budget -= to - from;
      let chunk: PowerPoint[];
      try {
        chunk = await readPower(client, from, to, measure, ctx.request);
      } catch (error) {
        if (!archive) throw error;
        failed = true;
        addRange(missing, from, to);
        continue;
      }
      fetched.push(...chunk);
      for (let day = dayAt(from, zone); day.startMs < to; day = nextDay(day, zone)) {
        if (day.startMs >= from && day.endMs <= to && day.endMs + DAY_SETTLE_MS <= now) {
          wholeDays.push({ day: day.key, points: chunk.filter((p) => p.t >= day.startMs && p.t < day.endMs).length });
        }
      }
    }
  }
  const complete = missing.length === 0;
  const usedCharger = fetched.length > 0 || (parts.length > 0 && complete);
  // `aggregated` is an object's JSON: its members go between the step and the flags.
  const answer = (aggregated: JsonText, source: string) =>
    jsonBody(`{"step":${JSON.stringify(step)},`, aggregated.slice(1, -1), `,"complete":${complete},${missingJson(missing)}"source":${JSON.stringify(source)}}`);
  if (!archive) return answer(JSON.stringify(stepsOut(stepsOfPoints(fetched, fromMs, toMs, step, zone))), 'charger');
  // Days are marked complete only in the zone they were cut in: a zone changed meanwhile keeps the points, not the marks.
  if (archive.zoneOf(chargerId) !== zone) wholeDays.length = 0;
  // Written through; when the archive cannot take them (a full disk), merged in for this answer.
  const written = fetched.length === 0 && wholeDays.length === 0 ? true : archive.power.write(chargerId, fetched, wholeDays) !== undefined;
  const read = await archive.read('power', [chargerId, fromMs, toMs, step, zone, written ? null : fetched], requester(ctx));
  return answer(read.json, read.archivedPoints === 0 && usedCharger ? 'charger' : usedCharger ? 'mixed' : 'archive');
}
