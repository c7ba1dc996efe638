/**
 * Our credentials at one charger: the login (single-flight), the token in use, re-login when a
 * token that worked expires, and the pause after a refused login or token.
 *
 * Only the status call and the login judge our credentials. A history query can be refused for
 * its own content, so a 401 or 403 it gets after a fresh login answers that query alone.
 */
import { loginResponseSchema } from '../../contract/charger-schemas.ts';
import type { ChargerAuth } from '../config.ts';
import { Backoff } from './backoff.ts';
import { checkJson } from './exchange.ts';
import { UpstreamError } from './upstream-error.ts';

export type Answer = { status: number; text: string };

export interface AuthenticatorOptions {
  chargerId: string;
  auth: ChargerAuth;
  /** Pause after a first refused login or token; it doubles per refusal. */
  loginBackoffMs: number;
  /** Longest pause after a refused login or token. */
  maxLoginBackoffMs: number;
  now: () => number;
  log?: ((line: string) => void) | undefined;
  /** Sends the login form (on a priority connection). */
  sendLogin: (form: string) => Promise<Answer>;
}

export class Authenticator {
  private token: string | null;
  /**
   * The token of the last login until the charger first accepts it. A 401 for it means the
   * charger refuses the tokens it issues, and logging in again would only repeat that; a 401 for
   * a token that worked before means it expired.
   */
  private unprovenToken: string | null = null;
  private loginInFlight: Promise<string> | null = null;
  /** A refused login or token: no call is sent until it is over, so never a login storm. */
  private readonly backoff: Backoff;
  /** The first login is logged; renewals (hourly, say) are not. */
  private loginLogged = false;

  constructor(private readonly options: AuthenticatorOptions) {
    this.token = options.auth.kind === 'token' ? options.auth.token : null;
    this.backoff = new Backoff(options.loginBackoffMs, options.maxLoginBackoffMs);
  }

  /** The refusal to answer with while our credentials are paused, else null. */
  blocked(now: number): UpstreamError | null {
    return this.backoff.blocked(now);
  }

  /** Pauses every call after a refused login or token; returns the pause as Backoff.fail does. */
  fail(error: UpstreamError, now: number): number | null {
    return this.backoff.fail(error, now);
  }

  /**
   * Sends with the current token. After a 401 for a token that worked before (it expired), logs
   * in again once and retries once. `judgesCredentials`: whether a refusal of this call says our
   * credentials are wrong (the status call) or may be about its own content (history).
   */
  async authorized(send: (token: string | null) => Promise<Answer>, judgesCredentials: boolean): Promise<string> {
    const { chargerId, auth } = this.options;
    let token = await this.currentToken();
    for (let retried = false; ; retried = true) {
      const answer = await send(token);
      if (answer.status !== 401) {
        if (this.unprovenToken === token) this.unprovenToken = null;
        this.backoff.succeed();
        return answer.text;
      }
      const unproven = token === this.unprovenToken;
      // A history query refused with a static or fresh token proves nothing about the token:
      // keep it for the status call to judge.
      if (!judgesCredentials && (auth.kind === 'token' || unproven || retried)) {
        throw new UpstreamError('charger_auth_failed', 'the charger refused this request (HTTP 401)', chargerId, 'request');
      }
      if (auth.kind === 'token') {
        throw new UpstreamError('charger_auth_failed', 'the charger refused the configured token (HTTP 401); check CHARGER_TOKEN', chargerId, 'login');
      }
      // Only the first request to see the stale token drops it; the others use the new one.
      if (this.token === token) this.token = null;
      if (retried || unproven) {
        throw new UpstreamError('charger_auth_failed', 'the charger accepted the login but refused the token it issued (HTTP 401)', chargerId, 'login');
      }
      token = await this.currentToken();
    }
  }

  private currentToken(): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    if (this.loginInFlight) return this.loginInFlight;
    const paused = this.backoff.blocked(this.options.now());
    if (paused) return Promise.reject(paused);
    this.loginInFlight = this.login().finally(() => {
      this.loginInFlight = null;
    });
    return this.loginInFlight;
  }

  /** Failures are paused by the call that needed the token (scope 'login', or 'charger'). */
  private async login(): Promise<string> {
    const { chargerId, auth } = this.options;
    if (auth.kind !== 'login') throw new Error('unreachable: login without credentials');
    const form = new URLSearchParams({ email: auth.email, password: auth.password }).toString();
    const answer = await this.options.sendLogin(form);
    if (answer.status === 401) {
      throw new UpstreamError('charger_auth_failed', 'the charger refused the login (HTTP 401); check CHARGER_EMAIL and CHARGER_PASSWORD', chargerId, 'login');
    }
    const parsed = loginResponseSchema.safeParse(checkJson(answer.text, 'object', chargerId, 'login'));
    if (!parsed.success) throw new UpstreamError('charger_bad_response', 'the login answer has an unexpected shape', chargerId, 'login');
    if (parsed.data.errorCode !== 0 || !parsed.data.token) {
      const reason = parsed.data.errorMessage ? `: ${parsed.data.errorMessage}` : '';
      throw new UpstreamError('charger_auth_failed', `the charger refused the login (error ${parsed.data.errorCode}${reason}); check CHARGER_EMAIL and CHARGER_PASSWORD`, chargerId, 'login');
    }
    this.token = parsed.data.token;
    this.unprovenToken = parsed.data.token;
    if (!this.loginLogged) this.options.log?.(`charger ${chargerId}: logged in`);
    this.loginLogged = true;
    return parsed.data.token;
  }
}
