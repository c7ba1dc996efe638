/**
 * The home connections in the whole server (the embedded simulator or a simulated charger behind
 * it, a fake snapshot feed): `/metrics` parsed by a Prometheus text-format parser, the notification
 * routes and their protections, the live view while the broker is down, and no credential in any
 * message, topic, metric, answer or log line.
 */
import { request as httpRequest } from 'node:http';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { healthResponseSchema } from '../../src/api/server-schemas.ts';
import { notificationsResponseSchema, notificationTestResponseSchema } from '../../src/api/notification-schemas.ts';
import { startSimulator } from '../simulator/simulator.ts';
import { startServer, type RunningServer } from '../start.ts';
import { temporaryArchive } from '../test-support/archive.ts';
import { startReceiver } from '../test-support/http-receiver.ts';
import { freePort, mosquittoMissing, startBroker, subscriber, waitFor } from '../test-support/mosquitto.ts';
import { chargerSnapshot, connectorSnapshot, FakeSnapshotFeed } from '../test-support/snapshots.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(env: Record<string, string>, feed?: FakeSnapshotFeed, log?: (line: string) => void): Promise<RunningServer> {
  const running = await startServer({
    env: { SIMULATOR_CHARGERS: '1', SIMULATOR_SEED: '7', CHARGER_TIMEZONE: 'Europe/Berlin', ...env },
    port: 0,
    host: '127.0.0.1',
    ...(feed ? { snapshotFeed: feed } : {}),
    ...(log ? { log } : {}),
    homeOptions: { mqttBackoffMs: { min: 50, max: 200 }, notificationBackoffMs: { min: 50, max: 200 } },
  });
  cleanups.push(() => running.close());
  return running;
}

function archiveEnv(): Record<string, string> {
  const archive = temporaryArchive();
  cleanups.push(archive.remove);
  return { ARCHIVE_PATH: archive.path };
}

interface Sample {
  labels?: Record<string, string>;
  value?: string;
}
type Family = { name: string; type: string; metrics: Sample[] };

function sampleOf(families: Family[], name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample?.value === undefined ? undefined : Number(sample.value);
}

