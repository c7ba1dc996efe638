/**
 * The household's settings (price per kWh, currency, off-peak window) kept in the archive, so
 * every tablet shows the same costs. Until someone saves them, the server's defaults
 * (PRICE_PER_KWH, CURRENCY) are the answer.
 */
import type { Settings } from '../../src/api/archive-schemas.ts';
import type { ArchiveStore } from './store.ts';

const KEY = 'pricing';

export function createSettingsStore(store: ArchiveStore | null, defaults: { pricePerKwh: number | null; currency: string }) {
  const read = store?.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const save = store?.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const fallback: Settings = { pricePerKWh: defaults.pricePerKwh, currency: defaults.currency, offPeak: null };

  return {
    get(): Settings & { isDefault: boolean } {
      try {
        const row = read?.get(KEY);
        if (!row) return { ...fallback, isDefault: true };
        return { ...(JSON.parse(row.value) as Settings), isDefault: false };
      } catch {
        // Unreadable (a damaged archive, a bad value): the server's defaults, said so.
        return { ...fallback, isDefault: true };
      }
    },
    /** 'off' without an archive; when the archive cannot take it, why; else 'saved'. */
    put(settings: Settings): 'saved' | 'off' | 'full' | 'read_only' | 'unavailable' {
      if (!store || !save) return 'off';
      if (store.write(() => save.run(KEY, JSON.stringify(settings))) !== undefined) return 'saved';
      const kind = store.problem?.kind;
      return kind === 'disk_full' ? 'full' : kind === 'read_only' ? 'read_only' : 'unavailable';
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
