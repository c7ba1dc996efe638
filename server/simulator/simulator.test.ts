import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseChargerTime, parseTimeSpan } from '../../contract/charger-parse.ts';
import { generalStatusSchema, loginResponseSchema, powerProfileSchema } from '../../contract/charger-schemas.ts';
import { chargingSessionPageSchema } from '../../contract/session-schemas.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator.ts';
import { bearer, getJson, login, profile, sessionPage, token, type Loose } from './test-client.ts';
import { ZoneClock } from './time-zone.ts';

const DAY = 86_400_000;
const STEP = 300_000;
/** A Thursday, 20:00 in Berlin: cars are home. */
const START = Date.parse('2025-11-20T19:00:00Z');
const SEED = 42;
const NET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

let sim: RunningSimulator;
let auth: string;
let base: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: SEED, chargers: 3, clockRate: 0, startTime: START, quiet: true, staticToken: 'static-secret' });
  base = sim.chargers[0]!.baseUrl;
  auth = await token(base, sim.email, sim.password);
});
afterAll(() => sim.close());

describe('login and bearer auth', () => {
  it('logs in with the form credentials and answers like the charger', async () => {
    const { status, body } = await login(sim.url, 'operator@example.com', 'simulator');
    expect(status).toBe(200);
    expect(loginResponseSchema.parse(body)).toMatchObject({ errorCode: 0, errorMessage: '' });
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.webOperator).toMatchObject({ email: 'operator@example.com' });
  });

  it('answers a wrong password with HTTP 200, errorCode and no token', async () => {
    const before = sim.stats().chargers.platz4!.failedLogins;
    const { status, body } = await login(base, sim.email, 'wrong');
    expect(status).toBe(200);
    expect(body.errorCode).not.toBe(0);
    expect(body.errorMessage).toMatch(/password/i);
    expect(body.token).toBeNull();
    expect(sim.stats().chargers.platz4!.failedLogins).toBe(before + 1);
  });

  it('refuses missing, unknown and other chargers\' tokens with 401', async () => {
    const missing = await fetch(`${base}/api/generalStatus/`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const unknown = await fetch(`${base}/api/generalStatus/`, { headers: bearer('nope') });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
    // Every wallbox has its own login.
    const other = await fetch(`${sim.chargers[1]!.baseUrl}/api/generalStatus/`, { headers: bearer(auth) });
    expect(other.status).toBe(401);
    const ok = await fetch(`${base}/api/generalStatus/`, { headers: bearer(auth) });
    expect(ok.status).toBe(200);
  });

  it('accepts the static token on every charger', async () => {
    for (const charger of sim.chargers) {
      const res = await fetch(`${charger.baseUrl}/api/generalStatus/`, { headers: bearer('static-secret') });
      expect(res.status).toBe(200);
    }
  });

  it('expires login tokens after tokenTtlMs', async () => {
    // Tokens expire by performance.now(): a fake one is moved past the TTL instead of waiting it out
    // (the simulator's server keeps its real timers).
    vi.useFakeTimers({ toFake: ['performance'] });
    const short = await startSimulator({ seed: 1, clockRate: 0, startTime: START, historyDays: 3, tokenTtlMs: 1500, quiet: true });
    try {
      const t = await token(short.url, short.email, short.password);
      vi.advanceTimersByTime(1499);
      expect((await fetch(`${short.url}/api/generalStatus`, { headers: bearer(t) })).status).toBe(200);
      vi.advanceTimersByTime(1);
      const expired = await fetch(`${short.url}/api/generalStatus`, { headers: bearer(t) });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toContain('expired');
      const again = await token(short.url, short.email, short.password);
      expect((await fetch(`${short.url}/api/generalStatus`, { headers: bearer(again) })).status).toBe(200);
      expect(short.stats().chargers.platz13!.logins).toBe(2);
    } finally {
      vi.useRealTimers();
      await short.close();
    }
  });
});

