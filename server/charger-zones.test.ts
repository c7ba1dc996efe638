import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChargerZones, type ChargerZone } from './charger-zones.ts';
import { loadConfig } from './config.ts';

const chargersFile = (entries: unknown[]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'inch-zones-')), 'chargers.json');
  writeFileSync(path, JSON.stringify(entries));
  return path;
};

/** The registry as start-up builds it from the configuration. */
function zonesOf(env: Record<string, string>, serverZone: string, overrides: Record<string, string> = {}) {
  const config = loadConfig(env, serverZone);
  return createChargerZones({ chargers: config.chargers, environmentZone: config.environmentTimeZone, serverZone: config.serverTimeZone, overrides });
}

describe('each charger’s zone', () => {
  const file = chargersFile([
    { id: 'zurich', url: 'http://zurich.local', token: 't', timeZone: 'europe/zurich' },
    { id: 'plain', url: 'http://plain.local', token: 't' },
  ]);

  it('comes from its CHARGERS_FILE entry, else CHARGER_TIMEZONE, else the server’s own zone', () => {
    const withDefault = zonesOf({ CHARGERS_FILE: file, CHARGER_TIMEZONE: 'America/New_York' }, 'UTC');
    expect(withDefault.zoneOf('zurich')).toEqual({ zone: 'Europe/Zurich', source: 'file' });
    expect(withDefault.zoneOf('plain')).toEqual({ zone: 'America/New_York', source: 'environment' });
    const bare = zonesOf({ CHARGERS_FILE: file }, 'Asia/Tokyo');
    expect(bare.zoneOf('plain')).toEqual({ zone: 'Asia/Tokyo', source: 'server' });
    expect(zonesOf({ CHARGER_URL: 'http://platz13.local', CHARGER_TOKEN: 't', CHARGER_TIMEZONE: 'Europe/Vienna' }, 'UTC').zoneOf('platz13')).toEqual({ zone: 'Europe/Vienna', source: 'environment' });
  });

  it('the settings screen’s zone wins over all of them; removing it falls back', () => {
    const zones = zonesOf({ CHARGERS_FILE: file, CHARGER_TIMEZONE: 'America/New_York' }, 'UTC', { zurich: 'Asia/Tokyo' });
    expect(zones.zoneOf('zurich')).toEqual({ zone: 'Asia/Tokyo', source: 'settings' });
    zones.setOverrides({});
    expect(zones.zoneOf('zurich')).toEqual({ zone: 'Europe/Zurich', source: 'file' });
  });

  it('tells listeners of each charger a settings change moved, and only those', () => {
    const log: string[] = [];
    const config = loadConfig({ CHARGERS_FILE: file }, 'UTC');
    const zones = createChargerZones({ chargers: config.chargers, environmentZone: null, serverZone: 'UTC', log: (line) => log.push(line) });
    const heard: Array<[string, ChargerZone, ChargerZone]> = [];
    const off = zones.onChange((id, next, previous) => heard.push([id, next, previous]));
    zones.setOverrides({ plain: 'Europe/Berlin', zurich: 'Europe/Zurich' });
    expect(heard).toEqual([
      ['zurich', { zone: 'Europe/Zurich', source: 'settings' }, { zone: 'Europe/Zurich', source: 'file' }],
      ['plain', { zone: 'Europe/Berlin', source: 'settings' }, { zone: 'UTC', source: 'server' }],
    ]);
    expect(log).toContain('charger plain: time zone now Europe/Berlin (set on the settings screen; was UTC)');
    off();
    zones.setOverrides({});
    expect(heard).toHaveLength(2);
  });

  it('says in the start-up log which zone each charger uses and where it came from', () => {
    const zones = zonesOf({ CHARGERS_FILE: file, CHARGER_TIMEZONE: 'America/New_York' }, 'UTC', {});
    expect(zones.describe('zurich')).toBe('charger zurich: time zone Europe/Zurich (its CHARGERS_FILE entry)');
    expect(zones.describe('plain')).toBe('charger plain: time zone America/New_York (CHARGER_TIMEZONE)');
    expect(zonesOf({ CHARGERS_FILE: file }, 'UTC', { plain: 'Europe/Rome' }).describe('plain')).toBe('charger plain: time zone Europe/Rome (set on the settings screen)');
    expect(zonesOf({ CHARGERS_FILE: file }, 'Europe/Paris').describe('plain')).toBe('charger plain: time zone Europe/Paris (the server’s own zone)');
  });

  it('warns when the server runs in UTC and nobody set a zone for a real charger, and only then', () => {
    const zones = zonesOf({ CHARGERS_FILE: file }, 'UTC');
    expect(zones.unsetOnUtcServer()).toEqual(['plain']);
    expect(zones.describe('plain')).toMatch(/^charger plain: time zone UTC \(the server’s own zone\); warning: the server runs in UTC and no zone is set for this charger/);
    expect(zonesOf({ CHARGERS_FILE: file, CHARGER_TIMEZONE: 'UTC' }, 'UTC').unsetOnUtcServer()).toEqual([]);
    expect(zonesOf({ CHARGERS_FILE: file }, 'Europe/Zurich').unsetOnUtcServer()).toEqual([]);
    expect(zonesOf({ CHARGERS_FILE: file }, 'UTC', { plain: 'UTC' }).unsetOnUtcServer()).toEqual([]);
    // The simulator's households live in whatever zone it is given: nothing to warn about.
    const simulated = createChargerZones({ chargers: [{ id: 'sim', simulated: true }], environmentZone: null, serverZone: 'UTC' });
    expect(simulated.unsetOnUtcServer()).toEqual([]);
  });
});

describe('zones in the configuration', () => {
  it('refuses a CHARGERS_FILE timeZone or a CHARGER_TIMEZONE that is not an IANA name, naming where it is', () => {
    const bad = chargersFile([{ id: 'a', url: 'http://a.local', token: 't', timeZone: '+01:00' }]);
    expect(() => loadConfig({ CHARGERS_FILE: bad }, 'UTC')).toThrow('CHARGERS_FILE entry 0 ("a") timeZone "+01:00" is not an IANA time zone; use e.g. Europe/Zurich');
    expect(() => loadConfig({ CHARGER_TIMEZONE: 'Mars/Olympus' }, 'UTC')).toThrow('CHARGER_TIMEZONE "Mars/Olympus" is not an IANA time zone');
  });

  it('keeps the simulator’s households in CHARGER_TIMEZONE, else the server’s zone', () => {
    expect(loadConfig({ CHARGER_TIMEZONE: 'Europe/Zurich' }, 'UTC')).toMatchObject({ timeZone: 'Europe/Zurich', environmentTimeZone: 'Europe/Zurich', serverTimeZone: 'UTC' });
    expect(loadConfig({}, 'Asia/Tokyo')).toMatchObject({ timeZone: 'Asia/Tokyo', environmentTimeZone: null, serverTimeZone: 'Asia/Tokyo' });
  });
});
