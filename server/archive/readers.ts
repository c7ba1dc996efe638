/**
 * Reading the archive: sessions of a range (with their active charging time, kept on write),
 * power aggregated per step (hours from the sums kept on write, only cut hours from 5-minute
 * rows), a day's events, each charger's progress for /api/health, and the file's integrity.
 * Built on any connection to the file: the read threads' own (read-worker.ts) or, as a fallback,
 * one on the main thread. The two big answers come back as JSON, serialised where the query ran
 * (and handed over from a thread as UTF-8 bytes, without a copy), so the thread that serves the
 * live stream only passes them on.
 */
import type Database from 'better-sqlite3';
import type { ArchivedSessionWire, PowerStep, TimelineEventWire } from '../../src/api/archive-schemas.ts';
import type { ArchiveHealth } from '../../src/api/server-schemas.ts';
import { wallMs } from '../../src/shared/time/local-calendar.ts';
import { ARCHIVED_SERIES, SERIES_COLUMNS, type ArchivedSeries } from './migrations.ts';
import { dayAt, nextDay } from './local-days.ts';
import { SLOT_MS, type PowerPoint } from './power-writer.ts';

interface SessionRow {
  id: number;
  connector: number | null;
  started: number | null;
  ended: number | null;
  plugged: number | null;
  unplugged: number | null;
  energy: number | null;
  plugged_seconds: number | null;
  max_power: number | null;
  meter_start: number | null;
  meter_end: number | null;
  status: string | null;
  stop_reason: string | null;
  mode: string | null;
  user_id: number | null;
  first_name: string | null;
  last_name: string | null;
  card_code: string | null;
  card_number: string | null;
  card_type: string | null;
  final: number;
  slots: number;
  active_slots: number;
}

/** The archived sessions of a range as the route's `sessions` array, with what the route decides on. */
export interface SessionsRead {
  /** JSON of the sessions, oldest first: text, or its UTF-8 bytes from a reader thread. */
  json: JsonText;
  count: number;
  /** Charging starts (epoch ms) of the sessions not yet finished. */
  openStarts: number[];
}

/** The archived power of a range per step, as the route's `series`, `points` and `energyKWh`. */
export interface PowerRead {
  /** JSON of `{ series, points, energyKWh }`: text, or its UTF-8 bytes from a reader thread. */
  json: JsonText;
  /** 5-minute points the archive held in the range. */
  archivedPoints: number;
}

/** JSON as text, or as its UTF-8 bytes (how a reader thread hands it over). */
export type JsonText = string | Uint8Array;

export type ArchiveCounts = Omit<ArchiveHealth, 'backfillRunning' | 'lastError'>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const HOUR_S = 3600;
const COLUMNS = Object.entries(SERIES_COLUMNS) as Array<[ArchivedSeries, string]>;

