/**
 * The one check of the server's writes (`PUT /api/settings`, `POST /api/notifications/test`): the
 * request comes from one of this dashboard's own pages (Sec-Fetch-Site, Origin); with `ADMIN_PIN`
 * it carries the PIN in `X-Admin-Pin` (five wrong ones a minute lock that client only,
 * pin-lockout.ts); without one it is taken only from the server machine itself (local-client.ts).
 * Every write route asks this one function, so a change to the rule is made once.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ADMIN_PIN_HEADER } from '../../src/api/archive-schemas.ts';
import { isFromThisMachine } from './local-client.ts';
import { createPinLockout, type PinLockout } from './pin-lockout.ts';

/** Why a write is refused: `local_only` (no PIN set, and not this machine) or `forbidden`. */
export interface Refusal {
  code: 'forbidden' | 'local_only';
  message: string;
}

/** The refusal of a write (`what` names it in the sentence: "settings can be changed"), or null when it may go ahead. */
export type AdminCheck = (request: FastifyRequest, what: string) => Refusal | null;

export function createAdminCheck(adminPin: string | null, lockout: PinLockout = createPinLockout()): AdminCheck {
  return (request, what) => {
    const foreign = crossOrigin(request, what);
    if (foreign) return { code: 'forbidden', message: foreign };
    if (adminPin === null) {
      if (isFromThisMachine(request)) return null;
      return { code: 'local_only', message: `without ADMIN_PIN, ${what} only on the server machine itself; set ADMIN_PIN to allow it from other screens` };
    }
    if (lockout.locked(request.ip)) return { code: 'forbidden', message: 'too many wrong PINs from this screen; try again in a minute' };
    const given = request.headers[ADMIN_PIN_HEADER];
    if (typeof given !== 'string' || !samePin(given, adminPin)) {
      lockout.failed(request.ip);
      return { code: 'forbidden', message: given === undefined ? 'the admin PIN is required (X-Admin-Pin)' : 'wrong admin PIN' };
    }
    return null;
  };
}

/**
 * Why a write is not from one of our own pages, or null. Browsers send Sec-Fetch-Site and Origin
 * with every PUT and POST; a page elsewhere cannot forge either. A request with neither is not
 * from a browser (curl on the server), which no web page can make.
 */
function crossOrigin(request: FastifyRequest, what: string): string | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `${what} only from this dashboard's own pages (Sec-Fetch-Site: ${String(site).slice(0, 40)})`;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== request.headers.host) return `${what} only from this dashboard's own pages (Origin: ${origin.slice(0, 80)})`;
  }
  return null;
}

function samePin(given: string, expected: string): boolean {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(hash(given), hash(expected));
}