describe('routes', () => {
  it('serves the first charger at the root and under /c/<id>, with or without the slash', async () => {
    const a = await getJson(`${sim.url}/api/generalStatus/`, auth);
    const b = await getJson(`${sim.url}/api/generalStatus`, auth);
    const c = await getJson(`${base}/api/generalStatus/`, auth);
    const d = await getJson(`${sim.url}/api/GeneralStatus/`, auth);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(d).toEqual(a);
    expect(sim.chargers.map((x) => [x.id, x.name])).toEqual([['platz4', 'Platz 4'], ['platz5', 'Platz 5'], ['platz6', 'Platz 6']]);
    expect(sim.chargers[1]!.baseUrl).toBe(`${sim.url}/c/platz5`);
  });

  it('answers a wrong method with 405 and an Allow header, unknown paths with 404', async () => {
    const get = await fetch(`${base}/api/chargingSession/`, { headers: bearer(auth) });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const post = await fetch(`${base}/api/generalStatus/`, { method: 'POST', headers: bearer(auth) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect((await fetch(`${base}/api/webOperatorLogin/`)).status).toBe(405);
    expect((await fetch(`${base}/api/nothing/`, { headers: bearer(auth) })).status).toBe(404);
    expect((await fetch(`${sim.url}/c/platz99/api/generalStatus/`, { headers: bearer(auth) })).status).toBe(404);
  });
});

describe('request stats', () => {
  it('counts the body bytes of every answer per endpoint, as sent, refusals included', async () => {
    const other = sim.chargers[2]!;
    const before = sim.stats().chargers[other.id]!.bytes;
    const status = await fetch(`${other.baseUrl}/api/generalStatus/`, { headers: bearer('static-secret') });
    const statusText = await status.text();
    const refused = await fetch(`${other.baseUrl}/api/powerProfile/`);
    const refusedText = await refused.text();
    const after = sim.stats().chargers[other.id]!.bytes;
    expect(status.status).toBe(200);
    expect(after.generalStatus - before.generalStatus).toBe(Buffer.byteLength(statusText));
    expect(refused.status).toBe(401);
    expect(after.powerProfile - before.powerProfile).toBe(Buffer.byteLength(refusedText));
    expect(after.chargingSession).toBe(before.chargingSession);
  });
});

describe('generalStatus', () => {
  it('matches the contract and keeps the charger\'s quirks', async () => {
    const raw = await getJson(`${base}/api/generalStatus/`, auth);
    const status = generalStatusSchema.parse(raw);
    expect(status.evses).toHaveLength(1);
    const connector: Loose = raw.evses[0].connectors[0];
    expect(connector).toMatchObject({ connectorId: 1, type: 'CableType2', numberOfPhases: 'Three', hardwareMaxVoltage: 230 });
    expect(connector.hardwareMaxCurrent).toBeGreaterThanOrEqual(16);
    expect(connector.hardwareMaxCurrent).toBeLessThanOrEqual(32);
    expect(connector.onlineData.reserverdTime).toBe('0001-01-01T00:00:00');
    expect(parseTimeSpan(connector.onlineData.totalOperatingTme)).toBeGreaterThan(0);
    expect(connector.lastSession.chargingEndedTime).toMatch(NET_TIME);
    expect(raw.chargerTotalOperatingTime).toMatch(/^\d+\.\d{2}:\d{2}:\d{2}$/);
    expect(raw.powerManagement.cluster).toMatchObject({ isEnabled: true, allChargersConnected: true, maxCurrentL1: 25 });
    expect(raw.powerManagement.loadGuard).toMatchObject({ isInstalled: true, maxCurrentL1: 60 });
    expect(raw.wifi.linkQuality).toBeGreaterThan(50);
  });

  it('sums the garage into the cluster and puts it behind the building meter', async () => {
    const all = await Promise.all(sim.chargers.map(async (c) => getJson(`${c.baseUrl}/api/generalStatus/`, await token(c.baseUrl, sim.email, sim.password))));
    const sum = all.reduce((acc, s) => acc + s.evses[0].connectors[0].onlineData.power, 0);
    for (const s of all) {
      expect(s.powerManagement.cluster.totalPower).toBeCloseTo(sum, 2);
      expect(s.powerManagement.loadGuard.buildingTotalPower).toBeGreaterThan(sum + 0.2);
    }
    expect(sum).toBeLessThanOrEqual(25 * 0.69);
  });

  it('shows a running session in the live data and in the session list', async () => {
    // Pick a finished overnight session from the shared history, then start a simulator with the
    // same seed 40 minutes into it: determinism makes the past of one the present of the other.
    const page = await sessionPage(base, auth, { pageSize: '50', chargingSessionStopReason: 'LocalStopUserDisconnectedCableFromVehicle' });
    const picked = page.content.find(
      (s: Loose) => s.activeEnergyConsumed < 30 && parseChargerTime(s.vehicleDisconnectedTime)! - parseChargerTime(s.chargingStartedTime)! > 10 * 3_600_000,
    );
    expect(picked).toBeDefined();
    const started = parseChargerTime(picked.chargingStartedTime)!;
    const replay = await startSimulator({ seed: SEED, chargers: 3, clockRate: 0, startTime: started + 40 * 60_000, historyDays: 5, quiet: true });
    try {
      const t = await token(replay.url, replay.email, replay.password);
      const live: Loose = (await getJson(`${replay.url}/api/generalStatus/`, t)).evses[0].connectors[0];
      expect(live.onlineData.status).toBe('Charging');
      expect(live.onlineData.sessionId).toBe(picked.chargingSessionId);
      expect(live.onlineData.power).toBeGreaterThan(3.8);
      expect(live.onlineData.power).toBeLessThan(11.1);
      expect(live.onlineData.targetCurrent).toBeGreaterThanOrEqual(6);
      expect(live.onlineData.phase1Current).toBeGreaterThan(5);
      expect(live.onlineData.consumedEnergy).toBeGreaterThan(1);
      expect(live.onlineData.consumedEnergy).toBeLessThan(picked.activeEnergyConsumed);
      expect(parseTimeSpan(live.onlineData.chargingDuration)).toBeCloseTo(40 * 60, -1);

      const running: Loose = (await sessionPage(replay.url, t, { pageSize: '1' })).content[0];
      expect(running).toMatchObject({
        chargingSessionId: picked.chargingSessionId,
        chargingEndedTime: null,
        vehicleDisconnectedTime: null,
        chargingSessionStopReason: null,
        chargingSessionStatus: 'Charging',
        meterValueStart: picked.meterValueStart,
        chargingStartedTime: picked.chargingStartedTime,
      });
      expect(running.activeEnergyConsumed).toBeCloseTo(live.onlineData.consumedEnergy, 3);
      expect(running.meterValueEnd - running.meterValueStart).toBeCloseTo(running.activeEnergyConsumed * 1e6, -2);

      // Shortly before leaving in the morning the car is full and waits: SuspendedEV.
      const replayLate = await startSimulator({ seed: SEED, chargers: 3, clockRate: 0, startTime: parseChargerTime(picked.vehicleDisconnectedTime)! - 5 * 60_000, historyDays: 2, quiet: true });
      try {
        const late = (await getJson(`${replayLate.url}/api/generalStatus/`, await token(replayLate.url, replayLate.email, replayLate.password))).evses[0].connectors[0];
        expect(late.onlineData.status).toBe('SuspendedEV');
        expect(late.onlineData.power).toBe(0);
        expect(late.onlineData.consumedEnergy).toBeCloseTo(picked.activeEnergyConsumed, 4);
      } finally {
        await replayLate.close();
      }
    } finally {
      await replay.close();
    }
  });

  it('shows a forced connector state at once, and goes back to the model', async () => {
    const before = await getJson(`${sim.chargers[2]!.baseUrl}/api/generalStatus/`, 'static-secret');
    sim.setConnector('platz6', 1, { status: 'Charging', power: 7.4 });
    const forced = await getJson(`${sim.chargers[2]!.baseUrl}/api/generalStatus/`, 'static-secret');
    const data = forced.evses[0].connectors[0].onlineData;
    expect(data).toMatchObject({ status: 'Charging', power: 7.4 });
    expect(data.targetCurrent).toBeGreaterThanOrEqual(11);
    expect(data.phase1Current).toBeCloseTo(7.4 / 0.69, 0);
    const otherPower = before.powerManagement.cluster.totalPower - before.evses[0].connectors[0].onlineData.power;
    expect(forced.powerManagement.cluster.totalPower).toBeCloseTo(otherPower + 7.4, 2);
    const seenByNeighbour = await getJson(`${base}/api/generalStatus/`, auth);
    expect(seenByNeighbour.powerManagement.cluster.totalPower).toBeCloseTo(forced.powerManagement.cluster.totalPower, 2);

    sim.setConnector('platz6', 1, { status: 'Faulted' });
    const faulted = (await getJson(`${sim.chargers[2]!.baseUrl}/api/generalStatus/`, 'static-secret')).evses[0].connectors[0].onlineData;
    expect(faulted).toMatchObject({ status: 'Faulted', power: 0, faultEventType: 'GroundFailure' });

    sim.setConnector('platz6', 1, null);
    expect(await getJson(`${sim.chargers[2]!.baseUrl}/api/generalStatus/`, 'static-secret')).toEqual(before);
    expect(() => sim.setConnector('platz99', 1, null)).toThrow(/unknown charger/);
    expect(() => sim.setConnector('platz6', 2, null)).toThrow(/connectorId/);
  });
});

describe('chargingSession', () => {
  it('answers an empty form with the newest 100 sessions, matching the contract', async () => {
    const res = await fetch(`${base}/api/chargingSession/`, { method: 'POST', headers: bearer(auth) });
    expect(res.status).toBe(200);
    const raw: Loose = await res.json();
    const page = chargingSessionPageSchema.parse(raw);
    expect(page.content).toHaveLength(100);
    expect(page.pagingInfo.numOfRows).toBeGreaterThan(100);
    expect(page.pagingInfo.pageCount).toBe(Math.ceil(page.pagingInfo.numOfRows / 100));
    const starts = page.content.map((s) => s.chargingStartedTime!);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const first = raw.content[0];
    expect(first.vehicleConnectedTime).toMatch(NET_TIME);
    expect(raw.content.some((s: Loose) => /\.\d{7}Z$/.test(s.chargingStartedTime))).toBe(true);
    expect(raw.content.every((s: Loose) => s.chargingStartedTime <= new Date(START).toISOString())).toBe(true);
    const withUser = raw.content.find((s: Loose) => s.user);
    expect(Object.keys(withUser.user)).toEqual(expect.arrayContaining(['UserId', 'FirstName', 'LastName']));
    expect(withUser.userIdentification.identificationCode).toMatch(/^\d{8}$/);
    expect(raw.content.some((s: Loose) => s.user === null)).toBe(true);
    expect(raw.content.some((s: Loose) => s.chargingMode === null)).toBe(true);
    for (const s of raw.content) {
      if (s.chargingEndedTime === null) continue;
      expect(Math.abs(s.meterValueEnd - s.meterValueStart - s.activeEnergyConsumed * 1e6)).toBeLessThanOrEqual(10);
      const spent = (parseChargerTime(s.chargingEndedTime)! - parseChargerTime(s.chargingStartedTime)!) / 1000;
      expect(Math.abs(parseTimeSpan(s.timeSpentCharging)! - spent)).toBeLessThanOrEqual(1);
    }
  });

  it('holds at least 90 days of sessions', async () => {
    const page = await sessionPage(base, auth, { pageSize: '1000', orderDirection: 'Ascending' });
    const oldest = parseChargerTime(page.content[0].chargingStartedTime)!;
    expect(START - oldest).toBeGreaterThan(90 * DAY);
    expect(page.pagingInfo.numOfRows).toBeGreaterThan(90);
  });

  it('pages without gaps or overlaps', async () => {
    const all = await sessionPage(base, auth, { pageSize: '1000', orderByColumn: 'chargingSessionId', orderDirection: 'Ascending' });
    const ids: number[] = [];
    const pageCount = Math.ceil(all.pagingInfo.numOfRows / 7);
    for (let n = 1; n <= pageCount + 1; n++) {
      const page = await sessionPage(base, auth, { pageSize: '7', pageNumber: String(n), orderByColumn: 'chargingSessionId', orderDirection: 'Ascending' });
      expect(page.pagingInfo).toEqual({ numOfRows: all.pagingInfo.numOfRows, pageCount });
      if (n > pageCount) expect(page.content).toEqual([]);
      ids.push(...page.content.map((s: Loose) => s.chargingSessionId));
    }
    expect(ids).toEqual(all.content.map((s: Loose) => s.chargingSessionId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders by each of the charger\'s columns, both ways', async () => {
    const value: Record<string, (s: Loose) => number> = {
      chargingStartedTime: (s) => parseChargerTime(s.chargingStartedTime)!,
      chargingEndedTime: (s) => parseChargerTime(s.chargingEndedTime)!,
      activeEnergyConsumed: (s) => s.activeEnergyConsumed,
      timeSpentCharging: (s) => parseTimeSpan(s.timeSpentCharging)!,
      maxSessionPower: (s) => s.maxSessionPower,
      chargingSessionId: (s) => s.chargingSessionId,
    };
    for (const [column, get] of Object.entries(value)) {
      for (const direction of ['Ascending', 'Descending']) {
        const page = await sessionPage(base, auth, { pageSize: '60', orderByColumn: column, orderDirection: direction });
        const values = page.content.map(get);
        const sorted = [...values].sort((a, b) => (direction === 'Ascending' ? a - b : b - a));
        expect(values, `${column} ${direction}`).toEqual(sorted);
        expect(new Set(values).size).toBeGreaterThan(10);
      }
    }
  });

  it('filters by card, user, stop reason and identification type/source', async () => {
    const all = (await sessionPage(base, auth, { pageSize: '1000' })).content as Loose[];
    const card = all.find((s) => s.user?.LastName === 'Müller')!.identificationCode;
    const byCard = await sessionPage(base, auth, { pageSize: '1000', identificationCode: card });
    expect(byCard.content.length).toBe(all.filter((s) => s.identificationCode === card).length);
    expect(byCard.content.length).toBeGreaterThan(10);

    const byUser = await sessionPage(base, auth, { pageSize: '1000', userId: '3' });
    expect(byUser.content.length).toBe(all.filter((s) => s.userId === 3).length);
    expect(byUser.content.every((s: Loose) => s.user.UserId === 3 && s.user.LastName === 'Schäfer, "Lenchen"')).toBe(true);

    const reasons = new Set(all.map((s) => s.chargingSessionStopReason));
    expect(reasons.size).toBeGreaterThanOrEqual(3);
    for (const reason of reasons) {
      if (reason === null) continue;
      const page = await sessionPage(base, auth, { pageSize: '1000', chargingSessionStopReason: reason });
      expect(page.pagingInfo.numOfRows).toBe(all.filter((s) => s.chargingSessionStopReason === reason).length);
    }

    const rfid = await sessionPage(base, auth, { pageSize: '1000', identificationType: 'RfidCard', identificationSource: 'ChargerLocal' });
    expect(rfid.pagingInfo.numOfRows).toBe(all.filter((s) => s.userIdentification !== null).length);
    expect(rfid.pagingInfo.numOfRows).toBeLessThan(all.length);
    const none = await sessionPage(base, auth, { identificationType: 'Nfc' });
    expect(none.pagingInfo).toEqual({ numOfRows: 0, pageCount: 0 });
  });

  it('reads chargingStartedTimeFrom/To in its own zone (the client must ask a day wider)', async () => {
    const la = await startSimulator({ seed: 5, clockRate: 0, startTime: START, historyDays: 20, timeZone: 'America/Los_Angeles', quiet: true });
    try {
      const t = await token(la.url, la.email, la.password);
      const clock = new ZoneClock('America/Los_Angeles');
      // The first recent local day with an evening session (a household is away now and then);
      // an LA evening is the next UTC day.
      const eveningIn = (p: Loose, text: string) => p?.content.some((s: Loose) => s.chargingStartedTime.slice(0, 10) !== text);
      let dayText = '';
      let page: Loose = null;
      for (let back = 2; back < 15 && !eveningIn(page, dayText); back++) {
        dayText = new Date(START - back * DAY).toISOString().slice(0, 10);
        page = await sessionPage(la.url, t, { pageSize: '100', chargingStartedTimeFrom: `${dayText} 00:00:00`, chargingStartedTimeTo: `${dayText} 23:59:59` });
      }
      const day = Date.parse(`${dayText}T00:00:00Z`) / DAY;
      expect(page.content.length).toBeGreaterThan(0);
      expect(eveningIn(page, dayText)).toBe(true);
      for (const s of page.content) expect(clock.localDay(parseChargerTime(s.chargingStartedTime)!)).toBe(day);
      // The UTC reading of the same text would select other sessions.
      const all = (await sessionPage(la.url, t, { pageSize: '1000' })).content as Loose[];
      const utcDay = all.filter((s) => s.chargingStartedTime.slice(0, 10) === dayText).map((s) => s.chargingSessionId);
      expect(page.content.map((s: Loose) => s.chargingSessionId).sort()).not.toEqual(utcDay.sort());
      // With an explicit zone the instant is taken as given.
      const zoned = await sessionPage(la.url, t, { pageSize: '100', chargingStartedTimeFrom: `${dayText}T00:00:00Z`, chargingStartedTimeTo: `${dayText}T23:59:59Z` });
      expect(zoned.content.map((s: Loose) => s.chargingSessionId).sort()).toEqual(utcDay);
    } finally {
      await la.close();
    }
  });

  it('reads multipart forms, refuses JSON bodies and malformed fields', async () => {
    const form = new FormData();
    form.set('pageSize', '3');
    form.set('orderDirection', 'Ascending');
    const multipart = await fetch(`${base}/api/chargingSession/`, { method: 'POST', headers: bearer(auth), body: form });
    expect(multipart.status).toBe(200);
    const page: Loose = await multipart.json();
    expect(page.content).toHaveLength(3);
    expect(page.content[0].chargingSessionId).toBeLessThan(page.content[2].chargingSessionId);

    const json = await fetch(`${base}/api/chargingSession/`, { method: 'POST', headers: { ...bearer(auth), 'content-type': 'application/json' }, body: '{"pageSize":3}' });
    expect(json.status).toBe(415);
    const bad = await fetch(`${base}/api/chargingSession/`, { method: 'POST', headers: bearer(auth), body: new URLSearchParams({ pageSize: 'ten', chargingStartedTimeFrom: 'yesterday' }) });
    expect(bad.status).toBe(400);
    const problem: Loose = await bad.json();
    expect(problem.title).toMatch(/validation/);
    expect(Object.keys(problem.errors).sort()).toEqual(['chargingStartedTimeFrom', 'pageSize']);
  });
});

describe('powerProfile', () => {
  it('gives 5-minute points of the asked measures, never beyond now', async () => {
    const from = START - DAY + 12_345;
    const points = await profile(base, auth, from, START + DAY, 'connector1,cluster');
    expect(powerProfileSchema.parse(points)).toHaveLength(points.length);
    expect(points.length).toBeGreaterThan(270);
    expect(points.length).toBeLessThanOrEqual(288);
    for (const p of points) {
      expect(Object.keys(p)).toEqual(['time', 'connector1', 'cluster']);
      expect(p.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d[05]:00\+00:00$/);
      const t = Date.parse(p.time);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t + STEP).toBeLessThanOrEqual(START);
      expect(p.cluster).toBeGreaterThanOrEqual(p.connector1 - 1e-4);
    }
    expect(Date.parse(points.at(-1).time)).toBe(START - STEP);
  });

  it('adds the three chargers into the cluster and the cluster into the building', async () => {
    const from = START - 2 * DAY;
    const profiles = await Promise.all(sim.chargers.map((c) => profile(c.baseUrl, 'static-secret', from, START)));
    const byTime = profiles.map((points) => new Map(points.map((p: Loose) => [p.time, p])));
    let compared = 0;
    for (const p of profiles[0]!) {
      const others = byTime.map((m) => m.get(p.time) as Loose);
      if (others.some((o) => !o)) continue;
      const sum = others.reduce((acc, o) => acc + o.connector1, 0);
      expect(p.cluster).toBeCloseTo(sum, 3);
      expect(p.building).toBeGreaterThan(p.cluster + 0.2);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
    expect(profiles[0]!.some((p: Loose) => p.cluster > 12)).toBe(true);
  });

  it('covers the whole history with a few short reboot gaps', async () => {
    const recent = await profile(base, auth, START - 14 * DAY, START, 'building');
    const expected = (14 * DAY) / STEP;
    expect(recent.length).toBeGreaterThan(expected * 0.97);
    expect(recent.length).toBeLessThan(expected);
    let gaps = 0;
    for (let i = 1; i < recent.length; i++) {
      const missing = (Date.parse(recent[i].time) - Date.parse(recent[i - 1].time)) / STEP - 1;
      if (missing > 0) {
        gaps++;
        expect(missing).toBeGreaterThanOrEqual(3);
        expect(missing).toBeLessThanOrEqual(6);
      }
    }
    expect(gaps).toBeGreaterThanOrEqual(1);
    const old = await profile(base, auth, START - 118 * DAY, START - 117 * DAY, 'building');
    expect(old.length).toBeGreaterThan(250);
    const beforeHistory = await profile(base, auth, START - 200 * DAY, START - 199 * DAY, 'building');
    expect(beforeHistory).toEqual([]);
  });

  it('integrates to each session\'s energy', async () => {
    const from = START - 14 * DAY;
    const points = await profile(base, auth, from, START, 'connector1');
    const sessions = (await sessionPage(base, auth, { pageSize: '100' })).content.filter(
      (s: Loose) => s.chargingEndedTime !== null && parseChargerTime(s.vehicleConnectedTime)! > from,
    );
    expect(sessions.length).toBeGreaterThan(8);
    for (const s of sessions) {
      const startStep = Math.floor(parseChargerTime(s.chargingStartedTime)! / STEP) * STEP;
      const end = parseChargerTime(s.chargingEndedTime)!;
      const kwh = points
        .filter((p) => Date.parse(p.time) >= startStep && Date.parse(p.time) < end)
        .reduce((acc, p) => acc + (p.connector1 * 5) / 60, 0);
      expect(Math.abs(kwh - s.activeEnergyConsumed), `session ${s.chargingSessionId}`).toBeLessThan(0.002);
    }
  });

  it('includes the point stamped exactly toTime by default (inclusive)', async () => {
    const to = START - 3_600_000;
    const points = await profile(base, auth, to - 3_600_000, to, 'connector1');
    expect(points).toHaveLength(13);
    expect(Date.parse(points.at(-1).time)).toBe(to);
    // A toTime between two steps gives the same answer in both modes.
    expect(await profile(base, auth, to - 3_600_000, to + 1, 'connector1')).toEqual(points);
  });

  it('rejects missing or malformed times like ASP.NET', async () => {
    const res = await fetch(`${base}/api/powerProfile/?fromTime=soon&measure=building`, { headers: bearer(auth) });
    expect(res.status).toBe(400);
    const problem: Loose = await res.json();
    expect(Object.keys(problem.errors).sort()).toEqual(['fromTime', 'toTime']);
  });
});

describe('powerProfile with profileToTime: exclusive', () => {
  it('leaves out the point stamped exactly toTime, for every charger or the ones named', async () => {
    const all = await startSimulator({ seed: SEED, clockRate: 0, startTime: START, quiet: true, staticToken: 'static-secret', profileToTime: 'exclusive' });
    const named = await startSimulator({ seed: SEED, chargers: 2, clockRate: 0, startTime: START, quiet: true, staticToken: 'static-secret', profileToTime: { platz5: 'exclusive' } });
    try {
      const to = START - 3_600_000;
      const from = to - 3_600_000;
      const points = await profile(all.url, 'static-secret', from, to, 'connector1');
      expect(points).toHaveLength(12);
      expect(Date.parse(points.at(-1).time)).toBe(to - STEP);
      expect(Date.parse(points[0].time)).toBe(from);
      // Between two steps: the same points as inclusive.
      const between = await profile(all.url, 'static-secret', from, to + 1, 'connector1');
      expect(between).toHaveLength(13);
      expect(Date.parse(between.at(-1).time)).toBe(to);

      const [inclusive, exclusive] = await Promise.all(named.chargers.map((c) => profile(c.baseUrl, 'static-secret', from, to, 'connector1')));
      expect(inclusive).toHaveLength(13);
      expect(exclusive).toHaveLength(12);
      const state: Loose = await (await fetch(`${named.url}/_sim/state`)).json();
      expect(state.chargers.map((c: Loose) => c.profileToTime)).toEqual(['inclusive', 'exclusive']);
    } finally {
      await Promise.all([all.close(), named.close()]);
    }
  });

  it('refuses an unknown mode or charger at start', async () => {
    await expect(startSimulator({ quiet: true, profileToTime: 'sometimes' as never })).rejects.toThrow(/inclusive.*exclusive/);
    await expect(startSimulator({ quiet: true, profileToTime: { platz99: 'exclusive' } })).rejects.toThrow(/unknown charger "platz99"/);
  });
});

describe('determinism', () => {
  it('gives the same answers for the same seed and sim time, different ones for another seed', async () => {
    const twin = await startSimulator({ seed: SEED, chargers: 3, clockRate: 0, startTime: START, quiet: true });
    const other = await startSimulator({ seed: SEED + 1, chargers: 3, clockRate: 0, startTime: START, quiet: true });
    try {
      const read = async (s: RunningSimulator) => {
        const t = await token(s.url, s.email, s.password);
        return {
          status: await getJson(`${s.url}/api/generalStatus/`, t),
          sessions: await sessionPage(s.url, t, { pageSize: '200' }),
          profile: await profile(s.url, t, START - 3 * DAY, START),
        };
      };
      const [mine, theirs, another] = await Promise.all([read(sim), read(twin), read(other)]);
      expect(theirs).toEqual(mine);
      expect(another.sessions).not.toEqual(mine.sessions);
      expect(another.profile).not.toEqual(mine.profile);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
  it('stays deterministic with every variety option, and a shorter history agrees on ids and meters', async () => {
    const variety: SimulatorOptions = {
      seed: SEED,
      clockRate: 0,
      startTime: START,
      quiet: true,
      staticToken: 'static-secret',
      connectorsPerCharger: 2,
      connectorNumbering: 'evse',
      statusNames: 'etrel',
      unknownStatus: 60,
      outages: [{ daysAgo: 100, days: 10 }, { daysAgo: 12, days: 3 }],
      heavyMonths: [{ monthsAgo: 4 }, { monthsAgo: 1, factor: 3 }],
      sessionsWithoutStart: 0.2,
      sessionsWithUnknownEnergy: 0.2,
    };
    const [long, again, short] = await Promise.all([
      startSimulator({ ...variety, historyDays: 200 }),
      startSimulator({ ...variety, historyDays: 200 }),
      startSimulator({ ...variety, historyDays: 30 }),
    ]);
    try {
      const read = async (s: RunningSimulator) => ({
        status: await getJson(`${s.url}/api/generalStatus/`, 'static-secret'),
        sessions: (await sessionPage(s.url, 'static-secret', { pageSize: '1000' })).content as Loose[],
        profile: await profile(s.url, 'static-secret', START - 20 * DAY, START, ''),
      });
      const [a, b, c] = await Promise.all([read(long), read(again), read(short)]);
      expect(b).toEqual(a);
      expect(c.status).toEqual(a.status);
      expect(c.profile).toEqual(a.profile);
      // The short history's sessions are the long one's newest, with the same ids and meter readings.
      expect(c.sessions.length).toBeGreaterThan(20);
      expect(c.sessions).toEqual(a.sessions.slice(0, c.sessions.length));
    } finally {
      await Promise.all([long.close(), again.close(), short.close()]);
    }
  });
});
