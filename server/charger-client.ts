/**
 * One charger's upstream client: authentication, single-flight, short caches, timeouts and
 * back-off. The charger is a small embedded web server; everything here exists so that ten tablets
 * and a flaky Wi-Fi link cost it no more than one careful client would.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { loginResponseSchema } from '../src/api/charger-schemas.ts';
import type { ChargerInfo, ErrorCode } from '../src/api/server-schemas.ts';
import type { ChargerConfig } from './config.ts';

export type UpstreamErrorCode = Extract<ErrorCode, `charger_${string}`>;

/**
 * What a failure says is broken, and so what waits before the next attempt (docs/decisions.md,
 * "Back-off on a failing charger"): the whole charger, our login, or one endpoint.
 */
export type FailureScope = 'charger' | 'login' | 'endpoint';

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
const ENDPOINTS: readonly Endpoint[] = ['generalStatus', 'chargingSession', 'powerProfile'];

export interface ClientOptions {
  /** Per upstream request, counted from when it is sent (not while it waits for a connection). */
  timeoutMs: number;
  statusTtlMs: number;
  /** TTL of power-profile answers, shared between identical requests. */
  profileTtlMs?: number;
  /** Longest pause after repeated failures before the next real attempt. */
  maxBackoffMs?: number;
  /** Longest pause after a refused login or token. */
  maxLoginBackoffMs?: number;
  /** Connections per charger; the charger's web server is small. */
  connections?: number;
  log?: (line: string) => void;
  now?: () => number;
}

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
  /** Beyond DESIGN §3's shape, only when some endpoint's last call failed: its failure. */
  endpointErrors?: Partial<Record<Endpoint, ErrorInfo>>;
}

interface CacheEntry {
  at: number;
  body: string;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const CACHE_ENTRIES = 64;

export class ChargerClient {
  readonly id: string;
  /** What /api/chargers shows of this charger. */
  readonly info: ChargerInfo;
  private readonly dispatcher: Dispatcher;
  private readonly inflight = new Map<string, Promise<string>>();
  /** Insertion-ordered, so the oldest entry is evicted first; bounded by CACHE_ENTRIES. */
  private readonly cache = new Map<string, CacheEntry>();
  private token: string | null;
  /**
   * The token of the last login until the charger first accepts it. A 401 for it means the
   * charger refuses the tokens it issues, and logging in again would only repeat that; a 401 for
   * a token that worked before means it expired.
   */
  private unprovenToken: string | null = null;
  private loginInFlight: Promise<string> | null = null;
  /** Connection failures, and timeouts of the status or the login: every call waits. */
  private readonly transportBackoff: Backoff;
  /** A refused login or token: no call is sent until it is over, so never a login storm. */
  private readonly loginBackoff: Backoff;
  /** Bad answers, and slow history queries, say nothing about the other endpoints. */
  private readonly endpointBackoff: Record<Endpoint, Backoff>;
  /** Each endpoint whose last real attempt failed, with that failure. */
  private readonly endpointErrors = new Map<Endpoint, UpstreamError>();
  /** The last connection-level failure, until the charger answers again. */
  private transportError: UpstreamError | null = null;
  private lastOkAt: number | null = null;
  /** What was last logged per scope ('charger', 'login', or an endpoint): only changes are logged. */
  private readonly logged = new Map<string, string>();
  /** The first login is logged; renewals (hourly, say) are not. */
  private loginLogged = false;
  /** As many as the agent's connections: a request's timer starts once it has one (see send). */
  private readonly slots: Slots;
  private readonly options: Required<Omit<ClientOptions, 'log'>> & Pick<ClientOptions, 'log'>;

