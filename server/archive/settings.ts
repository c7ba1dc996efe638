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
  const listeners = new Set<() => void>();

  return {
    get(): Settings & { isDefault: boolean } {
      const row = read?.get(KEY);
      if (!row) return { ...fallback, isDefault: true };
      try {
        return { ...(JSON.parse(row.value) as Settings), isDefault: false };
      } catch {
        return { ...fallback, isDefault: true };
      }
    },
    /** 'off' without an archive, 'full' when the disk is full, else 'saved'. */
    put(settings: Settings): 'saved' | 'off' | 'full' {
      if (!store || !save) return 'off';
      if (store.write(() => save.run(KEY, JSON.stringify(settings))) === undefined) return 'full';
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
