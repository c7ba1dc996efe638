/**
 * A charger's days archived complete are local days of the zone they were cut in. When its zone
 * changes (on the settings screen, in CHARGERS_FILE or CHARGER_TIMEZONE between two starts), the
 * marks are carried over to the new zone instead of dropped or kept as they are: a day of the new
 * zone stays complete only if every old day it overlaps was complete. The points themselves are
 * kept per UTC slot and never touched; a new day at the edge of the archived stretch loses its mark
 * and is read from the charger again, so nothing the charger still holds is skipped for good.
 */
import { dayAt, dayFromKey, nextDay, type LocalDay } from './local-days.ts';
import type { ArchiveStore } from './store.ts';

/** The progress key naming the zone a charger's `power_days` and `powerFloor` are cut in. */
const MARKS_ZONE_KEY = 'powerDaysZone';

export function createZoneMarks(store: ArchiveStore) {
  const db = store.db;
  const getProgress = db.prepare<[number, string], { value: string }>('SELECT value FROM progress WHERE charger = ? AND key = ?');
  const setProgress = db.prepare('INSERT INTO progress (charger, key, value) VALUES (?, ?, ?) ON CONFLICT (charger, key) DO UPDATE SET value = excluded.value');
  const days = db.prepare<[number], { day: string }>('SELECT day FROM power_days WHERE charger = ?');
  const dropDays = db.prepare('DELETE FROM power_days WHERE charger = ?');
  const markDay = db.prepare('INSERT INTO power_days (charger, day, points) VALUES (?, ?, ?)');
  const pointsIn = db.prepare<[number, number, number], { n: number }>('SELECT count(*) AS n FROM power WHERE charger = ? AND t >= ? AND t < ?');

  return {
    /** The zone the charger's marks are cut in; null before any was recorded (an archive from before zones were per charger). */
    zoneOf(chargerId: string): string | null {
      return getProgress.get(store.chargerKey(chargerId), MARKS_ZONE_KEY)?.value ?? null;
    },

    /** Records the zone of marks that need no conversion. False when the disk is full. */
    record(chargerId: string, zone: string): boolean {
      const charger = store.chargerKey(chargerId);
      return store.write(() => setProgress.run(charger, MARKS_ZONE_KEY, zone)) !== undefined;
    },

    /**
     * Re-cuts the charger's complete days and its memory floor from zone `from` to `to`, in one
     * transaction. False when the disk is full (nothing changed; try again later).
     */
    convert(chargerId: string, from: string, to: string): boolean {
      const charger = store.chargerKey(chargerId);
      const old = new Set(days.all(charger).map((row) => row.day));
      const kept = convertedDays(old, from, to);
      const floor = getProgress.get(charger, 'powerFloor')?.value ?? null;
      const oldFloor = floor === null ? null : dayFromKey(floor, from);
      return (
        store.write(() => {
          dropDays.run(charger);
          for (const day of kept) markDay.run(charger, day.key, pointsIn.get(charger, Math.ceil(day.startMs / 1000), Math.ceil(day.endMs / 1000))!.n);
          // Days before the floor are never asked. The new floor is the new day holding the old
          // floor's first instant: every day before it lies wholly before the old floor.
          if (oldFloor) setProgress.run(charger, 'powerFloor', dayAt(oldFloor.startMs, to).key);
          setProgress.run(charger, MARKS_ZONE_KEY, to);
          return true;
        }) !== undefined
      );
    },
  };
}
export type ZoneMarks = ReturnType<typeof createZoneMarks>;

/** The days of zone `to` wholly covered by days of zone `from` in `complete`. */
export function convertedDays(complete: ReadonlySet<string>, from: string, to: string): LocalDay[] {
  const candidates = new Map<string, LocalDay>();
  for (const key of complete) {
    const old = dayFromKey(key, from);
    if (!old) continue;
    for (let day = dayAt(old.startMs, to); day.startMs < old.endMs; day = nextDay(day, to)) candidates.set(day.key, day);
  }
  const covered = (day: LocalDay) => {
    for (let old = dayAt(day.startMs, from); old.startMs < day.endMs; old = nextDay(old, from)) if (!complete.has(old.key)) return false;
    return true;
  };
  return [...candidates.values()].filter(covered).sort((a, b) => a.startMs - b.startMs);
}
