/**
 * Some chargers answer over HTTPS with a self-signed certificate. By default we refuse it with a
 * message that names the fix; with CHARGER_INSECURE_TLS=true we accept it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start.ts';
import { RECORDED_TOKEN, startRecordingCharger, type RecordingCharger } from './test-support/recording-charger.ts';

let charger: RecordingCharger;
const servers: RunningServer[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inch-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=platz13.local', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  charger = await startRecordingCharger({ key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await charger.close();
});

async function statusVia(insecure: boolean) {
  const server = await startServer({
    env: { CHARGER_URL: charger.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13', CHARGER_INSECURE_TLS: insecure ? 'true' : '' },
    port: 0,
    host: '127.0.0.1',
  });
  servers.push(server);
  const response = await fetch(`${server.url}/api/chargers/platz13/generalStatus`);
  return { status: response.status, body: await response.json() };
}

describe('a charger with a self-signed certificate', () => {
  it('is refused by default, with a message naming CHARGER_INSECURE_TLS', async () => {
    const { status, body } = await statusVia(false);
    expect(status).toBe(502);
    expect(body.error).toMatchObject({ code: 'charger_unreachable', message: expect.stringContaining('CHARGER_INSECURE_TLS') });
  });

  it('is accepted with CHARGER_INSECURE_TLS=true', async () => {
    const { status, body } = await statusVia(true);
    expect(status).toBe(200);
    expect(body.evses[0].connectors[0].connectorId).toBe(1);
  });
});
