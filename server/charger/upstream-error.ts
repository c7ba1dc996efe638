/**
 * The failures of a charger call, and what each one says is broken. Shared by every part of the
 * charger client and by the routes that turn a failure into an error answer.
 */
import type { ErrorCode } from '../../src/api/server-schemas.ts';

export type UpstreamErrorCode = Extract<ErrorCode, `charger_${string}`>;

/**
 * What a failure says is broken, and so what waits before the next attempt (docs/architecture.md,
 * "Charger client"):
 * - `charger`: the charger itself (a connection cannot be made, the status or the login times
 *   out): every call waits.
 * - `login`: our credentials, as judged by the status call or the login: every call waits.
 * - `request`: this request alone (its filter or range is refused, its answer is bad or slow):
 *   only the identical request waits; nothing else does.
 */
export type FailureScope = 'charger' | 'login' | 'request';

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly chargerId: string,
    readonly scope: FailureScope,
  ) {
    super(message);
  }
}

export type Endpoint = 'generalStatus' | 'chargingSession' | 'powerProfile';
export const ENDPOINTS: readonly Endpoint[] = ['generalStatus', 'chargingSession', 'powerProfile'];

/** History calls carry a client's own content (a filter, a range) and wait behind the status. */
export function isHistory(endpoint: Endpoint | 'login'): boolean {
  return endpoint === 'chargingSession' || endpoint === 'powerProfile';
}
