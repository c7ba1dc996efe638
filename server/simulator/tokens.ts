/**
 * Login tokens, per charger (each wallbox has its own login): issued by webOperatorLogin, checked
 * on every other call, expired by time or by the `expireTokens` fault. A configured static token
 * (CHARGER_TOKEN setups) is accepted everywhere and never expires.
 */
import { randomBytes } from 'node:crypto';

/** At most this many live tokens per charger: a soak test that logs in forever must not grow memory. */
const MAX_TOKENS_PER_CHARGER = 2_000;

export class TokenStore {
  /** Per charger: token → expiry (the global performance.now() ms, which tests can move with fake timers). */
  private readonly tokens: Map<string, Map<string, number>>;

  constructor(
    chargerIds: readonly string[],
    private readonly email: string,
    private readonly ttlMs: number,
    private readonly staticToken: string | undefined,
  ) {
    this.tokens = new Map(chargerIds.map((id) => [id, new Map()]));
  }

  issue(chargerId: string): string {
    const store = this.tokens.get(chargerId)!;
    // Looks like the JWT an ASP.NET app would hand out; only its identity matters here.
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: this.email, charger: chargerId, jti: randomBytes(6).toString('hex') })).toString('base64url');
    const token = `${header}.${payload}.${randomBytes(24).toString('base64url')}`;
    store.set(token, performance.now() + this.ttlMs);
    while (store.size > MAX_TOKENS_PER_CHARGER) store.delete(store.keys().next().value!);
    return token;
  }

  /** null when the Authorization header is accepted, else the WWW-Authenticate value of the 401. */
  check(chargerId: string, header: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return 'Bearer';
    const token = match[1]!;
    if (this.staticToken && token === this.staticToken) return null;
    const expiresAt = this.tokens.get(chargerId)!.get(token);
    if (expiresAt === undefined) return 'Bearer error="invalid_token"';
    if (performance.now() >= expiresAt) {
      const at = new Date(Date.now() - (performance.now() - expiresAt)).toUTCString();
      return `Bearer error="invalid_token", error_description="The token expired at '${at}'"`;
    }
    return null;
  }

  /** Forgets every token issued so far by that charger (null: by every charger). */
  expire(chargerId: string | null): void {
    for (const [id, store] of this.tokens) if (chargerId === null || chargerId === id) store.clear();
  }
}
