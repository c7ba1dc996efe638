/**
 * One charger's upstream client. The charger is a small embedded web server; everything here
 * exists so that ten tablets, a hostile LAN client and a flaky Wi-Fi link cost it no more than one
 * careful client would, and so that the status always goes first. The jobs live in their own
 * files: authenticator.ts (login, re-login), response-cache.ts (TTL + single-flight), backoff.ts
 * (pauses), scheduler.ts (connections, priority, fair queue), exchange.ts (one HTTP exchange),
 * transport-errors.ts (the network/TLS error table), failure-record.ts (health and logs).
 */
import { Agent, type Dispatcher } from 'undici';
import type { ChargerInfo } from '../../src/api/server-schemas.ts';
import type { ChargerConfig } from '../config.ts';
import { Authenticator, type Answer } from './authenticator.ts';
import { Backoff, RequestBackoffs } from './backoff.ts';
import { checkJson, exchange, type JsonKind } from './exchange.ts';
import { FailureRecord, type ChargerHealth } from './failure-record.ts';
import { RequestCounts, type EndpointCount } from './request-counts.ts';
import { ResponseCache } from './response-cache.ts';
import { ConnectionScheduler, type Release } from './scheduler.ts';
import { isHistory, UpstreamError, type Endpoint } from './upstream-error.ts';

export interface ClientOptions {
  /** Per upstream request, counted from when it has a connection (not while it waits for one). */
  timeoutMs: number;
  statusTtlMs: number;
  /** TTL of power-profile answers, shared between identical requests. */
  profileTtlMs?: number;
  /** Pause after a first failure before the next real attempt; it doubles per failure. */
  backoffMs?: number;
  /** Longest pause after repeated failures before the next real attempt. */
  maxBackoffMs?: number;
  /** Pause after a first refused login or token; it doubles per refusal. */
  loginBackoffMs?: number;
  /** Longest pause after a refused login or token. */
  maxLoginBackoffMs?: number;
  /** Connections per charger; one of them is kept for the status and the login. */
  connections?: number;
  /** History requests one client may have waiting per charger before it gets 429. */
  maxWaitingPerClient?: number;
  log?: (line: string) => void;
  now?: () => number;
}

/** Options of a history call. */
export interface HistoryOptions {
  /**
   * Whose request this is, for the fair queue: the remote address or a page id. Requests of one
   * client wait behind each other, not behind other clients'. `ARCHIVE_CLIENT` ('archive') is
   * served last. Absent: one shared anonymous client.
   */
  clientKey?: string;
  /**
   * Aborts when the asker went away (its connection closed). A request that every asker has left
   * before it got a connection to the charger is never sent.
   */
  signal?: AbortSignal;
}

const ANONYMOUS_CLIENT = '';

interface CallSpec {
  endpoint: Endpoint;
  /** The request's identity: endpoint plus its exact query; what single-flight and pauses key on. */
  key: string;
  method: 'GET' | 'POST';
  path: string;
  form: string | null;
  expect: JsonKind;
  clientKey: string | null;
}

export class ChargerClient {
  readonly id: string;
  /** What /api/chargers shows of this charger. */
  readonly info: ChargerInfo;
  private readonly dispatcher: Dispatcher;
  private readonly cache: ResponseCache;
  private readonly auth: Authenticator;
  /** Connection failures, and timeouts of the status or the login: every call waits. */
  private readonly chargerBackoff: Backoff;
  /** A bad answer or a slow history query pauses only that same request. */
  private readonly requestBackoffs: RequestBackoffs;
  private readonly scheduler: ConnectionScheduler;
  private readonly record: FailureRecord;
  private readonly counts = new RequestCounts();
  private readonly options: Required<Omit<ClientOptions, 'log'>> & Pick<ClientOptions, 'log'>;

  constructor(
    private readonly config: ChargerConfig,
    options: ClientOptions,
  ) {
    this.id = config.id;
    this.info = { id: config.id, name: config.name, simulated: config.simulated };
    this.options = {
      profileTtlMs: 10_000,
      backoffMs: 1_000,
      maxBackoffMs: 15_000,
      loginBackoffMs: 10_000,
      maxLoginBackoffMs: 300_000,
      connections: 2,
      maxWaitingPerClient: 64,
      now: Date.now,
      ...options,
    };
    const { now, log } = this.options;
    this.cache = new ResponseCache(now);
    this.chargerBackoff = new Backoff(this.options.backoffMs, this.options.maxBackoffMs);
    this.requestBackoffs = new RequestBackoffs(this.options.backoffMs, this.options.maxBackoffMs);
    this.scheduler = new ConnectionScheduler({ chargerId: this.id, connections: this.options.connections, maxWaitingPerClient: this.options.maxWaitingPerClient });
    this.record = new FailureRecord(this.id, now, log);
    this.auth = new Authenticator({
      chargerId: this.id,
      auth: config.auth,
      loginBackoffMs: this.options.loginBackoffMs,
      maxLoginBackoffMs: this.options.maxLoginBackoffMs,
      now,
      log,
      sendLogin: (form) => this.send('login', 'POST', '/api/webOperatorLogin/', form, null, null, null),
    });
    this.dispatcher = new Agent({
      connections: this.options.connections,
      keepAliveTimeout: 4_000,
      connect: config.insecureTls ? { rejectUnauthorized: false } : {},
    });
  }

