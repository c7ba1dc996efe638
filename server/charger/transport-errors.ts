/**
 * The table of network, timeout and TLS failures: which of our error codes each becomes, with a
 * message people can act on, and whether it is the charger's trouble or one request's.
 */
import { UpstreamError, type FailureScope } from './upstream-error.ts';

/** Certificate checks that CHARGER_INSECURE_TLS turns off (Node's and OpenSSL's codes). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Failures to make a connection at all: the charger (or its network) is in trouble. */
const CONNECT_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'the charger refused the connection',
  ENOTFOUND: 'the charger’s host name could not be resolved',
  EAI_AGAIN: 'the charger’s host name could not be resolved',
  EHOSTUNREACH: 'the charger’s network cannot be reached',
  ENETUNREACH: 'the charger’s network cannot be reached',
  EHOSTDOWN: 'the charger’s network cannot be reached',
  ENETDOWN: 'the charger’s network cannot be reached',
  EADDRNOTAVAIL: 'the charger’s network cannot be reached',
  ETIMEDOUT: 'the connection to the charger timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the charger did not accept a connection in time (is it on and on the network?)',
};

/**
 * A connection that was made and then closed under a request. For the status or the login that
 * is the charger's trouble; for a history query it may be that query (a charger that drops the
 * connection on one range), so it answers only that request and the status call judges the rest.
 */
const CLOSED_MESSAGES: Record<string, string> = {
  ECONNRESET: 'the charger closed the connection',
  ECONNABORTED: 'the charger closed the connection',
  EPIPE: 'the charger closed the connection',
  UND_ERR_SOCKET: 'the charger closed the connection',
  UND_ERR_CLOSED: 'the charger closed the connection',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the charger closed the connection in the middle of its answer',
};

export interface FailureScopes {
  /** Scope of a timeout and of a connection closed under the request. */
  ownScope: FailureScope;
  timeoutMs: number;
}

/**
 * Maps a failed exchange onto our error codes. Anything not in the table is returned unchanged:
 * it is not the charger's fault but ours, and must surface as a logged 500 rather than pause
 * the charger.
 */
export function upstreamFailure(error: unknown, chargerId: string, { ownScope, timeoutMs }: FailureScopes): unknown {
  if (error instanceof UpstreamError) return error;
  const err = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const own = typeof err?.code === 'string' ? err.code : '';
  const code = own || (typeof err?.cause?.code === 'string' ? err.cause.code : '');
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new UpstreamError('charger_timeout', `the charger did not answer within ${timeoutMs / 1000} s`, chargerId, ownScope);
  }
  if (CERTIFICATE_CODES.has(code)) {
    return new UpstreamError('charger_unreachable', `the charger’s TLS certificate is not trusted (${code}); for a self-signed certificate set CHARGER_INSECURE_TLS=true`, chargerId, 'charger');
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return new UpstreamError('charger_unreachable', `TLS handshake with the charger failed (${code}); check whether its URL should start with http:// or https://`, chargerId, 'charger');
  }
  const connect = CONNECT_MESSAGES[code];
  if (connect) return new UpstreamError('charger_unreachable', connect, chargerId, 'charger');
  const closed = CLOSED_MESSAGES[code];
  return closed ? new UpstreamError('charger_unreachable', closed, chargerId, ownScope) : error;
}

/** A charger behind a redirect (typically http → https) answers every call with it. */
export function redirectMessage(status: number, location: string | undefined, baseUrl: string): string {
  let target: URL | null = null;
  try {
    target = location ? new URL(location, baseUrl) : null;
  } catch {
    // An unparseable Location: say what we know.
  }
  if (!target) return `the charger redirects (HTTP ${status}) without saying where; check the charger URL`;
  if (target.protocol === 'https:' && baseUrl.startsWith('http:')) {
    return `the charger redirects to https (HTTP ${status}); use ${target.origin} as the charger URL (and CHARGER_INSECURE_TLS=true if its certificate is self-signed)`;
  }
  // Origin and path only: a query could carry anything.
  return `the charger redirects to ${target.origin}${target.pathname} (HTTP ${status}); use the address it redirects to as the charger URL`;
}