/** Reads the first bytes of the event stream until `done` says enough. */
function readEvents(url: string, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/events`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (done(text)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    req.end();
  });
}

describe('GET /metrics', () => {
  it('is off unless METRICS=on (a 404, never the page), and then parses as Prometheus text with every figure', async () => {
    const off = await server({});
    const refused = await fetch(`${off.url}/metrics`);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('not_found');

    const feed = new FakeSnapshotFeed(['platz13']);
    const on = await server({ METRICS: 'on', ...archiveEnv() }, feed);
    const readAt = new Date(Date.now() - 4_000).toISOString();
    feed.emit(chargerSnapshot({ chargerId: 'platz13', readAt, connectors: [connectorSnapshot({ kind: 'charging', powerKw: 6.9, session: { energyKwh: 5.5 } }), connectorSnapshot({ connectorId: 2, kind: 'available' })] }));
    // The charger is read (the archive holds its collector), and one screen has its stream open.
    await waitFor(async () => ((await (await fetch(`${on.url}/api/health`)).json()) as { chargers: Array<{ lastOkAt: string | null }> }).chargers[0]!.lastOkAt !== null, 'a reading');
    const stream = readEvents(on.url, () => false);
    void stream;
    await waitFor(async () => sampleOf(parsePrometheusTextFormat(await (await fetch(`${on.url}/metrics`)).text()) as Family[], 'inch_event_stream_clients') === 1, 'the stream to count');

    const answer = await fetch(`${on.url}/metrics`);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await answer.text()) as Family[];
    const type = (name: string) => families.find((f) => f.name === name)?.type;
    expect(sampleOf(families, 'inch_charger_up', { charger: 'platz13' })).toBe(1);
    expect(sampleOf(families, 'inch_connector_power_kilowatts', { charger: 'platz13', connector: '1' })).toBe(6.9);
    expect(sampleOf(families, 'inch_connector_session_energy_kilowatt_hours', { charger: 'platz13', connector: '1' })).toBe(5.5);
    expect(sampleOf(families, 'inch_connector_session_energy_kilowatt_hours', { charger: 'platz13', connector: '2' })).toBeUndefined();
    expect(sampleOf(families, 'inch_connector_state', { charger: 'platz13', connector: '1', state: 'charging' })).toBe(1);
    expect(sampleOf(families, 'inch_charger_reading_age_seconds', { charger: 'platz13' })).toBeGreaterThanOrEqual(4);
    expect(type('inch_connector_energy_kilowatt_hours_total')).toBe('COUNTER');
    expect(type('inch_upstream_requests_total')).toBe('COUNTER');
    expect(sampleOf(families, 'inch_upstream_requests_total', { charger: 'platz13', endpoint: 'generalStatus' })).toBeGreaterThan(0);
    expect(sampleOf(families, 'inch_upstream_requests_total', { charger: 'platz13', endpoint: 'login' })).toBeGreaterThan(0);
    expect(sampleOf(families, 'inch_upstream_failures_total', { charger: 'platz13', endpoint: 'generalStatus' })).toBe(0);
    expect(sampleOf(families, 'inch_event_stream_clients')).toBe(1);
    expect(sampleOf(families, 'inch_archive_size_bytes')).toBeGreaterThan(0);
    expect(type('inch_archive_backfill_lag_seconds')).toBe('GAUGE');
    expect(sampleOf(families, 'inch_archive_backfill_running', { charger: 'platz13' })).toBeGreaterThanOrEqual(0);
    expect(sampleOf(families, 'inch_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('answers only for this server’s names, like the API (DNS rebinding)', async () => {
    const on = await server({ METRICS: 'on' });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${on.url}/metrics`, { headers: { host: 'evil.example:8080' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

describe('the notification routes', () => {
  it('list the targets without their secrets, and send a test message only from our pages with the PIN', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.stop());
    const on = await server({
      NTFY_URL: receiver.url,
      NTFY_TOPIC: 'garage-x7-secret',
      NTFY_TOKEN: 'tk_ntfy_secret',
      WEBHOOK_URL: `${receiver.url}/hook/webhook-secret-id`,
      NOTIFY_LANGUAGE: 'de',
      ADMIN_PIN: '2468',
    });
    const listed = await (await fetch(`${on.url}/api/notifications`)).text();
    expect(notificationsResponseSchema.parse(JSON.parse(listed))).toEqual({
      targets: [
        { kind: 'ntfy', address: receiver.url },
        { kind: 'webhook', address: receiver.url },
      ],
      rules: ['session_finished', 'fault', 'unreachable'],
      unreachableMinutes: 10,
      language: 'de',
      pinRequired: true,
    });
    expect(listed).not.toMatch(/secret/);

    const post = (headers: Record<string, string>) => fetch(`${on.url}/api/notifications/test`, { method: 'POST', headers });
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', 'x-admin-pin': '2468' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-admin-pin': '1111' })).status).toBe(403);
    expect(receiver.requests).toEqual([]);
    expect((await fetch(`${on.url}/api/notifications/test`)).status).toBe(405);

    const sent = await post({ 'x-admin-pin': '2468', 'sec-fetch-site': 'same-origin' });
    expect(sent.status).toBe(200);
    expect(notificationTestResponseSchema.parse(await sent.json()).results).toEqual([
      { kind: 'ntfy', address: receiver.url, ok: true, error: null },
      { kind: 'webhook', address: receiver.url, ok: true, error: null },
    ]);
    expect(receiver.requests.map((r) => [r.path, r.json.title])).toEqual(
      expect.arrayContaining([
        ['/', 'Testnachricht vom Lade-Dashboard'],
        ['/hook/webhook-secret-id', 'Testnachricht vom Lade-Dashboard'],
      ]),
    );

    // A receiver that is down is reported, in words without its secrets.
    await receiver.stop();
    const failed = notificationTestResponseSchema.parse(await (await post({ 'x-admin-pin': '2468' })).json());
    expect(failed.results.map((r) => r.ok)).toEqual([false, false]);
    expect(JSON.stringify(failed)).not.toMatch(/secret/);
  });
});