  /** Always first: a connection is kept free of history for it. */
  generalStatus(): Promise<string> {
    const spec: CallSpec = { endpoint: 'generalStatus', key: 'generalStatus', method: 'GET', path: '/api/generalStatus/', form: null, expect: 'object', clientKey: null };
    return this.cache.get(spec.key, this.options.statusTtlMs, () => this.call(spec, null));
  }

  /**
   * `form` holds the charger's own field names, already validated; sent as its POST form. Shared
   * only while in flight, never cached: the history loader repeats an inconsistent read at once,
   * and the repeat must reach the charger.
   */
  chargingSession(form: Record<string, string>, options: HistoryOptions = {}): Promise<string> {
    const body = new URLSearchParams(form).toString();
    const key = `chargingSession?${body}`;
    const spec: CallSpec = { endpoint: 'chargingSession', key, method: 'POST', path: '/api/chargingSession/', form: body, expect: 'errorCodeObject', clientKey: options.clientKey ?? ANONYMOUS_CLIENT };
    return this.cache.get(key, 0, (signal) => this.call(spec, signal), options.signal);
  }

  powerProfile(query: Record<string, string>, options: HistoryOptions = {}): Promise<string> {
    const search = new URLSearchParams(query).toString();
    const key = `powerProfile?${search}`;
    const spec: CallSpec = { endpoint: 'powerProfile', key, method: 'GET', path: `/api/powerProfile/?${search}`, form: null, expect: 'array', clientKey: options.clientKey ?? ANONYMOUS_CLIENT };
    return this.cache.get(key, this.options.profileTtlMs, (signal) => this.call(spec, signal), options.signal);
  }

  health(): ChargerHealth {
    return this.record.health();
  }

  /** Requests sent to the charger and failed, per endpoint, since start (for /metrics). */
  requestCounts(): EndpointCount[] {
    return this.counts.all();
  }

  /** Connections in use and requests waiting, for tests and diagnostics. */
  load(): { busy: number; historyBusy: number; waiting: number } {
    return this.scheduler.load();
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async call(spec: CallSpec, signal: AbortSignal | null): Promise<string> {
    // Within a pause: answer with the failure that started it, without asking the charger, and
    // without logging it again.
    const now = this.options.now();
    const paused = this.chargerBackoff.blocked(now) ?? this.auth.blocked(now) ?? this.requestBackoffs.blocked(spec.key, now);
    if (paused) throw paused;
    let text: string;
    try {
      text = await this.auth.authorized(
        (token) => this.send(spec.endpoint, spec.method, spec.path, spec.form, token, spec.clientKey, signal),
        !isHistory(spec.endpoint),
      );
      try {
        checkJson(text, spec.expect, this.id, 'request');
      } catch (error) {
        this.counts.failure(spec.endpoint);
        throw error;
      }
    } catch (error) {
      // An UpstreamError is the charger's failure. Anything else (a full queue, an asker gone,
      // our own bug) pauses nothing.
      if (error instanceof UpstreamError) this.failed(spec, error);
      throw error;
    }
    this.chargerBackoff.succeed();
    this.requestBackoffs.succeed(spec.key);
    this.record.succeeded(spec.endpoint);
    return text;
  }

  private failed(spec: CallSpec, error: UpstreamError): void {
    const now = this.options.now();
    const pause =
      error.scope === 'charger'
        ? this.chargerBackoff.fail(error, now)
        : error.scope === 'login'
          ? this.auth.fail(error, now)
          : this.requestBackoffs.fail(spec.key, error, now);
    this.record.failed(spec.endpoint, error, pause);
  }

  /**
   * One exchange on a connection the scheduler gives us: the status and the login as priority,
   * history in its client's fair queue (`clientKey`). The timer starts once the connection is
   * ours, not while the request waits: every request gets its full time at the charger.
   */
  private async send(
    kind: Endpoint | 'login',
    method: 'GET' | 'POST',
    path: string,
    form: string | null,
    token: string | null,
    clientKey: string | null,
    signal: AbortSignal | null,
  ): Promise<Answer> {
    const history = isHistory(kind);
    const release: Release =
      history && clientKey !== null ? await this.scheduler.acquireHistory(clientKey, signal ?? undefined) : await this.scheduler.acquirePriority();
    this.counts.request(kind);
    try {
      return await exchange({
        chargerId: this.id,
        baseUrl: this.config.url,
        dispatcher: this.dispatcher,
        method,
        path,
        form,
        token,
        timeoutMs: this.options.timeoutMs,
        // A bad answer to the login stops every call as a refused one does; to a call, only itself.
        answerScope: kind === 'login' ? 'login' : 'request',
        // The status and the login are small and quick: when they time out or lose their
        // connection, the charger is in trouble. A history query can be slow on its own.
        ownScope: history ? 'request' : 'charger',
        forbiddenScope: history ? 'request' : 'login',
      });
    } catch (error) {
      this.counts.failure(kind);
      throw error;
    } finally {
      release();
    }
  }
}
