/**
 * Each charger's time zone: the one answer every part of the server asks (the archive's local days,
 * the history routes, the snapshot's "today"), so no part guesses on its own. Strongest first: the
 * zone set on the settings screen (kept in the archive's settings), the charger's CHARGERS_FILE
 * entry, CHARGER_TIMEZONE, the zone the server itself runs in.
 */
import type { ZoneSource } from '../src/api/archive-schemas.ts';
import { isUtcZone } from '../src/shared/time/time-zone-name.ts';

export type { ZoneSource };

export interface ChargerZone {
  /** IANA name, as Intl spells it. */
  zone: string;
  source: ZoneSource;
}

export interface ChargerZoneDefaults {
  id: string;
  /** The zone of its CHARGERS_FILE entry. */
  timeZone?: string | undefined;
  /** The embedded simulator: its households live in the zone it is given, so it never needs a warning. */
  simulated: boolean;
}

export type ZoneListener = (chargerId: string, next: ChargerZone, previous: ChargerZone) => void;

export interface ChargerZones {
  /** The charger's zone now and where it comes from; an unknown id gets the default (CHARGER_TIMEZONE or the server's). */
  zoneOf(chargerId: string): ChargerZone;
  /** Told of every charger whose zone a settings change moved; returns the unsubscribe. */
  onChange(listener: ZoneListener): () => void;
  /** The settings screen's zones by charger id, as now saved (a charger left out follows its file entry or the defaults). */
  setOverrides(overrides: Readonly<Record<string, string>>): void;
  /** The zone the server process runs in. */
  readonly serverZone: string;
  /** Real chargers that fall back to the server's zone while that zone is UTC: their days are most likely cut wrong. */
  unsetOnUtcServer(): string[];
  /** The start-up log's line for a charger: its zone and where it came from. */
  describe(chargerId: string): string;
}

export interface ChargerZonesOptions {
  chargers: readonly ChargerZoneDefaults[];
  /** CHARGER_TIMEZONE; null when unset. */
  environmentZone: string | null;
  serverZone: string;
  /** The settings screen's zones, as saved. */
  overrides?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}

const SOURCE_TEXT: Record<ZoneSource, string> = {
  settings: 'set on the settings screen',
  file: 'its CHARGERS_FILE entry',
  environment: 'CHARGER_TIMEZONE',
  server: 'the server’s own zone',
};

export function createChargerZones(options: ChargerZonesOptions): ChargerZones {
  const defaults = new Map(options.chargers.map((charger) => [charger.id, charger]));
  const listeners = new Set<ZoneListener>();
  let overrides: Readonly<Record<string, string>> = { ...options.overrides };
  const fallback: ChargerZone = options.environmentZone !== null ? { zone: options.environmentZone, source: 'environment' } : { zone: options.serverZone, source: 'server' };

  const zoneOf = (chargerId: string): ChargerZone => {
    const chosen = Object.hasOwn(overrides, chargerId) ? overrides[chargerId] : undefined;
    if (chosen !== undefined) return { zone: chosen, source: 'settings' };
    const own = defaults.get(chargerId)?.timeZone;
    return own !== undefined ? { zone: own, source: 'file' } : fallback;
  };

  const unset = (id: string) => zoneOf(id).source === 'server' && isUtcZone(options.serverZone) && defaults.get(id)?.simulated === false;

  return {
    zoneOf,
    serverZone: options.serverZone,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOverrides(next) {
      const before = new Map([...defaults.keys()].map((id) => [id, zoneOf(id)]));
      overrides = { ...next };
      for (const [id, previous] of before) {
        const now = zoneOf(id);
        if (now.zone === previous.zone && now.source === previous.source) continue;
        options.log?.(`charger ${id}: time zone now ${now.zone} (${SOURCE_TEXT[now.source]}; was ${previous.zone})`);
        for (const listener of listeners) listener(id, now, previous);
      }
    },
    unsetOnUtcServer: () => [...defaults.keys()].filter(unset),
    describe(chargerId) {
      const { zone, source } = zoneOf(chargerId);
      const line = `charger ${chargerId}: time zone ${zone} (${SOURCE_TEXT[source]})`;
      if (!unset(chargerId)) return line;
      return `${line}; warning: the server runs in UTC and no zone is set for this charger, so its days end at UTC midnight; set CHARGER_TIMEZONE, a "timeZone" in CHARGERS_FILE, or the zone on the settings screen`;
    },
  };
}
