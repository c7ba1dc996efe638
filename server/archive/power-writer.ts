/**
 * 5-minute power points into the archive: one row per charger and slot, a column per series.
 * Upserts merge series (a point asked with fewer measures keeps the others), so the same point
 * written twice is one row with the same values. The same transaction brings the hours' sums and
 * the active charging time of the sessions over those points up to date.
 */
import { SERIES_COLUMNS, SESSION_SLOTS, type ArchivedSeries } from './migrations.ts';
import { PROFILE_STEP_MS } from '../../contract/charger-schemas.ts';
import type { ArchiveStore } from './store.ts';

/** The profile's 5-minute step, defined once with its schema. */
export const SLOT_MS = PROFILE_STEP_MS;
const HOUR_MS = 3_600_000;
/**
 * The longest span (charging start to end) a session's active time is kept up to date for when
 * later power arrives; a longer one keeps what it had when its own record was last written.
 */
export const MAX_SESSION_SPAN_MS = 31 * 86_400_000;

/** One parsed point: slot start (epoch ms) and kW per series. */
export interface PowerPoint {
  t: number;
  values: Partial<Record<ArchivedSeries, number>>;
}

/** The charger's wire points (`{time, connector1: 0.0, …}`) as PowerPoints; unusable values dropped. */
export function parseProfilePoints(points: readonly unknown[]): PowerPoint[] {
  const out: PowerPoint[] = [];
  for (const point of points) {
    if (typeof point !== 'object' || point === null) continue;
    const record = point as Record<string, unknown>;
    const t = typeof record.time === 'string' ? Date.parse(record.time) : Number.NaN;
    if (!Number.isFinite(t)) continue;
    const values: PowerPoint['values'] = {};
    for (const series of Object.keys(SERIES_COLUMNS) as ArchivedSeries[]) {
      const value = record[series];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) values[series] = value;
    }
    out.push({ t, values });
  }
  return out;
}

export function createPowerWriter(store: ArchiveStore) {
  const series = Object.keys(SERIES_COLUMNS) as ArchivedSeries[];
  const columns = series.map((s) => SERIES_COLUMNS[s]);
  const upsert = store.db.prepare(`
    INSERT INTO power (charger, t, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})
    ON CONFLICT (charger, t) DO UPDATE SET ${columns.map((c) => `${c} = coalesce(excluded.${c}, ${c})`).join(', ')}
  `);
  const hourSums = columns.map((c) => `sum(${c}), count(${c})`).join(', ');
  const refreshHours = store.db.prepare(`
    INSERT OR REPLACE INTO power_hours (charger, h, points, ${columns.map((c) => `s_${c}, n_${c}`).join(', ')})
    SELECT charger, (t / 3600) * 3600 AS hour, count(*), ${hourSums} FROM power WHERE charger = ? AND t >= ? AND t < ? GROUP BY hour
  `);
  // Sessions whose span holds a written slot; a span is taken to last at most MAX_SESSION_SPAN_MS.
  const refreshSessions = store.db.prepare(`
    UPDATE sessions SET (slots, active_slots) = ${SESSION_SLOTS}
    WHERE charger = ? AND started >= ? AND started < ? AND coalesce(ended, started + 604800000) > ?
  `);
  const markDay = store.db.prepare('INSERT INTO power_days (charger, day, points) VALUES (?, ?, ?) ON CONFLICT (charger, day) DO UPDATE SET points = excluded.points');
  const completeDays = store.db.prepare<[number], { day: string }>('SELECT day FROM power_days WHERE charger = ?');
  /** Each charger's answered days (by charger key): asked by every power read, changed only here. */
  const answered = new Map<number, Set<string>>();
  const answeredOf = (charger: number) => {
    let days = answered.get(charger);
    if (!days) {
      days = new Set(completeDays.all(charger).map((r) => r.day));
      answered.set(charger, days);
    }
    return days;
  };

  /** Positional parameters: charger, time in epoch seconds, then one value (or null) per series column. */
  function rows(charger: number, points: readonly PowerPoint[]): Array<Array<number | null>> {
    return points.map((p) => {
      const row: Array<number | null> = [charger, Math.round(p.t / 1000)];
      for (const s of series) row.push(p.values[s] ?? null);
      return row;
    });
  }

  return {
    /** The answered days were re-cut elsewhere (a zone change, zone-change.ts): read them again. */
    forget(chargerId: string): void {
      answered.delete(store.chargerKey(chargerId));
    },
    /** Upserts the points in one transaction, and marks `completeDays` (local days) complete with them. */
    write(chargerId: string, points: readonly PowerPoint[], completeDays: ReadonlyArray<{ day: string; points: number }> = []): number | undefined {
      const charger = store.chargerKey(chargerId);
      const prepared = rows(charger, points);
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const p of points) {
        first = Math.min(first, p.t);
        last = Math.max(last, p.t);
      }
      const written = store.write(() => {
        for (const row of prepared) upsert.run(...row);
        if (points.length > 0) {
          const from = Math.floor(first / HOUR_MS) * 3600;
          refreshHours.run(charger, from, Math.floor(last / HOUR_MS) * 3600 + 3600);
          refreshSessions.run(charger, first - MAX_SESSION_SPAN_MS, last + SLOT_MS, first);
        }
        for (const done of completeDays) markDay.run(charger, done.day, done.points);
        return prepared.length;
      });
      if (written !== undefined) for (const done of completeDays) answeredOf(charger).add(done.day);
      return written;
    },
    /**
     * Local days archived complete: the charger answered for them after they had settled (with
     * points or, for a day it holds nothing of, without); never asked of the charger again.
     */
    completeDays(chargerId: string): ReadonlySet<string> {
      return answeredOf(store.chargerKey(chargerId));
    },
  };
}
export type PowerWriter = ReturnType<typeof createPowerWriter>;
