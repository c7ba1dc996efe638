/**
 * Who may change the settings. Without ADMIN_PIN only the server machine itself (loopback, with
 * TRUST_PROXY taken into account); with it, anyone with the PIN, and wrong PINs lock out only the
 * client that typed them. Requests come through `app.inject`, which sets the connection's address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsResponseSchema } from '../../src/api/archive-schemas.ts';
import { startServer, type RunningServer } from '../start.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const PRICE = { pricePerKWh: 0.3, currency: 'EUR', offPeak: null };
const temps: Array<{ remove(): void }> = [];
const servers: RunningServer[] = [];

/** A server with one charger nobody answers for (never asked: no fill), an archive, and `env`. */
async function serverWith(env: Record<string, string>): Promise<RunningServer> {
  const temp = temporaryArchive();
  temps.push(temp);
  const server = await startServer({
    env: { CHARGER_URL: 'http://127.0.0.1:9', CHARGER_TOKEN: 't', CHARGER_NAME: 'garage', ARCHIVE_PATH: temp.path, ...env },
    serverTimeZone: 'UTC',
    archiveOptions: { fill: false },
    port: 0,
    host: '127.0.0.1',
  });
  servers.push(server);
  return server;
}

let open: RunningServer;
let proxied: RunningServer;
let pinned: RunningServer;
beforeAll(async () => {
  open = await serverWith({});
  proxied = await serverWith({ TRUST_PROXY: 'loopback' });
  pinned = await serverWith({ ADMIN_PIN: '4711', TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  for (const server of servers) await server.close();
  for (const temp of temps) temp.remove();
});

type Headers = Record<string, string>;
const put = (server: RunningServer, remoteAddress: string, headers: Headers = {}, body: unknown = PRICE) =>
  server.app.inject({ method: 'PUT', url: '/api/settings', remoteAddress, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
const read = async (server: RunningServer, remoteAddress: string, headers: Headers = {}) =>
  settingsResponseSchema.parse((await server.app.inject({ method: 'GET', url: '/api/settings', remoteAddress, headers })).json());
const codeOf = (response: { json(): unknown }) => (response.json() as { error: { code: string } }).error.code;

describe('without ADMIN_PIN', () => {
  it('the server machine itself may change the settings, over IPv4, IPv6 and IPv4-mapped loopback', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(await read(open, address), address).toMatchObject({ writable: true, writableFromHere: true, readOnlyReason: null, pinRequired: false });
      expect((await put(open, address)).statusCode, address).toBe(200);
    }
  });

  it('a tablet may not, and GET tells it why', async () => {
    expect(await read(open, '192.168.1.50')).toMatchObject({ writable: true, writableFromHere: false, readOnlyReason: 'local_only' });
    const refused = await put(open, '192.168.1.50', {}, { ...PRICE, pricePerKWh: 9 });
    expect(refused.statusCode).toBe(403);
    expect(codeOf(refused)).toBe('local_only');
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(/set ADMIN_PIN/);
    expect((await read(open, '127.0.0.1')).pricePerKWh).not.toBe(9);
  });

  it('a request a proxy on this machine forwards for a tablet is the tablet’s, whether TRUST_PROXY names the proxy or not', async () => {
    for (const server of [open, proxied]) {
      const forwardings: Headers[] = [{ 'x-forwarded-for': '192.168.1.50' }, { 'x-forwarded-for': '127.0.0.1, 192.168.1.50' }, { forwarded: 'for=192.168.1.50;proto=http' }, { 'x-real-ip': '192.168.1.50' }, { 'x-forwarded-for': 'unknown' }];
      for (const headers of forwardings) {
        expect((await read(server, '127.0.0.1', headers)).readOnlyReason, JSON.stringify(headers)).toBe('local_only');
        expect((await put(server, '127.0.0.1', headers)).statusCode, JSON.stringify(headers)).toBe(403);
      }
    }
  });

  it('a browser on the server machine behind a proxy there is still the server machine', async () => {
    expect((await put(proxied, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(200);
    expect((await put(proxied, '127.0.0.1', { forwarded: 'for="[::1]:51234"' })).statusCode).toBe(200);
  });

  it('a tablet cannot pass for the server machine by naming it in X-Forwarded-For', async () => {
    for (const server of [open, proxied]) {
      expect((await put(server, '192.168.1.50', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(403);
      expect((await read(server, '192.168.1.50', { 'x-forwarded-for': '127.0.0.1' })).readOnlyReason).toBe('local_only');
    }
  });
});

describe('with ADMIN_PIN', () => {
  it('any screen with the PIN may change the settings', async () => {
    expect(await read(pinned, '192.168.1.50')).toMatchObject({ writableFromHere: true, readOnlyReason: null, pinRequired: true });
    expect((await put(pinned, '192.168.1.50', { 'x-admin-pin': '4711' })).statusCode).toBe(200);
    expect((await put(pinned, '192.168.1.50')).statusCode).toBe(403);
  });

  it('five wrong PINs in a minute lock out that client only: another with the right PIN still gets in', async () => {
    for (let i = 0; i < 5; i++) expect((await put(pinned, '192.168.1.66', { 'x-admin-pin': '0000' })).statusCode).toBe(403);
    const locked = await put(pinned, '192.168.1.66', { 'x-admin-pin': '4711' });
    expect(locked.statusCode).toBe(403);
    expect((locked.json() as { error: { message: string } }).error.message).toMatch(/too many wrong PINs/);
    expect((await put(pinned, '192.168.1.67', { 'x-admin-pin': '4711' })).statusCode).toBe(200);
    // Two tablets behind the trusted proxy are two clients, too.
    for (let i = 0; i < 5; i++) await put(pinned, '127.0.0.1', { 'x-forwarded-for': '192.168.1.70', 'x-admin-pin': '0000' });
    expect((await put(pinned, '127.0.0.1', { 'x-forwarded-for': '192.168.1.70', 'x-admin-pin': '4711' })).statusCode).toBe(403);
    expect((await put(pinned, '127.0.0.1', { 'x-forwarded-for': '192.168.1.71', 'x-admin-pin': '4711' })).statusCode).toBe(200);
  });

  it('an IPv6 client is its /64: new addresses in it do not buy new guesses', async () => {
    for (let i = 1; i <= 5; i++) await put(pinned, `2001:db8:0:7::${i}`, { 'x-admin-pin': '0000' });
    expect((await put(pinned, '2001:db8:0:7::99', { 'x-admin-pin': '4711' })).statusCode).toBe(403);
    expect((await put(pinned, '2001:db8:0:8::1', { 'x-admin-pin': '4711' })).statusCode).toBe(200);
  });
});

describe('zones on the settings screen', () => {
  it('warns while the server runs in UTC and nobody set the charger’s zone, and not once it is set', async () => {
    const before = await read(open, '127.0.0.1');
    expect(before.serverTimeZone).toBe('UTC');
    expect(before.timeZones).toEqual({ garage: { zone: 'UTC', source: 'server' } });
    expect(before.zoneWarning).toEqual({ code: 'server_utc_zone_unset', chargerIds: ['garage'] });
    expect((await put(open, '127.0.0.1', {}, { timeZones: { garage: 'europe/zurich' } })).statusCode).toBe(200);
    const after = await read(open, '127.0.0.1');
    expect(after.timeZones).toEqual({ garage: { zone: 'Europe/Zurich', source: 'settings' } });
    expect(after.zoneWarning).toBeNull();
  });

  it('refuses an unknown charger, a name that is not an IANA zone, half the prices and an empty change', async () => {
    const refusals: Array<[unknown, RegExp]> = [
      [{ timeZones: { elsewhere: 'Europe/Zurich' } }, /timeZones: no charger with id "elsewhere"/],
      [{ timeZones: { garage: '+01:00' } }, /not an IANA time zone/],
      [{ timeZones: { garage: 'Mars/Olympus' } }, /not an IANA time zone/],
      [{ pricePerKWh: 0.3 }, /sent together/],
      [{}, /nothing to save/],
    ];
    for (const [body, message] of refusals) {
      const refused = await put(open, '127.0.0.1', {}, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect((refused.json() as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('changing only the zones keeps the prices, and changing only the prices keeps the zones', async () => {
    expect((await put(open, '127.0.0.1', {}, { pricePerKWh: 0.45, currency: 'CHF', offPeak: null })).statusCode).toBe(200);
    expect((await put(open, '127.0.0.1', {}, { timeZones: { garage: 'Europe/Berlin' } })).statusCode).toBe(200);
    expect(await read(open, '127.0.0.1')).toMatchObject({ pricePerKWh: 0.45, currency: 'CHF', timeZones: { garage: { zone: 'Europe/Berlin', source: 'settings' } } });
    expect((await put(open, '127.0.0.1', {}, { pricePerKWh: 0.5, currency: 'CHF', offPeak: null })).statusCode).toBe(200);
    expect((await read(open, '127.0.0.1')).timeZones).toEqual({ garage: { zone: 'Europe/Berlin', source: 'settings' } });
  });
});
