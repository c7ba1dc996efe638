/**
 * A charger in Zurich served by a server whose own zone is UTC (Docker, a Raspberry Pi): its days,
 * for power and for sessions, end at Zurich's midnights, and a zone chosen on the settings screen
 * applies to the reads after it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import recordedSessions from '../../contract/fixtures/charging-session.json' with { type: 'json' };
import { chargersResponseSchema } from '../../src/api/server-schemas.ts';
import { powerResponseSchema, sessionsResponseSchema, settingsResponseSchema } from '../../src/api/archive-schemas.ts';
import { startServer, type RunningServer } from '../start.ts';
import { RECORDED_TOKEN, startRecordingCharger, type RecordingCharger } from '../test-support/recording-charger.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const template = recordedSessions.content[0]!;
/** A finished session of 10 kWh starting at `startIso`. */
function session(id: number, startIso: string) {
  const start = Date.parse(startIso);
  const iso = (ms: number) => new Date(ms).toISOString();
  return { ...template, chargingSessionId: id, vehicleConnectedTime: iso(start - 60_000), chargingStartedTime: iso(start), chargingEndedTime: iso(start + 3_600_000), vehicleDisconnectedTime: iso(start + 3_660_000), activeEnergyConsumed: 10 };
}
// 00:30 on 10 March in Zurich, still the 9th in UTC; and 00:30 on 11 March in Zurich, the 10th in UTC.
const ZURICH_TENTH = session(1, '2024-03-09T23:30:00Z');
const UTC_TENTH = session(2, '2024-03-10T23:30:00Z');

let charger: RecordingCharger;
let server: RunningServer;
const temp = temporaryArchive();
const previousTz = process.env.TZ;

beforeAll(async () => {
  // This process runs in UTC, as the server in the container would.
  process.env.TZ = 'UTC';
  expect(new Date(Date.parse('2024-03-09T23:30:00Z')).getDate()).toBe(9);
  charger = await startRecordingCharger();
  charger.override('/api/chargingSession/', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errorCode: 0, errorMessage: '', content: [UTC_TENTH, ZURICH_TENTH], pagingInfo: { numOfRows: 2, pageCount: 1 } }));
  });
  // A flat 1 kW on connector 1 at every 5-minute slot asked for.
  charger.override('/api/powerProfile/', (request, response) => {
    const query = new URL(request.url, 'http://charger').searchParams;
    const points = [];
    for (let t = Math.ceil(Date.parse(query.get('fromTime')!) / 300_000) * 300_000; t <= Date.parse(query.get('toTime')!); t += 300_000) {
      points.push({ time: new Date(t).toISOString(), connector1: 1, building: 1, cluster: 0 });
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(points));
  });
  const chargersFile = join(temp.dir, 'chargers.json');
  writeFileSync(chargersFile, JSON.stringify([{ id: 'zurich', url: charger.url, token: RECORDED_TOKEN, timeZone: 'Europe/Zurich' }]));
  server = await startServer({ env: { CHARGERS_FILE: chargersFile, ARCHIVE_PATH: temp.path }, serverTimeZone: 'UTC', archiveOptions: { fill: false }, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await charger?.close();
  temp.remove();
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

const get = async (path: string) => (await fetch(`${server.url}${path}`)).json();
const put = (body: unknown) =>
  fetch(`${server.url}/api/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(body) });

/** 31 March (23 h: summer time starts) and 1 April, Zurich midnight to Zurich midnight. */
const DAYS = '/api/chargers/zurich/power?from=2024-03-30T23:00:00Z&to=2024-04-01T22:00:00Z&step=1d';
const dailyOf = async () => {
  const answer = powerResponseSchema.parse(await get(DAYS));
  return answer.points.map((p) => [new Date(p.time).toISOString(), p.energyKWh.connector1]);
};
const sessionIdsOn = async (day: string) => sessionsResponseSchema.parse(await get(`/api/chargers/zurich/sessions?from=${day}&to=${day}`)).sessions.map((s) => s.id);

describe('a charger in Zurich on a server in UTC', () => {
  it('is listed with its zone', async () => {
    const chargers = chargersResponseSchema.parse(await get('/api/chargers')).chargers;
    expect(chargers).toEqual([{ id: 'zurich', name: expect.any(String), simulated: false, timeZone: 'Europe/Zurich' }]);
    expect(server.zones.zoneOf('zurich')).toEqual({ zone: 'Europe/Zurich', source: 'file' });
  });

  it('gets daily power cut at Zurich midnights, a 23-hour day included', async () => {
    expect(await dailyOf()).toEqual([
      ['2024-03-30T23:00:00.000Z', 23],
      ['2024-03-31T22:00:00.000Z', 24],
    ]);
  });

  it('gets the sessions of a Zurich day, not of the UTC day', async () => {
    expect(await sessionIdsOn('2024-03-10')).toEqual([ZURICH_TENTH.chargingSessionId]);
  });

  it('follows a zone chosen on the settings screen from the next read on, and its configuration again once it is removed', async () => {
    expect((await put({ timeZones: { zurich: 'UTC' } })).status).toBe(200);
    const settings = settingsResponseSchema.parse(await get('/api/settings'));
    expect(settings.timeZones).toEqual({ zurich: { zone: 'UTC', source: 'settings' } });
    expect(chargersResponseSchema.parse(await get('/api/chargers')).chargers[0]!.timeZone).toBe('UTC');
    expect(await sessionIdsOn('2024-03-10')).toEqual([UTC_TENTH.chargingSessionId]);
    expect(await dailyOf()).toEqual([
      ['2024-03-30T23:00:00.000Z', 1],
      ['2024-03-31T00:00:00.000Z', 24],
      ['2024-04-01T00:00:00.000Z', 22],
    ]);

    expect((await put({ timeZones: { zurich: null } })).status).toBe(200);
    expect(server.zones.zoneOf('zurich')).toEqual({ zone: 'Europe/Zurich', source: 'file' });
    expect(await sessionIdsOn('2024-03-10')).toEqual([ZURICH_TENTH.chargingSessionId]);
    expect(await dailyOf()).toEqual([
      ['2024-03-30T23:00:00.000Z', 23],
      ['2024-03-31T22:00:00.000Z', 24],
    ]);
  });
});
