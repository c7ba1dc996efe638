/**
 * What the client knows about a charger's failures: the last one per endpoint and of the
 * connection, for /api/health, and the log lines, written only when something changes.
 */
import { ENDPOINTS, type Endpoint, type UpstreamError } from './upstream-error.ts';

interface ErrorInfo {
  code: string;
  message: string;
}

export interface ChargerHealth {
  id: string;
  /** Whether we can reach and talk to the charger: its status call and the connection. */
  reachable: boolean;
  /** Last successful upstream call of any endpoint. */
  lastOkAt: string | null;
  /** The connection's or the status call's failure; null while the status is answered. */
  lastError: ErrorInfo | null;
  /** Only when some endpoint's last call failed: its failure. */
  endpointErrors?: Partial<Record<Endpoint, ErrorInfo>>;
}

export class FailureRecord {
  /** Each endpoint whose last real attempt failed, with that failure. */
  private readonly endpointErrors = new Map<Endpoint, UpstreamError>();
  /** The last charger-level failure, until the charger answers again. */
  private chargerError: UpstreamError | null = null;
  private lastOkAt: number | null = null;
  /** What was last logged per scope ('charger', 'login', or an endpoint): only changes are logged. */
  private readonly logged = new Map<string, string>();

  constructor(
    private readonly chargerId: string,
    private readonly now: () => number,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  succeeded(endpoint: Endpoint): void {
    this.lastOkAt = this.now();
    this.chargerError = null;
    this.endpointErrors.delete(endpoint);
    const recovered = ['charger', 'login', endpoint].filter((key) => this.logged.delete(key));
    if (recovered.length > 0) this.log?.(`charger ${this.chargerId}: ${endpoint}: answering again`);
  }

  /** `pause`: how long calls now wait (null: a pause was already running, or none). */
  failed(endpoint: Endpoint, error: UpstreamError, pause: number | null): void {
    this.endpointErrors.set(endpoint, error);
    if (error.scope === 'charger') this.chargerError = error;
    // An answer, even a refusal, shows the charger is there; a slow or dropped query shows nothing.
    else if (error.code === 'charger_bad_response' || error.code === 'charger_auth_failed') this.chargerError = null;

    // Changes are logged, repeats are not: a wrong password must not write a line per poll for weeks.
    const key = error.scope === 'request' ? endpoint : error.scope;
    const text = `${error.code}: ${error.message}`;
    if (this.logged.get(key) === text) return;
    this.logged.set(key, text);
    const seconds = pause === null ? 0 : Math.max(1, Math.round(pause / 1000));
    const waits = pause === null ? '' : ` (${error.scope === 'request' ? 'this request' : 'every call'} waits ${seconds} s; repeats are not logged)`;
    this.log?.(`charger ${this.chargerId}: ${endpoint}: ${text}${waits}`);
  }

  health(): ChargerHealth {
    const statusError = this.chargerError ?? this.endpointErrors.get('generalStatus') ?? null;
    const endpointErrors: Partial<Record<Endpoint, ErrorInfo>> = {};
    for (const endpoint of ENDPOINTS) {
      const error = this.endpointErrors.get(endpoint);
      if (error) endpointErrors[endpoint] = { code: error.code, message: error.message };
    }
    return {
      id: this.chargerId,
      // A charger that refuses our login or sends a bad status still answers: it is reachable,
      // just not usable. One slow history query says nothing about reaching it.
      reachable: statusError ? statusError.scope !== 'charger' : this.lastOkAt !== null,
      lastOkAt: this.lastOkAt === null ? null : new Date(this.lastOkAt).toISOString(),
      lastError: statusError ? { code: statusError.code, message: statusError.message } : null,
      ...(this.endpointErrors.size > 0 ? { endpointErrors } : {}),
    };
  }
}
