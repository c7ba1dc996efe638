/**
 * The server's clock minus this tablet's, to date pushed readings on the tablet's clock.
 *
 * Every estimate the page can make is a lower bound: `/api/chargers`' `now` was stamped before
 * the page read it (on a slow tablet, or from the answer preloaded while the script loaded, up to
 * seconds before), and a pushed reading was received by the server before it arrived here. Taken
 * alone, the first bound made fresh readings look seconds "in the future" on a slow tablet, which
 * the staleness rule counts as a set-back clock: the stale banner blinked at every tick. The
 * largest bound is the closest one; it is taken over a sliding window, so that after the server's
 * own clock is set back the estimate follows within two windows.
 */
const WINDOW_MS = 5 * 60_000;

export class ClockOffset {
  private current: number;
  private previous = Number.NEGATIVE_INFINITY;
  private windowStartedAt: number | null = null;
  private readonly windowMs: number;

  constructor(initialMs: number, windowMs = WINDOW_MS) {
    this.current = initialMs;
    this.windowMs = windowMs;
  }

  /** Server clock minus this tablet's clock, ms. */
  get ms(): number {
    return Math.max(this.current, this.previous);
  }

  /** An estimate made elsewhere (the charger list's `now`, read on arrival): also a lower bound. */
  adopt(offsetMs: number): void {
    this.current = Math.max(this.current, offsetMs);
  }

  /** The server's clock read `serverMs` no later than the moment this tablet's read `localMs`. */
  observe(serverMs: number, localMs: number): void {
    if (this.windowStartedAt === null) {
      this.windowStartedAt = localMs;
    } else if (localMs - this.windowStartedAt >= this.windowMs) {
      this.previous = this.current;
      this.current = Number.NEGATIVE_INFINITY;
      this.windowStartedAt = localMs;
    }
    this.current = Math.max(this.current, serverMs - localMs);
  }

  /** This tablet's clock jumped by `jumpMs` (forward is positive): every bound moves with it. */
  shift(jumpMs: number): void {
    this.current -= jumpMs;
    this.previous -= jumpMs;
    if (this.windowStartedAt !== null) this.windowStartedAt += jumpMs;
  }
}