export function createReaders(db: Database.Database) {
  const keys = new Map<string, number>();
  const findKey = db.prepare<[string], { id: number }>('SELECT id FROM chargers WHERE key = ?');
  /** The charger's key, or null for one the archive has no row of yet (every read is empty). */
  function keyOf(chargerId: string): number | null {
    const known = keys.get(chargerId);
    if (known !== undefined) return known;
    const id = findKey.get(chargerId)?.id;
    if (id !== undefined) keys.set(chargerId, id);
    return id ?? null;
  }

  // A session without a charging start (it never charged, or the firmware leaves it out) is in the
  // range of its plug-in, as the history lists it.
  const sessionsInRange = db.prepare<{ c: number; from: number; to: number }, SessionRow>(`
    SELECT * FROM sessions WHERE charger = @c AND (
      (started >= @from AND started < @to) OR (started IS NULL AND plugged >= @from AND plugged < @to)
    ) ORDER BY coalesce(started, plugged), id
  `);
  const pointsInRange = db.prepare<[number, number, number], unknown>(
    `SELECT t, ${ARCHIVED_SERIES.map((s) => SERIES_COLUMNS[s]).join(', ')} FROM power WHERE charger = ? AND t >= ? AND t < ? ORDER BY t`,
  );
  const eventsInRange = db.prepare<[number, number, number], { at: number; kind: string; connector: number; detail: string | null }>(
    'SELECT at, kind, connector, detail FROM events WHERE charger = ? AND at >= ? AND at < ? ORDER BY at, seq',
  );
  const healthQuery = db.prepare<{ c: number }, { pmin: number | null; pmax: number | null; points: number | null; smin: number | null; smax: number | null; sessions: number; events: number }>(`
    SELECT (SELECT min(t) FROM power WHERE charger = @c) AS pmin, (SELECT max(t) FROM power WHERE charger = @c) AS pmax,
      (SELECT sum(points) FROM power_hours WHERE charger = @c) AS points,
      (SELECT min(started) FROM sessions WHERE charger = @c) AS smin, (SELECT max(started) FROM sessions WHERE charger = @c) AS smax,
      (SELECT count(*) FROM sessions WHERE charger = @c) AS sessions, (SELECT count(*) FROM events WHERE charger = @c) AS events
  `);
  // One statement per table for any number of ranges (`[[from, to], …]` in epoch seconds as
  // JSON): SQLite seeks each range in the primary key and sums there. CROSS JOIN keeps the ranges
  // the outer loop; left to itself the planner scans all of a charger's rows once per range.
  const ranges = `WITH b(i, lo, hi) AS (SELECT key, value ->> 0, value ->> 1 FROM json_each(@ranges))`;
  const hourSums = db.prepare<{ ranges: string; c: number }, Record<string, number | null>>(`
    ${ranges}
    SELECT b.i AS i, sum(h.points) AS points, ${COLUMNS.map(([, c]) => `sum(h.s_${c}) AS s_${c}, sum(h.n_${c}) AS n_${c}`).join(', ')}
    FROM b CROSS JOIN power_hours h ON h.charger = @c AND h.h >= b.lo AND h.h < b.hi GROUP BY b.i
  `);
  const slotSums = db.prepare<{ ranges: string; c: number }, Record<string, number | null>>(`
    ${ranges}
    SELECT b.i AS i, count(*) AS points, ${COLUMNS.map(([, c]) => `sum(p.${c}) AS s_${c}, count(p.${c}) AS n_${c}`).join(', ')}
    FROM b CROSS JOIN power p ON p.charger = @c AND p.t >= b.lo AND p.t < b.hi GROUP BY b.i
  `);

  function points(charger: number | null, fromMs: number, toMs: number): PowerPoint[] {
    if (charger === null) return [];
    const rows = pointsInRange.raw().all(charger, Math.ceil(fromMs / 1000), Math.ceil(toMs / 1000)) as unknown as Array<Array<number | null>>;
    return rows.map((row) => {
      const values: PowerPoint['values'] = {};
      for (let i = 0; i < ARCHIVED_SERIES.length; i++) {
        const v = row[i + 1];
        if (v !== null && v !== undefined) values[ARCHIVED_SERIES[i]!] = v;
      }
      return { t: row[0]! * 1000, values };
    });
  }

  /**
   * Sums of the archived points of each bucket [fromMs, toMs): the whole UTC hours inside it
   * from the hours' sums, the cut hours at its ends from the 5-minute rows.
   */
  function bucketSums(charger: number | null, buckets: ReadonlyArray<readonly [number, number]>): Sums[] {
    const out = buckets.map(() => emptySums());
    if (charger === null || buckets.length === 0) return out;
    const hours: Array<[number, number, number]> = [];
    const slots: Array<[number, number, number]> = [];
    buckets.forEach(([fromMs, toMs], i) => {
      const from = Math.ceil(fromMs / 1000);
      const to = Math.ceil(toMs / 1000);
      const firstHour = Math.ceil(from / HOUR_S) * HOUR_S;
      const lastHour = Math.floor(to / HOUR_S) * HOUR_S;
      if (firstHour >= lastHour) {
        slots.push([i, from, to]);
        return;
      }
      hours.push([i, firstHour, lastHour]);
      if (from < firstHour) slots.push([i, from, firstHour]);
      if (lastHour < to) slots.push([i, lastHour, to]);
    });
    const add = (rows: Array<Record<string, number | null>>) => {
      for (const row of rows) addInto(out[row.i!]!, row);
    };
    if (hours.length > 0) add(hourSums.all({ ranges: JSON.stringify(hours.map(([, a, b]) => [a, b])), c: charger }).map((r) => ({ ...r, i: hours[r.i!]![0] })));
    if (slots.length > 0) add(slotSums.all({ ranges: JSON.stringify(slots.map(([, a, b]) => [a, b])), c: charger }).map((r) => ({ ...r, i: slots[r.i!]![0] })));
    return out;
  }

  return {
    /**
     * The archived sessions that started charging in [fromMs, toMs), and which are still open.
     * `overlay`: sessions read from the charger that could not be written (a full disk), merged
     * in; the charger's figures win, the archive's active charging time stays.
     */
    sessions(chargerId: string, fromMs: number, toMs: number, overlay: readonly ArchivedSessionWire[] | null = null): SessionsRead {
      const charger = keyOf(chargerId);
      const rows = charger === null ? [] : sessionsInRange.all({ c: charger, from: fromMs, to: toMs });
      let sessions = rows.map(sessionOut);
      if (overlay && overlay.length > 0) {
        const byId = new Map(sessions.map((s) => [s.id, s]));
        for (const s of overlay) byId.set(s.id, { ...s, activeChargingSeconds: byId.get(s.id)?.activeChargingSeconds ?? null });
        sessions = [...byId.values()].sort((a, b) => Date.parse(a.startedAt ?? '') - Date.parse(b.startedAt ?? '') || a.id - b.id);
      }
      return {
        json: JSON.stringify(sessions),
        count: sessions.length,
        openStarts: sessions.filter((s) => s.startedAt && (!s.endedAt || s.status !== 'Finished')).map((s) => Date.parse(s.startedAt!)),
      };
    },

    /**
     * Power of [fromMs, toMs) per step. `overlay`: points read from the charger that could not be
     * written (a full disk); they are merged in, winning over the archive's.
     */
    power(chargerId: string, fromMs: number, toMs: number, step: PowerStep, zone: string, overlay: readonly PowerPoint[] | null): PowerRead {
      const charger = keyOf(chargerId);
      const extra = overlay && overlay.length > 0 ? overlay : null;
      let archivedPoints = 0;
      const steps: Array<{ start: number; sums: Sums }> = [];
      /** Archived points merged with the overlay's for a stretch it touches. */
      const merged = (a: number, b: number): PowerPoint[] => {
        const archived = points(charger, a, b);
        archivedPoints += archived.length;
        if (!extra) return archived;
        const byTime = new Map<number, PowerPoint>(archived.map((p) => [p.t, p]));
        for (const p of extra) if (p.t >= a && p.t < b) byTime.set(p.t, { t: p.t, values: { ...byTime.get(p.t)?.values, ...p.values } });
        return [...byTime.values()].sort((x, y) => x.t - y.t);
      };
      if (step === '5m') {
        for (const p of merged(fromMs, toMs)) steps.push({ start: p.t, sums: sumsOf([p]) });
      } else {
        const buckets = stepBuckets(fromMs, toMs, step, zone);
        const touched = (a: number, b: number) => extra !== null && extra.some((p) => p.t >= a && p.t < b);
        const sums = bucketSums(
          charger,
          buckets.filter(([a, b]) => !touched(a, b)),
        );
        let next = 0;
        for (const [a, b] of buckets) {
          if (touched(a, b)) {
            steps.push({ start: a, sums: sumsOf(merged(a, b)) });
          } else {
            const bucket = sums[next++]!;
            archivedPoints += bucket.points;
            steps.push({ start: a, sums: bucket });
          }
        }
      }
      return { json: JSON.stringify(stepsOut(steps)), archivedPoints };
    },

    /** Archived 5-minute points of slots starting in [fromMs, toMs), oldest first. */
    points(chargerId: string, fromMs: number, toMs: number): PowerPoint[] {
      return points(keyOf(chargerId), fromMs, toMs);
    },

    events(chargerId: string, fromMs: number, toMs: number): TimelineEventWire[] {
      const charger = keyOf(chargerId);
      if (charger === null) return [];
      return eventsInRange.all(charger, fromMs, toMs).map((e) => ({
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        ...(e.connector > 0 ? { connectorId: e.connector } : {}),
        ...(e.detail ? { detail: e.detail } : {}),
      }));
    },

    health(chargerId: string): ArchiveCounts {
      const charger = keyOf(chargerId);
      if (charger === null) return { powerFrom: null, powerTo: null, sessionsFrom: null, sessionsTo: null, points: 0, sessions: 0, events: 0 };
      const h = healthQuery.get({ c: charger })!;
      return {
        powerFrom: h.pmin === null ? null : new Date(h.pmin * 1000).toISOString(),
        powerTo: h.pmax === null ? null : new Date(h.pmax * 1000).toISOString(),
        sessionsFrom: iso(h.smin),
        sessionsTo: iso(h.smax),
        points: h.points ?? 0,
        sessions: h.sessions,
        events: h.events,
      };
    },

    /** SQLite's quick check of the whole file: `['ok']`, or what it found damaged. */
    quickCheck(): string[] {
      return (db.prepare('PRAGMA quick_check(20)').all() as Array<{ quick_check: string }>).map((r) => r.quick_check);
    },
  };
}
export type ArchiveReaders = ReturnType<typeof createReaders>;

