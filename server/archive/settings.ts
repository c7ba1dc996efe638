/**
 * The household's settings kept in the archive, so every tablet shows the same: the prices (price
 * per kWh, currency, off-peak window) and the zone chosen on the settings screen for each charger.
 * Until someone saves prices, the server's defaults (PRICE_PER_KWH, CURRENCY) are the answer; a
 * charger without a chosen zone follows its configuration (server/charger-zones.ts).
 */
import type { Settings, SettingsUpdate } from '../../src/api/archive-schemas.ts';
import { canonicalTimeZone } from '../../src/shared/time/time-zone-name.ts';
import type { ArchiveStore } from './store.ts';

const PRICING_KEY = 'pricing';
const ZONES_KEY = 'timeZones';

export function createSettingsStore(store: ArchiveStore | null, defaults: { pricePerKwh: number | null; currency: string }) {
  const read = store?.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const save = store?.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const fallback: Settings = { pricePerKWh: defaults.pricePerKwh, currency: defaults.currency, offPeak: null };
  const listeners = new Set<() => void>();

  /** A saved value; undefined when there is none or it cannot be read (a damaged archive, a bad value). */
  const readJson = (key: string): unknown => {
    try {
      const row = read?.get(key);
      return row ? JSON.parse(row.value) : undefined;
    } catch {
      return undefined;
    }
  };

  /** The chosen zones by charger id; anything unreadable is left out (the charger follows its configuration). */
  const timeZones = (): Record<string, string> => {
    const saved = readJson(ZONES_KEY);
    if (typeof saved !== 'object' || saved === null) return {};
    const zones = new Map<string, string>();
    for (const [id, zone] of Object.entries(saved)) {
      const canonical = typeof zone === 'string' ? canonicalTimeZone(zone) : null;
      if (canonical) zones.set(id, canonical);
    }
    return Object.fromEntries(zones);
  };

  return {
    get(): Settings & { isDefault: boolean } {
      const saved = readJson(PRICING_KEY);
      return saved === undefined ? { ...fallback, isDefault: true } : { ...(saved as Settings), isDefault: false };
    },
    timeZones,
    /**
     * Saves what the update carries, in one transaction: the prices replace the saved ones; each
     * zone named replaces that charger's (null removes it). 'off' without an archive; when the
     * archive cannot take it, why ('full', 'read_only', 'unavailable'); else 'saved'.
     */
    save(update: SettingsUpdate): 'saved' | 'off' | 'full' | 'read_only' | 'unavailable' {
      if (!store || !save) return 'off';
      const { timeZones: zoneChanges, pricePerKWh, currency, offPeak } = update;
      const written = store.write(() => {
        if (currency !== undefined) save.run(PRICING_KEY, JSON.stringify({ pricePerKWh: pricePerKWh ?? null, currency, offPeak: offPeak ?? null } satisfies Settings));
        if (zoneChanges !== undefined) {
          const zones = new Map(Object.entries(timeZones()));
          for (const [id, zone] of Object.entries(zoneChanges)) {
            if (zone === null) zones.delete(id);
            else zones.set(id, canonicalTimeZone(zone) ?? zone);
          }
          save.run(ZONES_KEY, JSON.stringify(Object.fromEntries(zones)));
        }
        return true;
      });
      if (written === undefined) {
        const kind = store.problem?.kind;
        return kind === 'disk_full' ? 'full' : kind === 'read_only' ? 'read_only' : 'unavailable';
      }
      for (const listener of [...listeners]) listener();
      return 'saved';
    },
    /** Called after every saved change (the snapshots' costs follow the price at once). */
    onSaved(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
