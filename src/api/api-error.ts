/**
 * The one error type components see. `kind` says where it went wrong, which decides what the
 * user is told: our server unreachable, the charger failing behind it, or an answer we cannot read.
 */
export type ApiErrorKind =
  /** Our server could not be reached (tablet offline, server restarting). */
  | 'network'
  /** Our server answered with an error (`code` is one of `ERROR_CODES` in server-schemas.ts). */
  | 'server'
  /** The answer arrived but did not have the expected shape (`message` names the field). */
  | 'parse'
  /** Not sent at all: this page may not write (a kiosk display, `code` `kiosk`). */
  | 'refused';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** Server error code (`charger_unreachable`, …), `network` or `parse`. */
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly chargerId?: string,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