function emptySums(): Sums {
  return { sum: {}, count: {}, points: 0 };
}

/** Adds one row of `points`, `s_<column>`, `n_<column>` into `sums`. */
function addInto(sums: Sums, row: Record<string, number | null>): void {
  sums.points += row.points ?? 0;
  for (const [series, column] of COLUMNS) {
    const n = row[`n_${column}`] ?? 0;
    if (n > 0) {
      sums.sum[series] = (sums.sum[series] ?? 0) + (row[`s_${column}`] ?? 0);
      sums.count[series] = (sums.count[series] ?? 0) + n;
    }
  }
}

function sessionOut(r: SessionRow): ArchivedSessionWire {
  return {
    id: r.id,
    connectorId: r.connector,
    startedAt: iso(r.started),
    endedAt: iso(r.ended),
    pluggedInAt: iso(r.plugged),
    unpluggedAt: iso(r.unplugged),
    energyKWh: r.energy,
    activeChargingSeconds: r.slots > 0 ? r.active_slots * 300 : null,
    pluggedInSeconds: r.plugged_seconds,
    maxPowerKW: r.max_power,
    meterStart: r.meter_start,
    meterEnd: r.meter_end,
    user: r.user_id === null && r.first_name === null && r.last_name === null ? null : { id: r.user_id, firstName: r.first_name, lastName: r.last_name },
    card: r.card_code === null && r.card_number === null ? null : { code: r.card_code, number: r.card_number, type: r.card_type },
    stopReason: r.stop_reason,
    status: r.status,
    mode: r.mode,
  };
}

