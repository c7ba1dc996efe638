/**
 * Reliability: hundreds of malformed requests against our server, in front of the embedded
 * simulator. Every answer must be a 4xx JSON error, never a 5xx; the process must stay up; and
 * none of them may reach the charger. Deterministic: the cases come from a seeded generator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from './simulator/random.ts';
import { startServer, type RunningServer } from './start.ts';
import { rawExchange, type RawResponse } from './test-support/raw-http.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { SIMULATOR_CHARGERS: '2', SIMULATOR_SEED: '3' }, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});


interface FuzzCase {
  label: string;
  request: string | Buffer;
}

const ROUTES = ['generalStatus', 'chargingSession', 'powerProfile'];
const ODD_STRINGS = [
  '',
  ' ',
  '%00',
  '%ff%fe',
  '..',
  '%2e%2e',
  '%252e%252e',
  '..%2f..%2f',
  '....//',
  '%c0%ae%c0%ae',
  'platz13%00',
  'PLATZ13',
  'platz13 ',
  'platz13%20',
  '\u00e4\u00f6\u00fc',
  '%F0%9F%94%8C',
  '<script>alert(1)</script>',
  "'; DROP TABLE sessions;--",
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'http:%2f%2fevil.example',
  '%2f%2fevil.example',
  '\\\\evil.example',
  'a'.repeat(300),
  'x'.repeat(3000),
  '-1',
  'NaN',
  '1e309',
  '[]',
  '{}',
];
/** Values each session-filter field must refuse (a repeated field is refused too). */
const BAD_FILTER_VALUES: Record<string, string[]> = {
  pageSize: ['0', '-1', '1.5', '1e6', '1001', 'abc', '', '\u0000', 'x'.repeat(2000), '📅'],
  pageNumber: ['0', '-1', 'abc', '1.5', '9999999', 'null'],
  orderByColumn: ['password', '', 'abc', '1', '__proto__', 'chargingStartedTime;DROP'],
  orderDirection: ['Up', 'asc', '', 'DESC', 'undefined'],
  chargingStartedTimeFrom: ['2022-10-05', 'yesterday', '2022-10-05T00:00:00', '', '2022-10-05 00:00', '2022-13-45 99:99:99', '2022-02-30 00:00:00'],
  chargingStartedTimeTo: ['now', '2022-10-05T23:59:59Z', '2022-10-32 00:00:00', '0001-01-01 25:00:00'],
  userId: ['abc', '-1', '1.5', '12345678901', '[object Object]'],
  identificationCode: ['<script>', 'a b', 'x'.repeat(65), '\u0000', "'; DROP TABLE x;--", '📅'],
  chargingSessionStopReason: ['a b', '<x>', 'x'.repeat(129), '../../etc'],
  identificationType: ['Rfid Card', '<x>', 'x'.repeat(65)],
  identificationSource: ['a/b', '%', 'x'.repeat(65)],
};
const METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'FOO'];

function httpRequest(method: string, target: string, headers: string[] = [], body = ''): string {
  return [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers, '', body].join('\r\n');
}

