/**
 * A charger with a history the test writes: sessions as the charger's JSON, and 5-minute power
 * from a function. It answers the session form the way the charger does (a window of charging
 * starts, paged, newest first) and the power profile per window, can refuse chosen windows, and
 * keeps every form and query it was sent. In process (`client`, for the archive's own tests) or
 * over HTTP (`serve()`, for our server).
 */
import recorded from '../../contract/fixtures/charging-session.json' with { type: 'json' };
import { parseFilterTime } from '../../contract/charger-parse.ts';
import { UpstreamError } from '../charger/upstream-error.ts';
import type { HistoryClient } from '../archive/charger-reader.ts';
import { startRecordingCharger, RECORDED_TOKEN, type RecordingCharger } from './recording-charger.ts';

const SLOT_MS = 300_000;

export interface HistoryChargerOptions {
  /** Charging starts (epoch ms) of the sessions, one session each, 3 hours and 20 kWh long. */
  sessionStarts?: readonly number[];
  /** kW per series of the slot starting at `t`, or null when the charger has no point there. */
  power?: (t: number) => Record<string, number> | null;
  /** The charger's clock: a slot's point exists once the slot has ended and `pointDelayMs` passed. */
  now: () => number;
  pointDelayMs?: number;
}

export interface HistoryCharger {
  client: HistoryClient;
  /** Every session form sent, in order. */
  sessionForms: Array<Record<string, string>>;
  /** Every power window asked, in order (epoch ms). */
  powerWindows: Array<{ from: number; to: number }>;
  /** Windows for which `refuse` answers true fail as the request's own fault (HTTP 500). */
  refuse: (kind: 'session' | 'power', from: number, to: number) => boolean;
  /** While true, every request fails as an unreachable charger. */
  down: boolean;
  /** The same charger over HTTP with a static token (RECORDED_TOKEN). */
  serve(): Promise<RecordingCharger>;
}

export function sessionJson(id: number, startedMs: number): Record<string, unknown> {
  const base = recorded.content[0]!;
  const ended = startedMs + 3 * 3_600_000;
  return {
    ...base,
    chargingSessionId: id,
    vehicleConnectedTime: new Date(startedMs - 2_000).toISOString(),
    chargingStartedTime: new Date(startedMs).toISOString(),
    chargingEndedTime: new Date(ended).toISOString(),
    vehicleDisconnectedTime: new Date(ended + 60_000).toISOString(),
    timeSpentCharging: '03:01:02',
    meterValueStart: id * 20_000_000,
    meterValueEnd: id * 20_000_000 + 20_000_000,
    activeEnergyConsumed: 20,
  };
}

export function startHistoryCharger(options: HistoryChargerOptions): HistoryCharger {
  const sessions = (options.sessionStarts ?? []).map((started, i) => ({ id: i + 1, started }));
  const delay = options.pointDelayMs ?? 0;

  function sessionPage(form: Record<string, string>): unknown {
    const from = form.chargingStartedTimeFrom ? parseFilterTime(form.chargingStartedTimeFrom) : null;
    const to = form.chargingStartedTimeTo ? parseFilterTime(form.chargingStartedTimeTo) : null;
    const size = Number(form.pageSize || 100);
    const page = Number(form.pageNumber || 1);
    const now = options.now();
    const matching = sessions
      .filter((s) => s.started <= now && (from === null || s.started >= from) && (to === null || s.started <= to))
      .sort((a, b) => (form.orderDirection === 'Ascending' ? a.started - b.started : b.started - a.started));
    const content = matching.slice((page - 1) * size, page * size).map((s) => sessionJson(s.id, s.started));
    return { errorCode: 0, errorMessage: '', content, pagingInfo: { numOfRows: matching.length, pageCount: Math.ceil(matching.length / size) } };
  }

  function profile(query: Record<string, string>): unknown[] {
    const from = Date.parse(query.fromTime ?? '');
    const to = Date.parse(query.toTime ?? '');
    const now = options.now();
    const points: unknown[] = [];
    for (let t = Math.ceil(from / SLOT_MS) * SLOT_MS; t <= to; t += SLOT_MS) {
      if (t + SLOT_MS + delay > now) break;
      const values = options.power?.(t);
      if (values) points.push({ time: new Date(t).toISOString().replace('.000Z', '+00:00'), ...values });
    }
    return points;
  }

  const charger: HistoryCharger = {
    sessionForms: [],
    powerWindows: [],
    refuse: () => false,
    down: false,
    client: {
      chargingSession(form) {
        charger.sessionForms.push({ ...form });
        if (charger.down) return Promise.reject(new UpstreamError('charger_unreachable', 'connection refused', 'test', 'charger'));
        const from = parseFilterTime(form.chargingStartedTimeFrom ?? '') ?? Number.NEGATIVE_INFINITY;
        const to = parseFilterTime(form.chargingStartedTimeTo ?? '') ?? Number.POSITIVE_INFINITY;
        if (charger.refuse('session', from, to)) return Promise.reject(new UpstreamError('charger_bad_response', 'the charger answered HTTP 500', 'test', 'request'));
        return Promise.resolve(JSON.stringify(sessionPage(form)));
      },
      powerProfile(query) {
        const window = { from: Date.parse(query.fromTime ?? ''), to: Date.parse(query.toTime ?? '') };
        charger.powerWindows.push(window);
        if (charger.down) return Promise.reject(new UpstreamError('charger_unreachable', 'connection refused', 'test', 'charger'));
        if (charger.refuse('power', window.from, window.to)) return Promise.reject(new UpstreamError('charger_bad_response', 'the charger answered HTTP 500', 'test', 'request'));
        return Promise.resolve(JSON.stringify(profile(query)));
      },
    },
    async serve() {
      const http = await startRecordingCharger();
      const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const authorized = (headers: import('node:http').IncomingHttpHeaders) => headers.authorization === `Bearer ${RECORDED_TOKEN}`;
      http.override('/api/chargingSession/', (request, res) => {
        if (!authorized(request.headers)) return json(res, 401, { message: 'Unauthorized' });
        const form = Object.fromEntries(new URLSearchParams(request.body));
        charger.sessionForms.push(form);
        if (charger.down) return void res.socket?.destroy();
        const from = parseFilterTime(form.chargingStartedTimeFrom ?? '') ?? Number.NEGATIVE_INFINITY;
        const to = parseFilterTime(form.chargingStartedTimeTo ?? '') ?? Number.POSITIVE_INFINITY;
        if (charger.refuse('session', from, to)) return json(res, 500, { message: 'refused' });
        json(res, 200, sessionPage(form));
      });
      http.override('/api/powerProfile/', (request, res) => {
        if (!authorized(request.headers)) return json(res, 401, { message: 'Unauthorized' });
        const query = Object.fromEntries(new URL(request.url, 'http://charger').searchParams);
        const window = { from: Date.parse(query.fromTime ?? ''), to: Date.parse(query.toTime ?? '') };
        charger.powerWindows.push(window);
        if (charger.down) return void res.socket?.destroy();
        if (charger.refuse('power', window.from, window.to)) return json(res, 500, { message: 'refused' });
        json(res, 200, profile(query));
      });
      return http;
    },
  };
  return charger;
}