describe.skipIf(mosquittoMissing() !== null)('with a broker', () => {
  it('keeps the live view while the broker is down, and says so in the health route', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const feed = new FakeSnapshotFeed(['platz13']);
    const on = await server({ MQTT_URL: `mqtt://127.0.0.1:${port}`, STATUS_INTERVAL_MS: '1000' }, feed, (line) => lines.push(line));
    feed.emit(chargerSnapshot({ chargerId: 'platz13' }));
    // Nothing listens on the broker's port: the page still gets its live readings.
    const events = await readEvents(on.url, (text) => (text.match(/^event: (snapshot|fresh)$/gm) ?? []).length >= 2);
    expect(events).toMatch(/^event: snapshot$/m);
    const health = healthResponseSchema.parse(await (await fetch(`${on.url}/api/health`)).json());
    expect(health.mqtt).toEqual({ connected: false });
    expect(lines.filter((line) => line.startsWith('mqtt: not connected'))).toHaveLength(1);

    // The broker comes: connected within a back-off pause, states published.
    const broker = await startBroker({ port });
    cleanups.push(() => broker.close());
    await waitFor(async () => healthResponseSchema.parse(await (await fetch(`${on.url}/api/health`)).json()).mqtt?.connected === true, 'the connection');
    const sub = await subscriber(broker.url, ['inch-dashboard/#']);
    cleanups.push(sub.close);
    await waitFor(() => sub.latest('inch-dashboard/platz13/state') !== undefined, 'the retained state');
  });

  it('publishes the server’s own snapshots of the simulated charger', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    await server({ MQTT_URL: broker.url, STATUS_INTERVAL_MS: '1000' });
    const sub = await subscriber(broker.url, ['inch-dashboard/#', 'homeassistant/#']);
    cleanups.push(sub.close);
    await waitFor(() => sub.messages.some((m) => m.topic.startsWith('inch-dashboard/platz13/connector/')) && sub.messages.some((m) => m.topic.startsWith('homeassistant/')), 'the simulated charger');
    expect(JSON.parse(sub.latest('inch-dashboard/platz13/state')!.payload).reachable).toBe(true);
    const connector = JSON.parse(sub.messages.find((m) => m.topic.startsWith('inch-dashboard/platz13/connector/'))!.payload);
    expect(typeof connector.state).toBe('string');
    expect(JSON.parse(sub.messages.find((m) => m.topic.startsWith('homeassistant/'))!.payload).device.identifiers).toEqual(['inch-dashboard_platz13']);
  });

  it('publishes, answers and logs no credential of the charger, the broker or the receivers', async () => {
    const SECRETS = ['charger-pass-Zq81', 'broker-pass-Kx42', 'tk_ntfy_Wd93', 'ntfy-topic-Hp55', 'webhook-path-Mv17', 'webhook-token-Ja26'];
    const sim = await startSimulator({ port: 0, host: '127.0.0.1', chargers: 1, seed: 3, email: 'owner@example.com', password: SECRETS[0]!, quiet: true });
    cleanups.push(() => sim.close());
    const broker = await startBroker({ username: 'dashboard', password: SECRETS[1]! });
    cleanups.push(() => broker.close());
    const receiver = await startReceiver();
    cleanups.push(() => receiver.stop());
    const lines: string[] = [];
    const feed = new FakeSnapshotFeed(['platz-a']);
    const on = await server(
      {
        CHARGER_URL: sim.chargers[0]!.baseUrl,
        CHARGER_NAME: 'Platz A',
        CHARGER_EMAIL: 'owner@example.com',
        CHARGER_PASSWORD: SECRETS[0]!,
        MQTT_URL: broker.url,
        MQTT_USERNAME: 'dashboard',
        MQTT_PASSWORD: SECRETS[1]!,
        NTFY_URL: receiver.url,
        NTFY_TOKEN: SECRETS[2]!,
        NTFY_TOPIC: SECRETS[3]!,
        WEBHOOK_URL: `${receiver.url}/hook/${SECRETS[4]}`,
        WEBHOOK_TOKEN: SECRETS[5]!,
        METRICS: 'on',
        STATUS_INTERVAL_MS: '1000',
        ...archiveEnv(),
      },
      feed,
      (line) => lines.push(line),
    );
    const sub = await subscriber(broker.url, ['#'], { username: 'dashboard', password: SECRETS[1]! });
    cleanups.push(sub.close);
    // A session, a fault, a charger that goes away: every kind of message.
    const lastSession = { energyKwh: 9, durationSeconds: 3600, endedAt: new Date().toISOString(), stopReason: null };
    feed.emit(chargerSnapshot({ chargerId: 'platz-a', connectors: [connectorSnapshot({ kind: 'charging', session: { energyKwh: 8 } })] }));
    feed.emit(chargerSnapshot({ chargerId: 'platz-a', connectors: [connectorSnapshot({ kind: 'finished', lastSession })] }));
    feed.emit(chargerSnapshot({ chargerId: 'platz-a', connectors: [connectorSnapshot({ kind: 'fault', fault: { severity: 'fault', type: 'GroundFailure', text: null } })] }));
    feed.emit(chargerSnapshot({ chargerId: 'platz-a', reachable: false, problem: { code: 'charger_unreachable', message: 'connection refused', since: new Date(Date.now() - 3_600_000).toISOString() } }));
    await waitFor(() => receiver.requests.length >= 6 && sub.messages.filter((m) => m.topic.endsWith('/event')).length >= 3 && sub.messages.some((m) => m.topic.startsWith('homeassistant/')), 'every notification and the discovery');
    await fetch(`${on.url}/api/notifications/test`, { method: 'POST' });
    // Wrong credentials at the broker are logged too: without them.
    const texts = [
      ...sub.messages.map((m) => `${m.topic} ${m.payload}`),
      await (await fetch(`${on.url}/metrics`)).text(),
      await (await fetch(`${on.url}/api/health`)).text(),
      await (await fetch(`${on.url}/api/notifications`)).text(),
      await (await fetch(`${on.url}/api/chargers`)).text(),
      ...lines,
      // The receivers get their own token and topic (that is how ntfy works), nobody else's.
      ...receiver.requests.map((r) => r.body),
    ];
    expect(sub.messages.length).toBeGreaterThan(20);
    expect(lines.some((line) => line.startsWith('mqtt: connected'))).toBe(true);
    for (const secret of SECRETS) {
      const allowedIn = (text: string) => (secret === SECRETS[3] ? text.startsWith('{"topic"') : false);
      for (const text of texts) if (!allowedIn(text)) expect(text, `${secret} in ${text.slice(0, 120)}`).not.toContain(secret);
    }
  });
});
