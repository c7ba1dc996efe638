/**
 * One charger's upstream client: authentication, single-flight, short caches, timeouts and
 * back-off. The charger is a small embedded web server; everything here exists so that ten tablets
 * and a flaky Wi-Fi link cost it no more than one careful client would.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { loginResponseSchema } from '../src/api/charger-schemas.ts';
import type { ErrorCode } from '../src/api/server-schemas.ts';
import type { ChargerConfig } from './config.ts';

export type UpstreamErrorCode = Extract<ErrorCode, `charger_${string}`>;

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly chargerId: string,
  ) {
    super(message);
  }
}

export type Endpoint = 'generalStatus' | 'chargingSession' | 'powerProfile';

export interface ClientOptions {
  timeoutMs: number;
  statusTtlMs: number;
  /** TTL of the other endpoints' answers, shared between identical requests. */
  queryTtlMs?: number;
  /** Longest pause after repeated failures before the next real attempt. */
  maxBackoffMs?: number;
  /** Longest pause after a refused login. */
  maxLoginBackoffMs?: number;
  /** Connections per charger; the charger's web server is small. */
  connections?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export interface ChargerHealth {
  id: string;
  reachable: boolean;
  lastOkAt: string | null;
  lastError: { code: string; message: string } | null;
}

interface CacheEntry {
  at: number;
  body: string;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const CACHE_ENTRIES = 64;

export class ChargerClient {
  readonly id: string;
  private readonly dispatcher: Dispatcher;
  private readonly inflight = new Map<string, Promise<string>>();
  /** Insertion-ordered, so the oldest entry is evicted first; bounded by CACHE_ENTRIES. */
  private readonly cache = new Map<string, CacheEntry>();
  private token: string | null;
  private loginInFlight: Promise<string> | null = null;
  /** A refused login is not retried until its pause is over: never a login storm. */
  private readonly loginBackoff: Backoff;
  /** Network failures and timeouts: the whole charger is out of reach, so every call waits. */
  private readonly transportBackoff: Backoff;
  /** Bad answers (HTTP 500, malformed JSON, errorCode ≠ 0) say nothing about the other endpoints. */
  private readonly endpointBackoff = new Map<Endpoint, Backoff>();
  private lastOkAt: number | null = null;
  private lastError: UpstreamError | null = null;
  private readonly options: Required<Omit<ClientOptions, 'log'>> & Pick<ClientOptions, 'log'>;

