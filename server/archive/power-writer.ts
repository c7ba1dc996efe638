/**
 * 5-minute power points into the archive: one row per charger and slot, a column per series.
 * Upserts merge series (a point asked with fewer measures keeps the others), so the same point
 * written twice is one row with the same values.
 */
import { SERIES_COLUMNS, type ArchivedSeries } from './migrations.ts';
import { PROFILE_STEP_MS } from '../../contract/charger-schemas.ts';
import type { ArchiveStore } from './store.ts';

/** The profile's 5-minute step, defined once with its schema. */
export const SLOT_MS = PROFILE_STEP_MS;

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
  const markDay = store.db.prepare('INSERT INTO power_days (charger, day, points) VALUES (?, ?, ?) ON CONFLICT (charger, day) DO UPDATE SET points = excluded.points');
  const completeDays = store.db.prepare<[number], { day: string }>('SELECT day FROM power_days WHERE charger = ?');

  /** Positional parameters: charger, time in epoch seconds, then one value (or null) per series column. */
  function rows(charger: number, points: readonly PowerPoint[]): Array<Array<number | null>> {
    return points.map((p) => {
      const row: Array<number | null> = [charger, Math.round(p.t / 1000)];
      for (const s of series) row.push(p.values[s] ?? null);
      return row;
    });
  }

  return {
    /** Upserts the points in one transaction, and marks `completeDays` (local days) complete with them. */
    write(chargerId: string, points: readonly PowerPoint[], completeDays: ReadonlyArray<{ day: string; points: number }> = []): number | undefined {
      const charger = store.chargerKey(chargerId);
      const prepared = rows(charger, points);
      return store.write(() => {
        for (const row of prepared) upsert.run(...row);
        for (const done of completeDays) markDay.run(charger, done.day, done.points);
        return prepared.length;
      });
    },
    /** Local days archived complete: never asked of the charger again. */
    completeDays(chargerId: string): Set<string> {
      return new Set(completeDays.all(store.chargerKey(chargerId)).map((r) => r.day));
    },
  };
}
export type PowerWriter = ReturnType<typeof createPowerWriter>;
