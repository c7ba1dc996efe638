/**
 * The settings' cache key, on its own so the live view's first load can share the settings'
 * cache entry without carrying their schemas (`settings-query.ts` reads and parses them).
 */
export const SETTINGS_KEY = ['settings'] as const;
