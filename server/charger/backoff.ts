/**
 * Pauses after failures: the client answers from the failure for a while instead of asking the
 * charger again per request.
 */
import type { UpstreamError } from './upstream-error.ts';

/** Exponential back-off: `baseMs` after the first failure, doubling per failure up to `maxMs`. */
export class Backoff {
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

/**
 * One back-off per request (endpoint and its exact query): a refused filter or a bad answer to
 * one range pauses that request and nothing else. Bounded: the oldest pause is forgotten first, so
 * a client inventing queries cannot grow the server's memory (it only loses its own pauses).
 */
export class RequestBackoffs {
  private readonly byKey = new Map<string, Backoff>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly maxEntries = 256,
  ) {}

  blocked(key: string, now: number): UpstreamError | null {
    return this.byKey.get(key)?.blocked(now) ?? null;
  }

  fail(key: string, error: UpstreamError, now: number): number | null {
    let backoff = this.byKey.get(key);
    if (backoff) this.byKey.delete(key);
    else backoff = new Backoff(this.baseMs, this.maxMs);
    this.byKey.set(key, backoff);
    if (this.byKey.size > this.maxEntries) this.byKey.delete(this.byKey.keys().next().value!);
    return backoff.fail(error, now);
  }

  succeed(key: string): void {
    this.byKey.delete(key);
  }
}
