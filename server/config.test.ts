import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, nameFromUrl } from './config.ts';

const tmp = mkdtempSync(join(tmpdir(), 'inch-config-'));
function file(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('defaults to the simulator on 0.0.0.0:8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', chargers: [], simulator: { chargers: 1, seed: undefined }, statusTtlMs: 2000, upstreamTimeoutMs: 5000 });
    expect(loadConfig({ SIMULATOR_CHARGERS: '3', SIMULATOR_SEED: '7' }).simulator).toEqual({ chargers: 3, seed: 7 });
  });

  it('reads the status interval and the stream limit, 5 s and 200 by default', () => {
    expect(loadConfig({})).toMatchObject({ statusIntervalMs: 5000, maxStreams: 200 });
    expect(loadConfig({ STATUS_INTERVAL_MS: '10000', MAX_STREAMS: '20' })).toMatchObject({ statusIntervalMs: 10000, maxStreams: 20 });
    expect(() => loadConfig({ STATUS_INTERVAL_MS: '50' })).toThrow('STATUS_INTERVAL_MS must be a whole number from 500 to 600000, not "50"');
    expect(() => loadConfig({ MAX_STREAMS: '0' })).toThrow('MAX_STREAMS must be a whole number from 1 to 100000, not "0"');
  });

  it('reads how far back the archive reads a new charger, about ten years by default', () => {
    expect(loadConfig({}).archive).toMatchObject({ horizonDays: 3660 });
    expect(loadConfig({ ARCHIVE_HORIZON_DAYS: '400' }).archive).toMatchObject({ horizonDays: 400 });
    expect(() => loadConfig({ ARCHIVE_HORIZON_DAYS: '0' })).toThrow('ARCHIVE_HORIZON_DAYS must be a whole number from 1 to 7320, not "0"');
  });

  it('reads how long a silent event stream is waited for, 30 s by default', () => {
    expect(loadConfig({}).streamSilenceMs).toBe(30_000);
    expect(loadConfig({ STREAM_SILENCE_MS: '3000' }).streamSilenceMs).toBe(3000);
    expect(() => loadConfig({ STREAM_SILENCE_MS: '10' })).toThrow('STREAM_SILENCE_MS must be a whole number from 1000 to 600000, not "10"');
  });

  it('reads ALLOWED_HOSTS as a comma list of host names, and refuses anything else', () => {
    expect(loadConfig({}).allowedHosts).toEqual([]);
    expect(loadConfig({ ALLOWED_HOSTS: ' Dashboard.example.com, *.home.example ,,' }).allowedHosts).toEqual(['dashboard.example.com', '*.home.example']);
    for (const value of ['http://dashboard.example.com', 'dash board', 'example.com:8080', '*', 'a.*.example']) {
      expect(errorOf({ ALLOWED_HOSTS: value }), value).toMatch(/^ALLOWED_HOSTS must be a comma list of host names/);
    }
  });

  it('reads TRUST_PROXY as named proxies only (addresses, ranges, keywords), never "trust all"', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    for (const value of ['true', '*', '10.0.0.0/33', 'proxy.local', '1.2.3.4/8/1']) {
      expect(errorOf({ TRUST_PROXY: value }), value).toMatch(/^TRUST_PROXY must be a comma list of proxy addresses/);
    }
  });

  it('configures one charger from CHARGER_URL with a token or a login', () => {
    const withToken = loadConfig({ CHARGER_URL: 'http://platz13.local/', CHARGER_TOKEN: 'abc' });
    expect(withToken.chargers).toEqual([
      { id: 'platz13', name: 'platz13', url: 'http://platz13.local', auth: { kind: 'token', token: 'abc' }, insecureTls: false, simulated: false },
    ]);
    const withLogin = loadConfig({ CHARGER_URL: 'https://10.0.0.5', CHARGER_EMAIL: 'a@b.c', CHARGER_PASSWORD: 'pw', CHARGER_NAME: 'Platz 13', CHARGER_INSECURE_TLS: 'true' });
    expect(withLogin.chargers[0]).toMatchObject({ id: 'platz-13', name: 'Platz 13', auth: { kind: 'login', email: 'a@b.c', password: 'pw' }, insecureTls: true });
  });

  it('reads several chargers from CHARGERS_FILE', () => {
    const path = file('chargers.json', JSON.stringify([
      { id: 'platz4', name: 'Platz 4', url: 'http://platz4.local', token: 't4' },
      { id: 'platz13', url: 'http://platz13.local', email: 'x@y.z', password: 'p' },
    ]));
    const config = loadConfig({ CHARGERS_FILE: path });
    expect(config.chargers.map((c) => [c.id, c.name, c.auth.kind])).toEqual([
      ['platz4', 'Platz 4', 'token'],
      ['platz13', 'platz13', 'login'],
    ]);
  });

  it.each([
    [{ CHARGER_URL: 'platz13' }, /CHARGER_URL "platz13" is not a URL/],
    [{ CHARGER_URL: 'ftp://platz13.local', CHARGER_TOKEN: 'x' }, /must start with http/],
    [{ CHARGER_URL: 'http://platz13.local' }, /no credentials: set CHARGER_TOKEN or CHARGER_EMAIL and CHARGER_PASSWORD/],
    [{ CHARGER_URL: 'http://platz13.local', CHARGER_EMAIL: 'a@b.c' }, /password is missing/],
    [{ CHARGER_URL: 'http://admin:pw@platz13.local', CHARGER_TOKEN: 'x' }, /must not contain a user or password/],
    [{ CHARGERS_FILE: '/nonexistent/chargers.json' }, /CHARGERS_FILE "\/nonexistent\/chargers.json" cannot be read/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ CHARGER_TIMEZONE: 'Mars/Olympus' }, /not an IANA time zone/],
    [{ PRICE_PER_KWH: 'cheap' }, /PRICE_PER_KWH/],
    [{ CURRENCY: 'euro' }, /ISO 4217/],
  ])('stops with one clear line for %j', (env, message) => {
    const text = errorOf(env as Record<string, string>);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('refuses a CHARGERS_FILE that is not valid JSON, empty, or repeats an id', () => {
    expect(errorOf({ CHARGERS_FILE: file('bad.json', '{nope') })).toMatch(/not valid JSON/);
    expect(errorOf({ CHARGERS_FILE: file('empty.json', '[]') })).toMatch(/empty/);
    const dup = file('dup.json', JSON.stringify([{ id: 'a', url: 'http://a', token: 't' }, { id: 'a', url: 'http://b', token: 't' }]));
    expect(errorOf({ CHARGERS_FILE: dup })).toMatch(/"a" appears twice/);
    const noAuth = file('noauth.json', JSON.stringify([{ id: 'a', url: 'http://a' }]));
    expect(errorOf({ CHARGERS_FILE: noAuth })).toMatch(/entry 0 \("a"\)/);
  });

  it('names an unknown or misspelt CHARGERS_FILE field in one line', () => {
    const misspelt = file('misspelt.json', JSON.stringify([{ id: 'platz4', Name: 'Platz 4', url: 'http://platz4.local', token: 't' }]));
    const text = errorOf({ CHARGERS_FILE: misspelt });
    expect(text).toMatch(/entry 0: unknown field "Name" \(known: id, name, url, token, email, password, timeZone\)/);
    expect(text).not.toContain('\n');
    // A misspelt required field: the typo is reported, not only the missing "url".
    const upper = file('upper.json', JSON.stringify([{ id: 'platz4', URL: 'http://platz4.local', token: 't' }]));
    expect(errorOf({ CHARGERS_FILE: upper })).toMatch(/unknown field "URL"/);
    expect(errorOf({ CHARGERS_FILE: file('object.json', '{"id": "a"}') })).toMatch(/must be a JSON list of chargers/);
    expect(errorOf({ CHARGERS_FILE: file('nourl.json', '[{"id": "a", "token": "t"}]') })).toMatch(/entry 0 "url": is missing or not a string/);
    expect(errorOf({ CHARGERS_FILE: file('noname.json', '[{"id": "a", "name": "", "url": "http://a", "token": "t"}]') })).toMatch(/entry 0 "name": must not be empty/);
  });

  it('never puts a secret into an error message', () => {
    // A password typed into the URL of a URL that does not parse.
    const inUrl = errorOf({ CHARGER_URL: 'http://admin:hunter2/x@platz 13.local', CHARGER_TOKEN: 'tok-secret-1' });
    expect(inUrl).toMatch(/CHARGER_URL ".*" is not a URL/);
    for (const secret of ['hunter2', 'admin', 'tok-secret-1']) expect(inUrl).not.toContain(secret);
    // A CHARGERS_FILE entry whose url is wrong, next to its credentials.
    const entries = file('secrets.json', JSON.stringify([
      { id: 'platz4', url: 'platz4 local', email: 'secret-mail@example.com', password: 'pw-secret-2' },
    ]));
    const inFile = errorOf({ CHARGERS_FILE: entries });
    expect(inFile).toMatch(/entry 0 \("platz4"\) url "platz4 local" is not a URL/);
    for (const secret of ['secret-mail', 'pw-secret-2']) expect(inFile).not.toContain(secret);
    // A credential in the wrong place in the file: the field is named, its value is not.
    const wrongType = file('wrongtype.json', JSON.stringify([{ id: 'platz4', url: 'http://platz4.local', token: 42, password: ['pw-secret-3'] }]));
    const typed = errorOf({ CHARGERS_FILE: wrongType });
    expect(typed).toMatch(/entry 0 "token"/);
    expect(typed).not.toContain('pw-secret-3');
  });

  it('derives a display name from the host', () => {
    expect(nameFromUrl('http://platz13.local')).toBe('platz13');
    expect(nameFromUrl('http://192.168.1.20:8080')).toBe('192.168.1.20');
  });
});