  constructor(
    private readonly config: ChargerConfig,
    options: ClientOptions,
  ) {
    this.id = config.id;
    this.info = { id: config.id, name: config.name, simulated: config.simulated };
    this.options = {
      profileTtlMs: 10_000,
      maxBackoffMs: 15_000,
      maxLoginBackoffMs: 300_000,
      connections: 2,
      now: Date.now,
      ...options,
    };
    this.token = config.auth.kind === 'token' ? config.auth.token : null;
    this.loginBackoff = new Backoff(10_000, this.options.maxLoginBackoffMs);
    this.transportBackoff = new Backoff(1_000, this.options.maxBackoffMs);
    this.endpointBackoff = {
      generalStatus: new Backoff(1_000, this.options.maxBackoffMs),
      chargingSession: new Backoff(1_000, this.options.maxBackoffMs),
      powerProfile: new Backoff(1_000, this.options.maxBackoffMs),
    };
    this.slots = new Slots(this.options.connections);
    this.dispatcher = new Agent({
      connections: this.options.connections,
      keepAliveTimeout: 4_000,
      connect: config.insecureTls ? { rejectUnauthorized: false } : {},
    });
  }

  generalStatus(): Promise<string> {
    return this.cached('generalStatus', this.options.statusTtlMs, () =>
      this.call('generalStatus', 'GET', '/api/generalStatus/', null, 'object'),
    );
  }

  /**
   * `form` holds the charger's own field names, already validated; sent as its POST form. Shared
   * only while in flight, never cached: the history loader repeats an inconsistent read at once,
   * and the repeat must reach the charger.
   */
  chargingSession(form: Record<string, string>): Promise<string> {
    const body = new URLSearchParams(form).toString();
    return this.cached(`chargingSession?${body}`, 0, () =>
      this.call('chargingSession', 'POST', '/api/chargingSession/', body, 'errorCodeObject'),
    );
  }

  powerProfile(query: Record<string, string>): Promise<string> {
    const search = new URLSearchParams(query).toString();
    return this.cached(`powerProfile?${search}`, this.options.profileTtlMs, () =>
      this.call('powerProfile', 'GET', `/api/powerProfile/?${search}`, null, 'array'),
    );
  }

