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
/** Signed by a CA of its own that we do not know (a vendor's or the installer's). */
let privateCaCharger: RecordingCharger;
const servers: RunningServer[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inch-tls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  const file = (name: string) => join(dir, name);
  const read = (name: string) => readFileSync(file(name), 'utf8');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=platz13.local', '-keyout', file('key.pem'), '-out', file('cert.pem'));
  charger = await startRecordingCharger({ key: read('key.pem'), cert: read('cert.pem') });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Wallbox Vendor CA', '-keyout', file('ca-key.pem'), '-out', file('ca.pem'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=platz14.local', '-keyout', file('leaf-key.pem'), '-out', file('leaf.csr'));
  openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial', '-days', '2', '-out', file('leaf.pem'));
  privateCaCharger = await startRecordingCharger({ key: read('leaf-key.pem'), cert: read('leaf.pem') });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await charger.close();
  await privateCaCharger.close();
});

async function statusVia(insecure: boolean, target = charger) {
  const server = await startServer({
    env: { CHARGER_URL: target.url, CHARGER_TOKEN: RECORDED_TOKEN, CHARGER_NAME: 'platz13', CHARGER_INSECURE_TLS: insecure ? 'true' : '' },
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

  it('signed by an unknown CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE) gets the same hint, and is accepted with it', async () => {
    const refused = await statusVia(false, privateCaCharger);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'charger_unreachable', message: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE.*CHARGER_INSECURE_TLS=true/) });
    expect((await statusVia(true, privateCaCharger)).status).toBe(200);
  });

  it('is accepted with CHARGER_INSECURE_TLS=true', async () => {
    const { status, body } = await statusVia(true);
    expect(status).toBe(200);
    expect(body.evses[0].connectors[0].connectorId).toBe(1);
  });
});