  constructor(
    private readonly config: ChargerConfig,
    options: ClientOptions,
  ) {
    this.id = config.id;
    this.options = {
      queryTtlMs: 10_000,
      maxBackoffMs: 15_000,
      maxLoginBackoffMs: 300_000,
      connections: 2,
      now: Date.now,
      ...options,
    };
    this.token = config.auth.kind === 'token' ? config.auth.token : null;
    this.loginBackoff = new Backoff(10_000, this.options.maxLoginBackoffMs);
    this.transportBackoff = new Backoff(1_000, this.options.maxBackoffMs);
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

  /** `form` holds the charger's own field names, already validated; sent as its POST form. */
  chargingSession(form: Record<string, string>): Promise<string> {
    const body = new URLSearchParams(form).toString();
    return this.cached(`chargingSession?${body}`, this.options.queryTtlMs, () =>
      this.call('chargingSession', 'POST', '/api/chargingSession/', body, 'errorCodeObject'),
    );
  }

  powerProfile(query: Record<string, string>): Promise<string> {
    const search = new URLSearchParams(query).toString();
    return this.cached(`powerProfile?${search}`, this.options.queryTtlMs, () =>
      this.call('powerProfile', 'GET', `/api/powerProfile/?${search}`, null, 'array'),
    );
  }

  health(): ChargerHealth {
    return {
      id: this.id,
      // A charger that refuses our login still answers: it is reachable, just not usable.
      reachable: this.lastError
        ? this.lastError.code !== 'charger_unreachable' && this.lastError.code !== 'charger_timeout'
        : this.lastOkAt !== null,
      lastOkAt: this.lastOkAt === null ? null : new Date(this.lastOkAt).toISOString(),
      lastError: this.lastError ? { code: this.lastError.code, message: this.lastError.message } : null,
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
    expect: 'object' | 'array' | 'errorCodeObject',
  ): Promise<string> {
    let endpointBackoff = this.endpointBackoff.get(endpoint);
    if (!endpointBackoff) {
      endpointBackoff = new Backoff(1_000, this.options.maxBackoffMs);
      this.endpointBackoff.set(endpoint, endpointBackoff);
    }
    const now = this.options.now();
    // Back off: answer with the last failure instead of knocking on a failing charger again.
    const blocked = this.transportBackoff.blocked(now) ?? endpointBackoff.blocked(now);
    if (blocked) throw blocked;
    try {
      const body = await this.authorizedRequest(method, path, form);
      const text = checkJson(body, expect, this.id);
      this.transportBackoff.succeed();
      endpointBackoff.succeed();
      this.lastOkAt = this.options.now();
      this.lastError = null;
      return text;
    } catch (error) {
      const upstream = toUpstreamError(error, this.id);
      this.lastError = upstream;
      const backoff =
        upstream.code === 'charger_unreachable' || upstream.code === 'charger_timeout'
          ? this.transportBackoff
          : upstream.code === 'charger_bad_response'
            ? endpointBackoff
            : null;
      const pause = backoff?.fail(upstream, this.options.now());
      this.options.log?.(
        `charger ${this.id}: ${endpoint}: ${upstream.code}: ${upstream.message}${pause === undefined ? '' : ` (next attempt in ${Math.round(pause / 1000)} s)`}`,
      );
      throw upstream;
    }
  }

  /** Sends with the current token; on a 401 logs in again (once) and retries once. */
  private async authorizedRequest(method: 'GET' | 'POST', path: string, form: string | null): Promise<string> {
    const token = await this.currentToken();
    const first = await this.send(method, path, form, token);
    if (first.status !== 401) return first.text;
    if (this.config.auth.kind === 'token') {
      throw new UpstreamError('charger_auth_failed', 'the charger refused the configured token (HTTP 401)', this.id);
    }
    // Only the first request to see the stale token drops it; the others wait for the new one.
    if (this.token === token) this.token = null;
    const fresh = await this.currentToken();
    const second = await this.send(method, path, form, fresh);
    if (second.status === 401) {
      this.token = null;
      throw new UpstreamError('charger_auth_failed', 'the charger refused a freshly issued token (HTTP 401)', this.id);
    }
    return second.text;
  }

  private currentToken(): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    if (this.loginInFlight) return this.loginInFlight;
    const refused = this.loginBackoff.blocked(this.options.now());
    if (refused) return Promise.reject(refused);
    this.loginInFlight = this.login().finally(() => {
      this.loginInFlight = null;
    });
    return this.loginInFlight;
  }

  private async login(): Promise<string> {
    if (this.config.auth.kind !== 'login') throw new Error('unreachable: login without credentials');
    const form = new URLSearchParams({ email: this.config.auth.email, password: this.config.auth.password }).toString();
    try {
      const answer = await this.send('POST', '/api/webOperatorLogin/', form, null);
      if (answer.status === 401 || answer.status === 403) {
        throw new UpstreamError('charger_auth_failed', `the charger refused the login (HTTP ${answer.status})`, this.id);
      }
      let json: unknown;
      try {
        json = JSON.parse(checkJson(answer.text, 'object', this.id));
      } catch (error) {
        throw toUpstreamError(error, this.id);
      }
      const parsed = loginResponseSchema.safeParse(json);
      if (!parsed.success) throw new UpstreamError('charger_bad_response', 'the login answer has an unexpected shape', this.id);
      if (parsed.data.errorCode !== 0 || !parsed.data.token) {
        const reason = parsed.data.errorMessage ? `: ${parsed.data.errorMessage}` : '';
        throw new UpstreamError('charger_auth_failed', `the charger refused the login (error ${parsed.data.errorCode}${reason}); check CHARGER_EMAIL and CHARGER_PASSWORD`, this.id);
      }
      this.token = parsed.data.token;
      this.loginBackoff.succeed();
      this.options.log?.(`charger ${this.id}: logged in`);
      return parsed.data.token;
    } catch (error) {
      const upstream = toUpstreamError(error, this.id);
      if (upstream.code === 'charger_auth_failed') this.loginBackoff.fail(upstream, this.options.now());
      throw upstream;
    }
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    form: string | null,
    token: string | null,
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (form !== null) headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
    const response = await request(`${this.config.url}${path}`, {
      method,
      headers,
      body: form ?? undefined,
      dispatcher: this.dispatcher,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      response.body.destroy();
      throw new UpstreamError('charger_bad_response', 'the charger sent an oversized answer', this.id);
    }
    const text = await readLimited(response.body, this.id);
    if (response.statusCode === 401) return { status: 401, text };
    if (response.statusCode === 403) {
      throw new UpstreamError('charger_auth_failed', 'the charger refused access (HTTP 403)', this.id);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw new UpstreamError('charger_bad_response', `the charger answered HTTP ${response.statusCode}`, this.id);
    }
    return { status: response.statusCode, text };
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

  /** Records a failure; returns the pause before the next real attempt. */
  fail(error: UpstreamError, now: number): number {
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

async function readLimited(body: Dispatcher.ResponseData['body'], chargerId: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new UpstreamError('charger_bad_response', 'the charger sent an oversized answer', chargerId);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Checks that the answer is JSON of the expected kind and returns the original text, so the
 * browser gets the charger's answer verbatim (and we skip a re-serialisation). The section-level
 * schema check happens in the browser, where a bad section becomes one panel's error.
 */
function checkJson(text: string, expect: 'object' | 'array' | 'errorCodeObject', chargerId: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError('charger_bad_response', 'the charger sent malformed JSON', chargerId);
  }
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  if (expect === 'array' && !Array.isArray(json)) {
    throw new UpstreamError('charger_bad_response', 'the charger sent an unexpected answer (expected a list)', chargerId);
  }
  if (expect !== 'array' && !isObject) {
    throw new UpstreamError('charger_bad_response', 'the charger sent an unexpected answer (expected an object)', chargerId);
  }
  if (expect === 'errorCodeObject') {
    const { errorCode, errorMessage } = json as { errorCode?: unknown; errorMessage?: unknown };
    if (typeof errorCode === 'number' && errorCode !== 0) {
      const reason = typeof errorMessage === 'string' && errorMessage ? `: ${errorMessage}` : '';
      throw new UpstreamError('charger_bad_response', `the charger reported error ${errorCode}${reason}`, chargerId);
    }
  }
  return text;
}

/** Maps network, timeout and TLS failures onto our error codes with a message people can act on. */
export function toUpstreamError(error: unknown, chargerId: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || err?.code === 'UND_ERR_HEADERS_TIMEOUT' || err?.code === 'UND_ERR_BODY_TIMEOUT') {
    return new UpstreamError('charger_timeout', 'the charger did not answer in time', chargerId);
  }
  const code = err?.code ?? err?.cause?.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
    return new UpstreamError('charger_unreachable', `TLS error talking to the charger (${code}); for a self-signed certificate set CHARGER_INSECURE_TLS=true`, chargerId);
  }
  const known: Record<string, string> = {
    ECONNREFUSED: 'the charger refused the connection',
    ECONNRESET: 'the charger closed the connection',
    UND_ERR_SOCKET: 'the charger closed the connection',
    UND_ERR_CLOSED: 'the charger closed the connection',
    ENOTFOUND: 'the charger’s host name could not be resolved',
    EAI_AGAIN: 'the charger’s host name could not be resolved',
    EHOSTUNREACH: 'the charger’s network cannot be reached',
    ENETUNREACH: 'the charger’s network cannot be reached',
    ETIMEDOUT: 'the connection to the charger timed out',
  };
  return new UpstreamError('charger_unreachable', known[code] ?? `the charger cannot be reached (${code || err?.message || 'network error'})`, chargerId);
}