function generateCases(count: number): FuzzCase[] {
  const random = mulberry32(20261127);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const validId = () => pick(server.config.chargers).id;
  const generators: Array<() => FuzzCase> = [
    () => {
      const id = pick(ODD_STRINGS);
      return { label: 'unknown charger id', request: httpRequest('GET', `/api/chargers/${id}/${pick(ROUTES)}`) };
    },
    () => {
      const target = pick([
        `/api/chargers/${validId()}/../../_sim/state`,
        `/api/chargers/${validId()}/%2e%2e/%2e%2e/_sim/state`,
        `/api/chargers/%2e%2e/_sim/faults`,
        `/api/..%2f_sim/state`,
        `/api/chargers/${validId()}/generalStatus/../../../../etc/passwd`,
        `/%2e%2e/%2e%2e/etc/passwd`,
        `/../../../etc/passwd`,
        `//evil.example/api/chargers/${validId()}/generalStatus`,
        `/api/chargers/${validId()}//generalStatus`,
        `/api/chargers/${validId()}/generalStatus%2f..%2f..%2fwebOperatorLogin`,
        `/api/chargers/${validId()}/webOperatorLogin`,
        `/api/webOperatorLogin/`,
        `/api/generalStatus/`,
        `/api/chargers/${validId()}/api/generalStatus`,
        `/_sim/faults`,
        `/api/chargers/${validId()}/_sim/state`,
        `/api/chargers/${validId()}/${pick(ROUTES)}/extra`,
        `/api/chargers/${validId()}`,
        `/api/chargers/${validId()}/`,
        `/api/${pick(ODD_STRINGS)}`,
      ]);
      return { label: 'path traversal or unknown route', request: httpRequest('GET', target) };
    },
    () => {
      const [field, values] = pick(Object.entries(BAD_FILTER_VALUES));
      const value = encodeURIComponent(pick(values));
      const q = random() < 0.2 ? `pageSize=10&${field}=${value}&${field}=${value}` : `${field}=${value}`;
      return { label: `bad session filter ${field}`, request: httpRequest('GET', `/api/chargers/${validId()}/chargingSession?${q}`) };
    },
    () => {
      const from = pick(['2022-10-08T00:00:00Z', 'yesterday', '', '2022-10-08', '2022-02-30T00:00:00Z', '1e12', '2022-10-08T00:00:00']);
      const to = pick(['2022-10-07T00:00:00Z', '2023-12-31T00:00:00Z', 'now', '', '2022-10-08T00:00:00Z']);
      const measure = pick(['connector1,../../etc', 'building;cluster', 'connector0', 'connector100', 'cluster,' + 'building,'.repeat(40), '', '*', 'connector1%00']);
      const parts = [`fromTime=${encodeURIComponent(from)}`, `toTime=${encodeURIComponent(to)}`, `measure=${encodeURIComponent(measure)}`].filter(() => random() < 0.85);
      return { label: 'bad power-profile query', request: httpRequest('GET', `/api/chargers/${validId()}/powerProfile?${parts.join('&')}`) };
    },
    () => {
      const key = pick(['x', 'url', 'host', 'target', 'charger', '__proto__', 'constructor[prototype][x]', 'callback', pick(ODD_STRINGS) || 'k']);
      return { label: 'unexpected query parameter', request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus?${encodeURIComponent(key)}=1`) };
    },
    () => {
      const path = pick(['/api/chargers', '/api/health', `/api/chargers/${validId()}/${pick(ROUTES)}`]);
      return { label: 'wrong method', request: httpRequest(pick(METHODS), path, ['Content-Length: 0']) };
    },
    () => {
      const body = pick(['{}', '{"url":"http://evil.example"}', 'email=a&password=b', 'x'.repeat(5000)]);
      const type = pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']);
      return {
        label: 'request with a body',
        request: httpRequest(pick(['GET', 'POST']), `/api/chargers/${validId()}/${pick(ROUTES)}`, [`Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`], body),
      };
    },
    () => ({
      label: 'chunked body',
      request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus`, ['Transfer-Encoding: chunked'], '5\r\nhello\r\n0\r\n\r\n'),
    }),
    () => ({ label: 'huge header', request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus`, [`X-Padding: ${'a'.repeat(20_000 + Math.floor(random() * 50_000))}`]) }),
    () => ({ label: 'many headers', request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus`, Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${i}`)) }),
    () => ({ label: 'invalid header name', request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus`, [pick(['Bad Header: x', 'X-(): y', 'X-Null\u0000: z', ': empty-name'])]) }),
    () => ({
      label: 'conflicting lengths',
      request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus`, ['Content-Length: 5', 'Content-Length: 6'], 'hello!'),
    }),
    () => ({
      label: 'smuggling attempt',
      request: httpRequest('GET', `/api/chargers/${validId()}/generalStatus`, ['Content-Length: 4', 'Transfer-Encoding: chunked'], '0\r\n\r\nGET /_sim/state HTTP/1.1\r\nHost: x\r\n\r\n'),
    }),
    () => ({
      label: 'malformed request line',
      request: pick([
        'GARBAGE\r\n\r\n',
        `GET /api/chargers/${validId()}/generalStatus HTTP/9.9\r\nHost: x\r\n\r\n`,
        'GET\r\n\r\n',
        `GET /api/chargers HTTP/1.1 extra\r\nHost: x\r\n\r\n`,
        '\u0000\u0001\u0002\r\n\r\n',
        `GET http://evil.example/_sim/state HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
        `GET http://127.0.0.1/api/chargers/${validId()}/webOperatorLogin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        `GET /api/chargers/${validId()}/generalStatus?${'a=1&'.repeat(2000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        `GET /api/chargers/${validId()}/gen\u00e9ralStatus HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ]),
    }),
  ];
  return Array.from({ length: count }, () => pick(generators)());
}

function expectJsonClientError(response: RawResponse, label: string): void {
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers['content-type'], label).toMatch(/application\/json/);
  const body = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, label).toBe('string');
  expect(typeof body.error?.message, label).toBe('string');
}

describe('fuzz', () => {
  it('answers 600 malformed requests with 4xx JSON, stays up, and forwards none of them', async () => {
    const sim = server.simulator!;
    sim.resetStats();
    const cases = generateCases(600);
    const labels = new Map<string, number>();
    const everything: string[] = [];
    // Small batches: concurrent enough to shake out races, gentle enough for a 2-core CI box.
    for (let i = 0; i < cases.length; i += 10) {
      const batch = cases.slice(i, i + 10);
      const responses = await Promise.all(
        batch.map((c) =>
          rawExchange(server.port, c.request).catch((error: Error) => {
            throw new Error(`${c.label}: ${JSON.stringify(String(c.request).slice(0, 160))}: ${error.message}`);
          }),
        ),
      );
      responses.forEach((response, j) => {
        const { label } = batch[j]!;
        labels.set(label, (labels.get(label) ?? 0) + 1);
        everything.push(JSON.stringify(response));
        expectJsonClientError(response, `${label}: ${String(batch[j]!.request).slice(0, 120)}`);
      });
    }
    // Every category was exercised.
    expect(labels.size).toBeGreaterThanOrEqual(14);
    // The charger never saw any of it.
    expect(sim.stats().totalRequests).toBe(0);
    // No answer carried the charger's credentials (the embedded simulator's login).
    const login = server.config.chargers[0]!.auth;
    expect(login.kind).toBe('login');
    if (login.kind === 'login') {
      for (const text of everything) {
        expect(text).not.toContain(login.password);
        expect(text).not.toContain(login.email);
        expect(text).not.toMatch(/bearer/i);
      }
    }
    // And the server is still up and correct.
    const ok = await fetch(`${server.url}/api/chargers/${server.config.chargers[0]!.id}/generalStatus`);
    expect(ok.status).toBe(200);
  });
});
