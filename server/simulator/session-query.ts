/**
 * chargingSession's form: the filter, order and paging fields read the way ASP.NET model binding
 * reads them, and the page of sessions that answers them.
 */
import type { ChargingSessionPageWire } from '../../contract/session-schemas.ts';
import type { ChargerSpec } from './chargers-and-households.ts';
import type { ConnectorNumbering } from './charger-styles.ts';
import type { GarageModel, SessionLive } from './garage.ts';
import { NEVER_STARTED, STARTED } from './history-variety.ts';
import { STOP_REASONS, USER_GUEST_CARD } from './household-day.ts';
import { sessionJson, type SessionJson } from './session-json.ts';
import { DAY_MS, type ZoneClock } from './time-zone.ts';

export interface SessionQuery {
  pageSize: number;
  pageNumber: number;
  orderByColumn: string;
  descending: boolean;
  from: number | null;
  to: number | null;
  identificationSource: string;
  identificationType: string;
  chargingSessionStopReason: string;
  identificationCode: string;
  userId: string;
}


const FILTER_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A filter time the way the charger reads it: without a zone, in the charger's local zone (the
 * quirk our client works around by asking a day wider); with `Z` or an offset, as that instant.
 */
export function parseFilterTimeLocal(text: string, clock: ZoneClock): number | null {
  const match = FILTER_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const dayMs = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const check = new Date(dayMs);
  if (Number.isNaN(dayMs) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  const msOfDay = (Number(h ?? 0) * 3600 + Number(mi ?? 0) * 60 + Number(s ?? 0)) * 1000;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone === 'Z' ? '0000' : zone.slice(1).replace(':', '');
    return dayMs + msOfDay - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return clock.toUtc(dayMs / DAY_MS, msOfDay);
}

/** Reads the session form; field names are case-insensitive, as in ASP.NET model binding. */
export function parseSessionForm(form: Record<string, string>, clock: ZoneClock): { query: SessionQuery } | { errors: Record<string, string[]> } {
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(form)) fields.set(key.toLowerCase(), String(value).trim());
  const get = (name: string) => fields.get(name.toLowerCase()) ?? '';
  const errors: Record<string, string[]> = {};
  const integer = (name: string, fallback: number) => {
    const text = get(name);
    if (text === '') return fallback;
    if (!/^\d{1,9}$/.test(text)) {
      errors[name] = [`The value '${text}' is not valid for ${name}.`];
      return fallback;
    }
    const value = Number(text);
    return value >= 1 ? value : fallback;
  };
  const time = (name: string) => {
    const text = get(name);
    if (text === '') return null;
    const ms = parseFilterTimeLocal(text, clock);
    if (ms === null) errors[name] = [`The value '${text}' is not valid for ${name}.`];
    return ms;
  };
  const direction = get('orderDirection').toLowerCase();
  const query: SessionQuery = {
    pageSize: integer('pageSize', 100),
    pageNumber: integer('pageNumber', 1),
    orderByColumn: get('orderByColumn'),
    descending: direction !== 'ascending' && direction !== 'asc',
    from: time('chargingStartedTimeFrom'),
    to: time('chargingStartedTimeTo'),
    identificationSource: get('identificationSource'),
    identificationType: get('identificationType'),
    chargingSessionStopReason: get('chargingSessionStopReason'),
    identificationCode: get('identificationCode'),
    userId: get('userId'),
  };
  if (query.userId !== '' && !/^\d{1,9}$/.test(query.userId)) errors.userId = [`The value '${query.userId}' is not valid for userId.`];
  return Object.keys(errors).length > 0 ? { errors } : { query };
}

/**
 * What the date filter and the start order read: the start, or for a session without one, the
 * plug-in. How the real charger treats a session without a start there is not known; reading
 * the plug-in keeps such a session in the window its day belongs to, where a client that always
 * asks with dates can find it.
 */
function startOrPlugIn(model: GarageModel, i: number): number {
  return model.store.startless[i] === STARTED ? model.store.started[i]! : model.store.connected[i]!;
}

const ORDER_KEYS: Record<string, (model: GarageModel, i: number, live: SessionLive, now: number) => number | null> = {
  chargingstartedtime: (m, i) => startOrPlugIn(m, i),
  chargingendedtime: (m, i, live) => (live.running ? null : m.store.chargingEnded[i]!),
  activeenergyconsumed: (m, i, live) => (m.store.energyUnknown[i] === 1 ? null : live.energyKWh),
  timespentcharging: (m, i, live, now) => (m.store.startless[i] === NEVER_STARTED ? 0 : (live.running ? now : m.store.chargingEnded[i]!) - m.store.started[i]!),
  maxsessionpower: (_m, _i, live) => live.maxPowerKW,
  chargingsessionid: (m, i) => m.store.id[i]!,
};

export function sessionPageJson(
  model: GarageModel,
  charger: ChargerSpec,
  now: number,
  query: SessionQuery,
  numbering: ConnectorNumbering = 'charger',
): ChargingSessionPageWire & { content: SessionJson[] } {
  model.ensureIndexed(now);
  const store = model.store;
  const lives = new Map<number, SessionLive>();
  const liveOf = (i: number) => {
    let live = lives.get(i);
    if (!live) {
      live = model.sessionLive(i, now);
      lives.set(i, live);
    }
    return live;
  };
  const matches: number[] = [];
  for (const i of model.byCharger[charger.index]!) {
    // Listed once charging started; one that never started once the charger closed it.
    if ((store.startless[i] === NEVER_STARTED ? store.chargingEnded[i]! : store.started[i]!) > now) continue;
    const started = startOrPlugIn(model, i);
    if (query.from !== null && started < query.from) continue;
    if (query.to !== null && started > query.to) continue;
    const userIndex = store.user[i]!;
    const user = userIndex >= 0 ? charger.users[userIndex] : undefined;
    const card = user ?? (userIndex === USER_GUEST_CARD ? charger.guestCard : undefined);
    if (query.identificationCode !== '' && card?.identificationCode !== query.identificationCode) continue;
    if (query.userId !== '' && String(user?.userId ?? '') !== String(Number(query.userId))) continue;
    if (query.identificationType !== '' && (!card || query.identificationType.toLowerCase() !== 'rfidcard')) continue;
    if (query.identificationSource !== '' && (!card || query.identificationSource.toLowerCase() !== 'chargerlocal')) continue;
    if (query.chargingSessionStopReason !== '') {
      if (liveOf(i).running || STOP_REASONS[store.stopReason[i]!] !== query.chargingSessionStopReason) continue;
    }
    matches.push(i);
  }
  const key = ORDER_KEYS[query.orderByColumn.toLowerCase()] ?? ORDER_KEYS.chargingstartedtime!;
  const sign = query.descending ? -1 : 1;
  const keyed = matches.map((i) => ({ i, k: key(model, i, liveOf(i), now), id: store.id[i]! }));
  keyed.sort((a, b) => {
    // SQL Server's order: NULL sorts first ascending and last descending.
    if (a.k === null || b.k === null) {
      if (a.k === b.k) return sign * (a.id - b.id);
      return (a.k === null ? -1 : 1) * sign;
    }
    return sign * (a.k - b.k || a.id - b.id);
  });
  const numOfRows = keyed.length;
  const pageCount = Math.ceil(numOfRows / query.pageSize);
  const first = (query.pageNumber - 1) * query.pageSize;
  const content = keyed.slice(first, first + query.pageSize).map(({ i }) => sessionJson(model, charger, i, now, liveOf(i), numbering));
  return { errorCode: 0, errorMessage: '', content, pagingInfo: { numOfRows, pageCount } };
}