export interface AggregatedPower {
  series: ArchivedSeries[];
  points: Array<{ time: string; kW: Record<string, number | null>; energyKWh: Record<string, number> }>;
  energyKWh: Record<string, number>;
}

/** Sum and count of kW values per series over some 5-minute points; additive over disjoint sets. */
export interface Sums {
  sum: Partial<Record<ArchivedSeries, number>>;
  count: Partial<Record<ArchivedSeries, number>>;
  /** Points (slots) counted. */
  points: number;
}

export function sumsOf(points: readonly PowerPoint[]): Sums {
  const sums: Sums = { sum: {}, count: {}, points: points.length };
  for (const p of points) {
    for (const series in p.values) {
      const s = series as ArchivedSeries;
      sums.sum[s] = (sums.sum[s] ?? 0) + p.values[s]!;
      sums.count[s] = (sums.count[s] ?? 0) + 1;
    }
  }
  return sums;
}

const HOUR_MS = 3_600_000;

/** The steps covering [fromMs, toMs): local hours or local days of `zone` (the first and last cut to the range). */
export function stepBuckets(fromMs: number, toMs: number, step: Exclude<PowerStep, '5m'>, zone: string): Array<[number, number]> {
  const buckets: Array<[number, number]> = [];
  if (step === '1d') {
    for (let day = dayAt(fromMs, zone); day.startMs < toMs; day = nextDay(day, zone)) buckets.push([Math.max(day.startMs, fromMs), Math.min(day.endMs, toMs)]);
    return buckets;
  }
  let start = fromMs - (((wallMs(fromMs, zone) % HOUR_MS) + HOUR_MS) % HOUR_MS);
  while (start < toMs) {
    // Whole-hour offsets: the next local hour starts an hour later; half-hour zones too.
    const end = start + HOUR_MS;
    buckets.push([Math.max(start, fromMs), Math.min(end, toMs)]);
    start = end;
  }
  return buckets;
}

