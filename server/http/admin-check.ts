/**
 * The one check of the server's writes (`PUT /api/settings`, `POST /api/notifications/test`): the
 * request comes from one of this dashboard's own pages (Sec-Fetch-Site, Origin) and, with
 * `ADMIN_PIN`, carries it in `X-Admin-Pin`; wrong PINs lock every write for a minute after five.
 * Every write route asks this one function, so a change to the rule (the lockout, say) is made once.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ADMIN_PIN_HEADER } from '../../src/api/archive-schemas.ts';

/** Wrong PINs allowed per minute before every write waits out the minute. */
const PIN_ATTEMPTS_PER_MINUTE = 5;

/** Why the write is refused (a sentence for the `forbidden` answer), or null when it may go ahead. */
export type AdminCheck = (request: FastifyRequest, what: string) => string | null;

export function createAdminCheck(adminPin: string | null): AdminCheck {
  let wrongPins: number[] = [];
  return (request, what) => {
    const refusal = crossOrigin(request, what);
    if (refusal) return refusal;
    if (adminPin === null) return null;
    const now = Date.now();
    wrongPins = wrongPins.filter((t) => now - t < 60_000);
    if (wrongPins.length >= PIN_ATTEMPTS_PER_MINUTE) return 'too many wrong PINs; try again in a minute';
    const given = request.headers[ADMIN_PIN_HEADER];
    if (typeof given !== 'string' || !samePin(given, adminPin)) {
      wrongPins.push(now);
      return given === undefined ? 'the admin PIN is required (X-Admin-Pin)' : 'wrong admin PIN';
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