  health(): ChargerHealth {
    const statusError = this.transportError ?? this.endpointErrors.get('generalStatus') ?? null;
    const endpointErrors: Partial<Record<Endpoint, ErrorInfo>> = {};
    for (const endpoint of ENDPOINTS) {
      const error = this.endpointErrors.get(endpoint);
      if (error) endpointErrors[endpoint] = errorInfo(error);
    }
    return {
      id: this.id,
      // A charger that refuses our login or sends a bad status still answers: it is reachable,
      // just not usable. One slow history query says nothing about reaching it.
      reachable: statusError ? statusError.scope !== 'charger' : this.lastOkAt !== null,
      lastOkAt: this.lastOkAt === null ? null : new Date(this.lastOkAt).toISOString(),
      lastError: statusError ? errorInfo(statusError) : null,
      ...(this.endpointErrors.size > 0 ? { endpointErrors } : {}),
    };
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /**
   * Shares one upstream call between identical concurrent requests (single-flight), then keeps
   * the answer for `ttlMs` so clients polling out of step still share it.
   */
  private cached(key: string, ttlMs: number, load: () => Promise<string>): Promise<string> {
    const hit = this.cache.get(key);
    if (hit && this.options.now() - hit.at < ttlMs) return Promise.resolve(hit.body);
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = load()
      .then((body) => {
        if (ttlMs > 0) {
          this.cache.delete(key);
          this.cache.set(key, { at: this.options.now(), body });
          if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
        }
        return body;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async call(
    endpoint: Endpoint,
    method: 'GET' | 'POST',
    path: string,
    form: string | null,
    expect: JsonKind,
  ): Promise<string> {
    // Within a pause: answer with the failure that started it, without asking the charger, and
    // without logging it again.
    const now = this.options.now();
    const paused = this.transportBackoff.blocked(now) ?? this.loginBackoff.blocked(now) ?? this.endpointBackoff[endpoint].blocked(now);
    if (paused) throw paused;
    let text: string;
    try {
      text = await this.authorizedRequest(endpoint, method, path, form);
      checkJson(text, expect, this.id, 'endpoint');
    } catch (error) {
      // An UpstreamError is the charger's failure. Anything else is our own bug: it becomes a
      // logged 500 and pauses nothing.
      if (error instanceof UpstreamError) this.failed(endpoint, error);
      throw error;
    }
    this.succeeded(endpoint);
    return text;
  }

  private succeeded(endpoint: Endpoint): void {
    this.transportBackoff.succeed();
    this.endpointBackoff[endpoint].succeed();
    this.lastOkAt = this.options.now();
    this.transportError = null;
    this.endpointErrors.delete(endpoint);
    const recovered = ['charger', 'login', endpoint].filter((key) => this.logged.delete(key));
    if (recovered.length > 0) this.options.log?.(`charger ${this.id}: ${endpoint}: answering again`);
  }

  private failed(endpoint: Endpoint, error: UpstreamError): void {
    const backoff = error.scope === 'charger' ? this.transportBackoff : error.scope === 'login' ? this.loginBackoff : this.endpointBackoff[endpoint];
    const pause = backoff.fail(error, this.options.now());
    this.endpointErrors.set(endpoint, error);
    if (error.scope === 'charger') this.transportError = error;
    // Any answer, even a refusal, shows the charger is there; a slow history query shows nothing.
    else if (error.code !== 'charger_timeout') this.transportError = null;

    // Changes are logged, repeats are not: a wrong password must not write a line per poll for weeks.
    const key = error.scope === 'endpoint' ? endpoint : error.scope;
    const text = `${error.code}: ${error.message}`;
    if (this.logged.get(key) === text) return;
    this.logged.set(key, text);
    const seconds = pause === null ? 0 : Math.max(1, Math.round(pause / 1000));
    const waits = pause === null ? '' : ` (${error.scope === 'endpoint' ? endpoint : 'every call'} waits ${seconds} s; repeats are not logged)`;
    this.options.log?.(`charger ${this.id}: ${endpoint}: ${text}${waits}`);
  }

  /** Sends with the current token; after a 401 for an expired token logs in again once and retries once. */
  private async authorizedRequest(endpoint: Endpoint, method: 'GET' | 'POST', path: string, form: string | null): Promise<string> {
    let token = await this.currentToken();
    for (let retried = false; ; retried = true) {
      const answer = await this.send(endpoint, method, path, form, token);
      if (answer.status !== 401) {
        if (this.unprovenToken === token) this.unprovenToken = null;
        this.loginBackoff.succeed();
        return answer.text;
      }
      if (this.config.auth.kind === 'token') {
        throw new UpstreamError('charger_auth_failed', 'the charger refused the configured token (HTTP 401); check CHARGER_TOKEN', this.id, 'login');
      }
      // Only the first request to see the stale token drops it; the others use the new one.
      if (this.token === token) this.token = null;
      if (retried || token === this.unprovenToken) {
        throw new UpstreamError('charger_auth_failed', 'the charger accepted the login but refused the token it issued (HTTP 401)', this.id, 'login');
      }
      token = await this.currentToken();
    }
  }

  private currentToken(): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    if (this.loginInFlight) return this.loginInFlight;
    const paused = this.loginBackoff.blocked(this.options.now());
    if (paused) return Promise.reject(paused);
    this.loginInFlight = this.login().finally(() => {
      this.loginInFlight = null;
    });
    return this.loginInFlight;
  }

  /** Failures are paused by the call that needed the token (scope 'login', or 'charger'). */
  private async login(): Promise<string> {
    if (this.config.auth.kind !== 'login') throw new Error('unreachable: login without credentials');
    const form = new URLSearchParams({ email: this.config.auth.email, password: this.config.auth.password }).toString();
    const answer = await this.send('login', 'POST', '/api/webOperatorLogin/', form, null);
    if (answer.status === 401) {
      throw new UpstreamError('charger_auth_failed', 'the charger refused the login (HTTP 401); check CHARGER_EMAIL and CHARGER_PASSWORD', this.id, 'login');
    }
    const parsed = loginResponseSchema.safeParse(checkJson(answer.text, 'object', this.id, 'login'));
    if (!parsed.success) throw new UpstreamError('charger_bad_response', 'the login answer has an unexpected shape', this.id, 'login');
    if (parsed.data.errorCode !== 0 || !parsed.data.token) {
      const reason = parsed.data.errorMessage ? `: ${parsed.data.errorMessage}` : '';
      throw new UpstreamError('charger_auth_failed', `the charger refused the login (error ${parsed.data.errorCode}${reason}); check CHARGER_EMAIL and CHARGER_PASSWORD`, this.id, 'login');
    }
    this.token = parsed.data.token;
    this.unprovenToken = parsed.data.token;
    if (!this.loginLogged) this.options.log?.(`charger ${this.id}: logged in`);
    this.loginLogged = true;
    return parsed.data.token;
  }

  /** One request; a 401 is returned (the caller decides), every other failure thrown. */
  private async send(
    kind: Endpoint | 'login',
    method: 'GET' | 'POST',
    path: string,
    form: string | null,
    token: string | null,
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (form !== null) headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
    // A bad answer to the login stops every call as a refused one does; to a call, only its endpoint.
    const answerScope: FailureScope = kind === 'login' ? 'login' : 'endpoint';
    // The status and the login are small and quick: when they time out, the charger is in
    // trouble. A history query can be slow on its own.
    const timeoutScope: FailureScope = kind === 'chargingSession' || kind === 'powerProfile' ? 'endpoint' : 'charger';
    let status: number;
    let location: string | undefined;
    let text: string;
    // The timer starts once a connection is ours, not while the request waits behind a slow one:
    // every request gets its full time at the charger.
    await this.slots.acquire();
    try {
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      const response = await request(`${this.config.url}${path}`, { method, headers, body: form ?? undefined, dispatcher: this.dispatcher, signal });
      status = response.statusCode;
      location = [response.headers.location].flat()[0];
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > MAX_BODY_BYTES) {
        response.body.destroy();
        throw new UpstreamError('charger_bad_response', 'the charger sent an oversized answer', this.id, answerScope);
      }
      text = await readLimited(response.body, this.id, answerScope);
    } catch (error) {
      throw upstreamFailure(error, this.id, timeoutScope, this.options.timeoutMs);
    } finally {
      this.slots.release();
    }
    if (status === 401) return { status, text };
    if (status === 403) {
      throw new UpstreamError('charger_auth_failed', 'the charger refused access (HTTP 403)', this.id, 'login');
    }
    if (status >= 300 && status < 400) {
      throw new UpstreamError('charger_bad_response', redirectMessage(status, location, this.config.url), this.id, answerScope);
    }
    if (status < 200 || status >= 300) {
      throw new UpstreamError('charger_bad_response', `the charger answered HTTP ${status}`, this.id, answerScope);
    }
    return { status, text };
  }
}

/**
 * A counting semaphore with as many slots as the agent has connections, so a request holding a
 * slot is sent at once and its timer measures the charger, not the queue. (undici's
 * headersTimeout/bodyTimeout also start at dispatch, but their timers are only accurate to about
 * a second, too coarse for the short timeouts tests use.)
 */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiting request, if any. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/** Exponential back-off: `baseMs` after the first failure, doubling per failure up to `maxMs`. */
class Backoff {
  private failures = 0;
  private until = 0;
  private error: UpstreamError | null = null;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** The failure to answer with while the pause lasts, else null. */
  blocked(now: number): UpstreamError | null {
    return now < this.until ? this.error : null;
  }

  /**
   * Records a failure; returns the pause before the next real attempt, or null when a pause is
   * already running (requests that were under way when it started fail too, and are no news).
   */
  fail(error: UpstreamError, now: number): number | null {
    if (now < this.until) return null;
    this.failures += 1;
    const pause = Math.min(this.baseMs * 2 ** (this.failures - 1), this.maxMs);
    this.until = now + pause;
    this.error = error;
    return pause;
  }

  succeed(): void {
    this.failures = 0;
    this.until = 0;
    this.error = null;
  }
}

function errorInfo(error: UpstreamError): ErrorInfo {
  return { code: error.code, message: error.message };
}

async function readLimited(body: Dispatcher.ResponseData['body'], chargerId: string, scope: FailureScope): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new UpstreamError('charger_bad_response', 'the charger sent an oversized answer', chargerId, scope);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type JsonKind = 'object' | 'array' | 'errorCodeObject';

/**
 * Checks that the answer is JSON of the expected kind and returns it parsed. Calls forward the
 * original text, so the browser gets the charger's answer verbatim (and we skip a
 * re-serialisation); the section-level schema check happens in the browser, where a bad section
 * becomes one panel's error.
 */
function checkJson(text: string, expect: JsonKind, chargerId: string, scope: FailureScope): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError('charger_bad_response', 'the charger sent malformed JSON', chargerId, scope);
  }
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  if (expect === 'array' && !Array.isArray(json)) {
    throw new UpstreamError('charger_bad_response', 'the charger sent an unexpected answer (expected a list)', chargerId, scope);
  }
  if (expect !== 'array' && !isObject) {
    throw new UpstreamError('charger_bad_response', 'the charger sent an unexpected answer (expected an object)', chargerId, scope);
  }
  if (expect === 'errorCodeObject') {
    const { errorCode, errorMessage } = json as { errorCode?: unknown; errorMessage?: unknown };
    if (typeof errorCode === 'number' && errorCode !== 0) {
      const reason = typeof errorMessage === 'string' && errorMessage ? `: ${errorMessage}` : '';
      throw new UpstreamError('charger_bad_response', `the charger reported error ${errorCode}${reason}`, chargerId, scope);
    }
  }
  return json;
}

/** A charger behind a redirect (typically http → https) answers every call with it. */
function redirectMessage(status: number, location: string | undefined, baseUrl: string): string {
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

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'the charger refused the connection',
  ECONNRESET: 'the charger closed the connection',
  ECONNABORTED: 'the charger closed the connection',
  EPIPE: 'the charger closed the connection',
  UND_ERR_SOCKET: 'the charger closed the connection',
  UND_ERR_CLOSED: 'the charger closed the connection',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the charger closed the connection in the middle of its answer',
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
 * Maps network, timeout and TLS failures onto our error codes with a message people can act on.
 * Anything else is returned unchanged: it is not the charger's fault but ours, and must surface
 * as a logged 500 rather than pause the charger.
 */
function upstreamFailure(error: unknown, chargerId: string, timeoutScope: FailureScope, timeoutMs: number): unknown {
  if (error instanceof UpstreamError) return error;
  const err = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const own = typeof err?.code === 'string' ? err.code : '';
  const code = own || (typeof err?.cause?.code === 'string' ? err.cause.code : '');
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new UpstreamError('charger_timeout', `the charger did not answer within ${timeoutMs / 1000} s`, chargerId, timeoutScope);
  }
  if (CERTIFICATE_CODES.has(code)) {
    return new UpstreamError('charger_unreachable', `the charger’s TLS certificate is not trusted (${code}); for a self-signed certificate set CHARGER_INSECURE_TLS=true`, chargerId, 'charger');
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return new UpstreamError('charger_unreachable', `TLS handshake with the charger failed (${code}); check whether its URL should start with http:// or https://`, chargerId, 'charger');
  }
  const message = NETWORK_MESSAGES[code];
  return message ? new UpstreamError('charger_unreachable', message, chargerId, 'charger') : error;
}