/** Steps of points alone (sorted by time): the charger's answer without an archive. */
export function stepsOfPoints(points: readonly PowerPoint[], fromMs: number, toMs: number, step: PowerStep, zone: string): Array<{ start: number; sums: Sums }> {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  if (step === '5m') return sorted.filter((p) => p.t >= fromMs && p.t < toMs).map((p) => ({ start: p.t, sums: sumsOf([p]) }));
  let i = 0;
  return stepBuckets(fromMs, toMs, step, zone).map(([a, b]) => {
    while (i < sorted.length && sorted[i]!.t < a) i++;
    const inside: PowerPoint[] = [];
    while (i < sorted.length && sorted[i]!.t < b) inside.push(sorted[i++]!);
    return { start: a, sums: sumsOf(inside) };
  });
}

/**
 * Steps as the route answers them: average kW per series over the step's points (null when the
 * series has none there) and the step's energy (Σ kW × 5/60); steps without points are left out.
 */
export function stepsOut(steps: ReadonlyArray<{ start: number; sums: Sums }>): AggregatedPower {
  const present = new Set<ArchivedSeries>();
  for (const { sums } of steps) for (const s in sums.count) present.add(s as ArchivedSeries);
  const series = ARCHIVED_SERIES.filter((s) => present.has(s));
  const totals: Record<string, number> = Object.fromEntries(series.map((s) => [s, 0]));
  const points: AggregatedPower['points'] = [];
  for (const { start, sums } of steps) {
    if (sums.points === 0) continue;
    const kW: Record<string, number | null> = {};
    const energyKWh: Record<string, number> = {};
    for (const s of series) {
      const n = sums.count[s] ?? 0;
      const sum = sums.sum[s] ?? 0;
      kW[s] = n > 0 ? sum / n : null;
      energyKWh[s] = round((sum * SLOT_MS) / HOUR_MS);
      totals[s]! += (sum * SLOT_MS) / HOUR_MS;
    }
    points.push({ time: new Date(start).toISOString(), kW, energyKWh });
  }
  for (const s of series) totals[s] = round(totals[s]!);
  return { series, points, energyKWh: totals };
}

/** Energies to the mWh, without float noise in the JSON (kW values pass unchanged). */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
