/**
 * GET and PUT /api/settings. The PUT is the server's only write: JSON only, from our own pages only
 * (Origin / Sec-Fetch-Site), validated. With ADMIN_PIN it needs the PIN (five wrong ones a minute
 * lock that client only); without one it is taken only from the server machine itself. GET tells
 * each client whether it may change them, and why not.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_PIN_HEADER, settingsBodySchema, type ReadOnlyReason, type SettingsResponseWire } from '../../src/api/archive-schemas.ts';
import type { ErrorCode } from '../../src/api/server-schemas.ts';
import type { ChargerZones } from '../charger-zones.ts';
import { isFromThisMachine } from '../http/local-client.ts';
import { createPinLockout, type PinLockout } from '../http/pin-lockout.ts';
import type { SettingsStore } from './settings.ts';

export const SETTINGS_URL = '/api/settings';

export interface SettingsRouteOptions {
  settings: SettingsStore;
  zones: ChargerZones;
  /** The configured chargers, in their order: the ones a zone can be set for. */
  chargerIds: readonly string[];
  /** False with ARCHIVE=off: there is nowhere to keep settings. */
  archiveOn: boolean;
  adminPin: string | null;
  sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply;
  /** Counts wrong PINs per client (tests give one with their own clock). */
  pinLockout?: PinLockout;
}

export function registerSettingsRoutes(app: FastifyInstance, options: SettingsRouteOptions): void {
  const { settings, zones, adminPin, sendError } = options;
  const known = new Set(options.chargerIds);
  const lockout = options.pinLockout ?? createPinLockout();

  const readOnlyReason = (request: FastifyRequest): ReadOnlyReason | null => {
    if (!options.archiveOn) return 'archive_off';
    if (adminPin === null && !isFromThisMachine(request)) return 'local_only';
    return null;
  };

  const body = (request: FastifyRequest): SettingsResponseWire => {
    const reason = readOnlyReason(request);
    const unset = zones.unsetOnUtcServer();
    return {
      ...settings.get(),
      pinRequired: adminPin !== null,
      writable: options.archiveOn,
      writableFromHere: reason === null,
      readOnlyReason: reason,
      timeZones: Object.fromEntries(options.chargerIds.map((id) => [id, zones.zoneOf(id)])),
      serverTimeZone: zones.serverZone,
      zoneWarning: unset.length > 0 ? { code: 'server_utc_zone_unset', chargerIds: unset } : null,
    };
  };

  const json = (reply: FastifyReply, value: unknown) => reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(value);

  app.get(SETTINGS_URL, async (request, reply) => {
    if (Object.keys(request.query as object).length > 0) return sendError(reply, 'bad_request', 'unexpected query parameter');
    return json(reply, body(request));
  });

  app.put(SETTINGS_URL, { bodyLimit: 4096 }, async (request, reply) => {
    const refusal = crossOrigin(request);
    if (refusal) return sendError(reply, 'forbidden', refusal);
    if (adminPin === null) {
      if (!isFromThisMachine(request)) {
        return sendError(reply, 'local_only', 'without ADMIN_PIN, settings can be changed only on the server machine itself; set ADMIN_PIN to change them from other screens');
      }
    } else {
      if (lockout.locked(request.ip)) return sendError(reply, 'forbidden', 'too many wrong PINs from this screen; try again in a minute');
      const given = request.headers[ADMIN_PIN_HEADER];
      if (typeof given !== 'string' || !samePin(given, adminPin)) {
        lockout.failed(request.ip);
        return sendError(reply, 'forbidden', given === undefined ? 'the admin PIN is required (X-Admin-Pin)' : 'wrong admin PIN');
      }
    }
    const parsed = settingsBodySchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return sendError(reply, 'bad_request', issue.code === 'unrecognized_keys' ? `unexpected field "${(issue.keys[0] ?? '').slice(0, 60)}"` : `${field ? `${field}: ` : ''}${issue.message}`);
    }
    const unknown = Object.keys(parsed.data.timeZones ?? {}).find((id) => !known.has(id));
    if (unknown !== undefined) return sendError(reply, 'bad_request', `timeZones: no charger with id "${unknown.slice(0, 63)}"`);
    const saved = settings.save(parsed.data);
    if (saved === 'off') return sendError(reply, 'archive_off', 'settings are kept in the archive, which is switched off (ARCHIVE=off)');
    if (saved === 'full') return sendError(reply, 'archive_full', 'the archive’s disk is full; the settings were not saved');
    if (parsed.data.timeZones) zones.setOverrides(settings.timeZones());
    return json(reply, body(request));
  });
}

/**
 * Why a PUT is not from one of our own pages, or null. Browsers send Sec-Fetch-Site and Origin
 * with every PUT; a page elsewhere cannot forge either. A request with neither is not from a
 * browser (curl on the server), which no web page can make.
 */
function crossOrigin(request: FastifyRequest): string | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `settings can only be changed from this dashboard's own pages (Sec-Fetch-Site: ${String(site).slice(0, 40)})`;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== request.headers.host) return `settings can only be changed from this dashboard's own pages (Origin: ${origin.slice(0, 80)})`;
  }
  return null;
}

function samePin(given: string, expected: string): boolean {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(hash(given), hash(expected));
}

/** Whether `request` is the one request that may carry a body. */
export function isSettingsWrite(request: FastifyRequest): boolean {
  return request.method === 'PUT' && request.url.split('?')[0]?.replace(/\/+$/, '') === SETTINGS_URL;
}

/** JSON only: the one body we accept. */
export function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/json\s*(;|$)/i.test(type);
}
