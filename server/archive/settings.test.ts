/** PUT /api/settings, the server's one write, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsResponseSchema } from '../../src/api/archive-schemas.ts';
import { startServer, type RunningServer } from '../start.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const GOOD = { pricePerKWh: 0.32, currency: 'CHF', offPeak: { pricePerKWh: 0.21, from: '22:00', to: '06:00' } };

let server: RunningServer;
let off: RunningServer;
const temp = temporaryArchive();

beforeAll(async () => {
  server = await startServer({
    env: { SIMULATOR_SEED: '3', PRICE_PER_KWH: '0.4', ARCHIVE_PATH: temp.path, ADMIN_PIN: '4711' },
    archiveOptions: { fill: false },
    port: 0,
    host: '127.0.0.1',
  });
  off = await startServer({ env: { SIMULATOR_SEED: '3', ARCHIVE: 'off' }, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await off.close();
  temp.remove();
});

function put(target: RunningServer, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${target.url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin: target.url, 'sec-fetch-site': 'same-origin', 'x-admin-pin': '4711', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const read = async (target: RunningServer) => settingsResponseSchema.parse(await (await fetch(`${target.url}/api/settings`)).json());

describe('settings', () => {
  it('start as the server defaults (PRICE_PER_KWH stays the default) and say a PIN is needed', async () => {
    expect(await read(server)).toMatchObject({ pricePerKWh: 0.4, currency: 'EUR', offPeak: null, isDefault: true, pinRequired: true, writable: true, writableFromHere: true, readOnlyReason: null });
  });

  it('refuse a PUT from another origin, by Origin or by Sec-Fetch-Site', async () => {
    const byOrigin = await put(server, GOOD, { origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' });
    expect(byOrigin.status).toBe(403);
    expect(((await byOrigin.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await put(server, GOOD, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await put(server, GOOD, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await read(server)).isDefault).toBe(true);
  });

  it('refuse a PUT without the PIN or with a wrong one', async () => {
    const without = await fetch(`${server.url}/api/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(GOOD) });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { message: string } }).error.message).toMatch(/PIN is required/);
    expect((await put(server, GOOD, { 'x-admin-pin': '1234' })).status).toBe(403);
    expect((await read(server)).isDefault).toBe(true);
  });

  it('refuse a bad body: not JSON, malformed JSON, wrong fields, negative price, too large', async () => {
    const form = await put(server, 'pricePerKWh=0.3', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect((await put(server, '{"pricePerKWh": 0.3,')).status).toBe(400);
    expect((await put(server, { ...GOOD, admin: true })).status).toBe(400);
    const negative = await put(server, { ...GOOD, pricePerKWh: -1 });
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { error: { message: string } }).error.message).toMatch(/pricePerKWh/);
    expect((await put(server, { ...GOOD, offPeak: { ...GOOD.offPeak, from: '25:00' } })).status).toBe(400);
    expect((await put(server, { ...GOOD, currency: 'x'.repeat(5000) })).status).toBe(400);
    expect((await read(server)).isDefault).toBe(true);
  });

  it('keep a valid PUT from our own page with the PIN, for every tablet, across a restart', async () => {
    const saved = await put(server, GOOD);
    expect(saved.status).toBe(200);
    expect(await read(server)).toMatchObject({ ...GOOD, isDefault: false, pinRequired: true, writable: true });
    const again = await startServer({ env: { SIMULATOR_SEED: '3', ARCHIVE_PATH: temp.path }, archiveOptions: { fill: false }, port: 0, host: '127.0.0.1' });
    try {
      expect(await read(again)).toMatchObject({ ...GOOD, isDefault: false, pinRequired: false, writable: true });
    } finally {
      await again.close();
    }
  });

  it('every other route still refuses a body, and other methods on /api/settings are 405', async () => {
    const body = await fetch(`${server.url}/api/chargers/platz13/sessions`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: server.url }, body: '{}' });
    expect(body.status).toBe(400);
    expect(((await body.json()) as { error: { message: string } }).error.message).toBe('request bodies are not accepted');
    const post = await fetch(`${server.url}/api/settings`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, PUT');
  });

  it('with ARCHIVE=off: the defaults, not writable, PUT answers 409', async () => {
    expect((await read(off)).writable).toBe(false);
    const refused = await put(off, GOOD);
    expect(refused.status).toBe(409);
  });
});
