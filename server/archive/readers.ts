/**
 * Reading the archive: sessions of a range (with active charging time from the archived profile),
 * power aggregated per step, a day's events, and each charger's progress for /api/health.
 */
import type { ArchivedSessionWire, PowerStep, TimelineEventWire } from '../../src/api/archive-schemas.ts';
import type { ArchiveHealth } from '../../src/api/server-schemas.ts';
import { wallMs } from '../../src/shared/time/local-calendar.ts';
import { ARCHIVED_SERIES, SERIES_COLUMNS, type ArchivedSeries } from './migrations.ts';
import { dayAt, nextDay } from './local-days.ts';
import { SLOT_MS, type PowerPoint } from './power-writer.ts';
import type { ArchiveStore } from './store.ts';

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

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createReaders(store: ArchiveStore) {
  const db = store.db;
  // Active charging: 5-minute slots of the session's span with its connector's power above 0.
  const connectorColumn = `CASE s.connector ${[1, 2, 3, 4].map((n) => `WHEN ${n} THEN p.c${n}`).join(' ')} END`;
  const sessionsInRange = db.prepare<[number, number, number], SessionRow>(`
    SELECT s.*,
      (SELECT count(*) FROM power p WHERE p.charger = s.charger AND p.t >= (s.started / 300000) * 300 AND p.t < coalesce(s.ended, s.started + 86400000 * 7) / 1000) AS slots,
      (SELECT count(*) FROM power p WHERE p.charger = s.charger AND p.t >= (s.started / 300000) * 300 AND p.t < coalesce(s.ended, s.started + 86400000 * 7) / 1000 AND ${connectorColumn} > 0) AS active_slots
    FROM sessions s WHERE s.charger = ? AND s.started >= ? AND s.started < ? ORDER BY s.started, s.id
  `);
  const pointsInRange = db.prepare<[number, number, number], unknown>(
    `SELECT t, ${ARCHIVED_SERIES.map((s) => SERIES_COLUMNS[s]).join(', ')} FROM power WHERE charger = ? AND t >= ? AND t < ? ORDER BY t`,
  );
  const eventsInRange = db.prepare<[number, number, number], { at: number; kind: string; connector: number; detail: string | null }>(
    'SELECT at, kind, connector, detail FROM events WHERE charger = ? AND at >= ? AND at < ? ORDER BY at, seq',
  );
  const healthQuery = db.prepare<{ c: number }, { pmin: number | null; pmax: number | null; points: number; smin: number | null; smax: number | null; sessions: number; events: number }>(`
    SELECT (SELECT min(t) FROM power WHERE charger = @c) AS pmin, (SELECT max(t) FROM power WHERE charger = @c) AS pmax,
      (SELECT count(*) FROM power WHERE charger = @c) AS points,
      (SELECT min(started) FROM sessions WHERE charger = @c) AS smin, (SELECT max(started) FROM sessions WHERE charger = @c) AS smax,
      (SELECT count(*) FROM sessions WHERE charger = @c) AS sessions, (SELECT count(*) FROM events WHERE charger = @c) AS events
  `);

  const columns = Object.entries(SERIES_COLUMNS) as Array<[ArchivedSeries, string]>;
  const sumsInRange = db.prepare<[number, number, number], Record<string, number | null>>(
    `SELECT count(*) AS points, ${columns.map(([, c]) => `sum(${c}) AS s_${c}, count(${c}) AS n_${c}`).join(', ')} FROM power WHERE charger = ? AND t >= ? AND t < ?`,
  );

  const sessionConnectors = db.prepare<[number], { connector: number }>('SELECT DISTINCT connector FROM sessions WHERE charger = ? AND connector IS NOT NULL');

  return {
    /** Connectors the charger's archived sessions ran on. */
    connectors(chargerId: string): number[] {
      return sessionConnectors.all(store.chargerKey(chargerId)).map((r) => r.connector);
    },

    /** Sums and counts of the archived points of slots starting in [fromMs, toMs), computed by SQLite. */
    sums(chargerId: string, fromMs: number, toMs: number): Sums {
      const row = sumsInRange.get(store.chargerKey(chargerId), Math.ceil(fromMs / 1000), Math.ceil(toMs / 1000))!;
      const sums: Sums = { sum: {}, count: {}, points: row.points ?? 0 };
      for (const [series, column] of columns) {
        const n = row[`n_${column}`] ?? 0;
        if (n > 0) {
          sums.sum[series] = row[`s_${column}`] ?? 0;
          sums.count[series] = n;
        }
      }
      return sums;
    },

    sessions(chargerId: string, fromMs: number, toMs: number): ArchivedSessionWire[] {
      return sessionsInRange.all(store.chargerKey(chargerId), fromMs, toMs).map(sessionOut);
    },

    /** Archived 5-minute points of slots starting in [fromMs, toMs), oldest first. */
    points(chargerId: string, fromMs: number, toMs: number): PowerPoint[] {
      const rows = pointsInRange.raw().all(store.chargerKey(chargerId), Math.ceil(fromMs / 1000), Math.ceil(toMs / 1000)) as unknown as Array<Array<number | null>>;
      return rows.map((row) => {
        const values: PowerPoint['values'] = {};
        for (let i = 0; i < ARCHIVED_SERIES.length; i++) {
          const v = row[i + 1];
          if (v !== null && v !== undefined) values[ARCHIVED_SERIES[i]!] = v;
        }
        return { t: row[0]! * 1000, values };
      });
    },

    events(chargerId: string, fromMs: number, toMs: number): TimelineEventWire[] {
      return eventsInRange.all(store.chargerKey(chargerId), fromMs, toMs).map((e) => ({
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        ...(e.connector > 0 ? { connectorId: e.connector } : {}),
        ...(e.detail ? { detail: e.detail } : {}),
      }));
    },

    health(chargerId: string): Omit<ArchiveHealth, 'backfillRunning' | 'lastError'> {
      const key = store.chargerKey(chargerId);
      const h = healthQuery.get({ c: key })!;
      return {
        powerFrom: h.pmin === null ? null : new Date(h.pmin * 1000).toISOString(),
        powerTo: h.pmax === null ? null : new Date(h.pmax * 1000).toISOString(),
        sessionsFrom: iso(h.smin),
        sessionsTo: iso(h.smax),
        points: h.points,
        sessions: h.sessions,
        events: h.events,
      };
    },
  };
}
export type ArchiveReaders = ReturnType<typeof createReaders>;

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
