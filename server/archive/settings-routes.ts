/**
 * GET and PUT /api/settings. The PUT is the server's only write: JSON only, from our own pages only
 * (Origin / Sec-Fetch-Site), validated. With ADMIN_PIN it needs the PIN (five wrong ones a minute
 * lock that client only); without one it is taken only from the server machine itself. GET tells
 * each client whether it may change them, and why not.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { settingsBodySchema, type ReadOnlyReason, type SettingsResponseWire } from '../../src/api/archive-schemas.ts';
import type { ArchiveProblem, ErrorCode } from '../../src/api/server-schemas.ts';
import type { ChargerZones } from '../charger-zones.ts';
import type { AdminCheck } from '../http/admin-check.ts';
import { isFromThisMachine } from '../http/local-client.ts';
import type { SettingsStore } from './settings.ts';

export const SETTINGS_URL = '/api/settings';

export interface SettingsRouteOptions {
  settings: SettingsStore;
  zones: ChargerZones;
  /** The configured chargers, in their order: the ones a zone can be set for. */
  chargerIds: readonly string[];
  /** False with ARCHIVE=off: there is nowhere to keep settings. */
  archiveOn: boolean;
  /** Whether the archive can take a write now (a damaged or read-only file cannot). */
  archiveWritable: () => boolean;
  /** Why the archive (switched on) could not be opened at all; null when it is open or off. */
  archiveUnavailable: ArchiveProblem | null;
  adminPin: string | null;
  sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply;
  /** Same origin, and the PIN or this machine: the check every write shares (`server/http/admin-check.ts`). */
  adminCheck: AdminCheck;
}

export function registerSettingsRoutes(app: FastifyInstance, options: SettingsRouteOptions): void {
  const { settings, zones, adminPin, sendError } = options;
  const known = new Set(options.chargerIds);

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
      writable: options.archiveOn && options.archiveUnavailable === null && options.archiveWritable(),
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
    const refusal = options.adminCheck(request, 'settings can be changed');
    if (refusal) return sendError(reply, refusal.code, refusal.message);
    const parsed = settingsBodySchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return sendError(reply, 'bad_request', issue.code === 'unrecognized_keys' ? `unexpected field "${(issue.keys[0] ?? '').slice(0, 60)}"` : `${field ? `${field}: ` : ''}${issue.message}`);
    }
    const unknown = Object.keys(parsed.data.timeZones ?? {}).find((id) => !known.has(id));
    if (unknown !== undefined) return sendError(reply, 'bad_request', `timeZones: no charger with id "${unknown.slice(0, 63)}"`);
    const saved = options.archiveUnavailable ? 'unavailable' : settings.save(parsed.data);
    if (saved === 'off') return sendError(reply, 'archive_off', 'settings are kept in the archive, which is switched off (ARCHIVE=off)');
    if (saved === 'full') return sendError(reply, 'archive_full', 'the archive’s disk is full; the settings were not saved');
    if (saved === 'read_only') return sendError(reply, 'archive_read_only', 'the archive cannot be written; the settings were not saved (see /api/health)');
    if (saved === 'unavailable') return sendError(reply, 'archive_unavailable', 'the archive cannot be used; the settings were not saved (see /api/health)');
    if (parsed.data.timeZones) zones.setOverrides(settings.timeZones());
    return json(reply, body(request));
  });
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
