/**
 * What the sessions and power routes answer: the archived part of a range from the archive, the
 * rest from the charger (written through to the archive, idempotently), and which it used. An
 * unreachable charger leaves the archived part answering, marked incomplete.
 */
import type { ArchivedSessionWire, PowerResponseWire, PowerStep, SessionsResponseWire } from '../../src/api/archive-schemas.ts';
import type { ChargingSession } from '../../contract/session-schemas.ts';
import type { Archive } from './archive.ts';
import { readPower, readSessionRange, type HistoryClient, type HistoryOptions } from './charger-reader.ts';
import { DAY_SETTLE_MS, OPEN_SESSION_WINDOW_MS } from './filler.ts';
import { dayAt, nextDay } from './local-days.ts';
import { SLOT_MS, type PowerPoint } from './power-writer.ts';
import { stepBuckets, stepsOut, sumsOf, type Sums } from './readers.ts';

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

export async function sessionsOf(ctx: HistoryContext, fromMs: number, toMs: number): Promise<SessionsResponseWire> {
  const { archive, chargerId, client } = ctx;
  if (!archive) {
    const sessions = await readSessionRange(client, fromMs, toMs, ctx.request);
    return { sessions: sessions.map(sessionFromCharger), complete: true, source: 'charger' };
  }
  const archived = archive.readers.sessions(chargerId, fromMs, toMs);
  const filler = archive.filler(chargerId);
  const complete = filler?.progress('sessionsComplete') === '1';
  const syncedAt = Number(filler?.progress('sessionsSyncedAt') ?? Number.NaN);
  let chargerFrom = fromMs;
  if (complete && Number.isFinite(syncedAt)) {
    // A running session's energy moves on: it is read again. Only recent ones: a session the
    // charger never finished must not make every read go back to its start for ever.
    const recent = (ctx.now ?? Date.now()) - OPEN_SESSION_WINDOW_MS;
    const open = archived
      .filter((s) => s.endedAt === null || s.status !== 'Finished')
      .map((s) => Date.parse(s.startedAt ?? ''))
      .filter((ms) => ms >= recent);
    chargerFrom = Math.max(fromMs, Math.min(syncedAt - SYNC_MARGIN_MS, ...open.filter(Number.isFinite)));
  }
  if (chargerFrom >= toMs) return { sessions: archived, complete: true, source: 'archive' };
  let fresh: ChargingSession[];
  try {
    fresh = await readSessionRange(client, chargerFrom, toMs, ctx.request);
  } catch {
    return { sessions: archived, complete: false, source: 'archive' };
  }
  const source = chargerFrom <= fromMs && archived.length === 0 ? 'charger' : 'mixed';
  if (archive.sessions.write(chargerId, fresh) !== undefined) {
    return { sessions: archive.readers.sessions(chargerId, fromMs, toMs), complete: true, source };
  }
  // The disk is full: merge in memory, the charger's numbers winning.
  const byId = new Map(archived.map((s) => [s.id, s]));
  for (const s of fresh) byId.set(s.chargingSessionId, { ...sessionFromCharger(s), activeChargingSeconds: byId.get(s.chargingSessionId)?.activeChargingSeconds ?? null });
  const sessions = [...byId.values()].sort((a, b) => Date.parse(a.startedAt ?? '') - Date.parse(b.startedAt ?? '') || a.id - b.id);
  return { sessions, complete: true, source };
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
    if (from >= to) return;
    const last = parts.at(-1);
    if (last && last[1] === from) last[1] = to;
    else parts.push([from, to]);
  };
  for (let day = dayAt(fromMs, zone); day.startMs < toMs; day = nextDay(day, zone)) {
    if (done.has(day.key)) continue;
    if (day.key === syncedDay) add(Math.max(day.startMs, syncedSlot), day.endMs);
    else add(day.startMs, day.endMs);
  }
  return parts;
}

export async function powerOf(ctx: HistoryContext, fromMs: number, toMs: number, step: PowerStep): Promise<PowerResponseWire> {
  const { archive, chargerId, client, zone } = ctx;
  const now = ctx.now ?? Date.now();
  const end = Math.min(toMs, Math.ceil(now / SLOT_MS) * SLOT_MS);
  const measure = archive ? archive.measure(chargerId) : 'connector1,building,cluster';
  const parts = archive ? missingParts(archive, chargerId, zone, fromMs, end) : fromMs < end ? [[fromMs, end] as [number, number]] : [];
  let budget = MAX_CHARGER_SPAN_MS;
  let complete = true;
  const fetched: PowerPoint[] = [];
  /** Whole past days read from the charger: archived complete like the filler's. */
  const wholeDays: Array<{ day: string; points: number }> = [];
  try {
    for (const [a, b] of parts) {
      for (let from = a; from < b; from += CHARGER_CHUNK_MS) {
        const to = Math.min(b, from + CHARGER_CHUNK_MS);
        if (budget <= 0) {
          complete = false;
          break;
        }
        budget -= to - from;
        const chunk = await readPower(client, from, to, measure, ctx.request);
        fetched.push(...chunk);
        for (let day = dayAt(from, zone); day.startMs < to; day = nextDay(day, zone)) {
          if (day.startMs >= from && day.endMs <= to && day.endMs + DAY_SETTLE_MS <= now) {
            wholeDays.push({ day: day.key, points: chunk.filter((p) => p.t >= day.startMs && p.t < day.endMs).length });
          }
        }
      }
    }
  } catch (error) {
    if (!archive) throw error;
    complete = false;
  }
  if (archive && (fetched.length > 0 || wholeDays.length > 0)) archive.power.write(chargerId, fetched, wholeDays);
  fetched.sort((a, b) => a.t - b.t);
  const inRange = (points: readonly PowerPoint[], a: number, b: number) => points.filter((p) => p.t >= a && p.t < b);
  /** Archived points merged with the charger's (which win) for a stretch that touches a missing part. */
  const merged = (a: number, b: number): { points: PowerPoint[]; archived: number } => {
    const archived = archive ? archive.readers.points(chargerId, a, b) : [];
    const byTime = new Map<number, PowerPoint>(archived.map((p) => [p.t, p]));
    for (const p of inRange(fetched, a, b)) byTime.set(p.t, { t: p.t, values: { ...byTime.get(p.t)?.values, ...p.values } });
    return { points: [...byTime.values()].sort((x, y) => x.t - y.t), archived: archived.length };
  };
  let archivedPoints = 0;
  const steps: Array<{ start: number; sums: Sums }> = [];
  if (step === '5m') {
    const { points, archived } = merged(fromMs, toMs);
    archivedPoints = archived;
    for (const p of points) steps.push({ start: p.t, sums: sumsOf([p]) });
  } else {
    for (const [a, b] of stepBuckets(fromMs, toMs, step, zone)) {
      const touches = parts.some(([x, y]) => x < b && y > a);
      if (archive && !touches) {
        // Wholly archived: SQLite sums it, no row reaches JavaScript.
        const sums = archive.readers.sums(chargerId, a, b);
        archivedPoints += sums.points;
        steps.push({ start: a, sums });
      } else {
        const { points, archived } = merged(a, b);
        archivedPoints += archived;
        steps.push({ start: a, sums: sumsOf(points) });
      }
    }
  }
  const usedCharger = fetched.length > 0 || (parts.length > 0 && complete);
  const source = !archive || (archivedPoints === 0 && usedCharger) ? 'charger' : usedCharger ? 'mixed' : 'archive';
  return { step, ...stepsOut(steps), complete, source };
}
