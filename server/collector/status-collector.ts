/**
 * One collector per charger: the only caller of the charger's status. It asks on a fixed cadence
 * while someone holds it (a screen's event stream, the archive), validates the answer section by
 * section, and hands every reading or failure to its listeners. Screens no longer poll the
 * charger, so ten tablets cost it exactly what one would.
 */
import { parseLiveStatus, StatusShapeError, type LiveStatus } from '../../contract/live-status.ts';
import type { ErrorCode } from '../../src/api/server-schemas.ts';

export interface StatusReading {
  chargerId: string;
  /** Epoch ms when our server received the answer. */
  receivedAt: number;
  /** The generalStatus JSON as the charger sent it (parsed). */
  json: unknown;
  /** Validated section by section: a malformed section stays that section's error. */
  live: LiveStatus;
  /** Differs from the previous reading of this charger (the first reading counts as changed). */
  changed: boolean;
}

export interface CollectorFailure {
  chargerId: string;
  error: { code: ErrorCode; message: string };
  /** Epoch ms of the first failure of this run of failures. */
  since: number;
}

export type CollectorState = StatusReading | CollectorFailure;

export function isFailure(state: CollectorState): state is CollectorFailure {
  return 'error' in state;
}

export interface CollectorOptions {
  intervalMs: number;
  now?: () => number;
  /** Unexpected errors (our bugs) are reported here; charger failures go to the listeners. */
  log?: (line: string) => void;
}

/** Asks the charger for its status; resolves with the answer's text (the charger client). */
export type StatusSource = () => Promise<string>;

export class StatusCollector {
  readonly chargerId: string;
  private readonly source: StatusSource;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly log: ((line: string) => void) | undefined;
  private readonly readingListeners = new Set<(reading: StatusReading) => void>();
  private readonly failureListeners = new Set<(failure: CollectorFailure) => void>();
  private holds = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The planned moment of the next tick; ticks are planned from each other, never from answers. */
  private nextTickAt = 0;
  /** When the last request was started (-Infinity: never). */
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;
  private state: CollectorState | null = null;
  /** When `state` was recorded. */
  private stateAt = 0;
  private reading: StatusReading | null = null;
  private lastText: string | null = null;
  private closed = false;

  constructor(chargerId: string, source: StatusSource, options: CollectorOptions) {
    this.chargerId = chargerId;
    this.source = source;
    this.intervalMs = options.intervalMs;
    this.now = options.now ?? Date.now;
    this.log = options.log;
  }

  onReading(listener: (reading: StatusReading) => void): () => void {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }

  onFailure(listener: (failure: CollectorFailure) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Keeps the collector polling until every hold is released; each release counts once. */
  hold(): () => void {
    this.holds += 1;
    if (this.holds === 1) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) this.stop();
    };
  }

  get held(): boolean {
    return this.holds > 0;
  }

  /** The last reading or failure, whichever came last; null before the first answer. */
  latest(): CollectorState | null {
    return this.state;
  }

  /** The last successful reading, even when failures came after it. */
  lastReading(): StatusReading | null {
    return this.reading;
  }

  /**
   * A state no older than `maxAgeMs`: the latest if young enough, else a new reading (sharing a
   * request under way). For one-off questions (health) while nobody holds the collector.
   */
  async sample(maxAgeMs: number): Promise<CollectorState> {
    const state = this.state;
    if (state && this.now() - this.stateAt <= maxAgeMs) return state;
    await (this.inflight ?? this.poll());
    return this.state!;
  }

  close(): void {
    this.closed = true;
    this.stop();
    this.readingListeners.clear();
    this.failureListeners.clear();
  }

  private start(): void {
    if (this.closed) return;
    // Held again soon after a release (a page reloading): keep the old cadence, no extra request.
    this.nextTickAt = Math.max(this.now(), this.lastStartAt + this.intervalMs);
    this.schedule();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.nextTickAt - this.now()));
    // A collector must never keep the process alive on its own (tests, a closing server).
    this.timer.unref?.();
  }

  private tick(): void {
    this.timer = null;
    if (this.holds === 0 || this.closed) return;
    // One request in flight: a tick that finds the last one still waiting is skipped, not queued.
    if (!this.inflight) void this.poll();
    // The next tick is a whole number of intervals after this planned one, so a late timer or a
    // slow answer never shifts the cadence.
    const now = this.now();
    let next = this.nextTickAt + this.intervalMs;
    if (next <= now) next += Math.ceil((now - next + 1) / this.intervalMs) * this.intervalMs;
    this.nextTickAt = next;
    this.schedule();
  }

  private poll(): Promise<void> {
    this.lastStartAt = this.now();
    const request = this.source()
      .then(
        (text) => this.record(text),
        (error: unknown) => this.fail(error),
      )
      .finally(() => {
        this.inflight = null;
      });
    this.inflight = request;
    return request;
  }

  private record(text: string): void {
    let json: unknown;
    let live: LiveStatus;
    try {
      json = JSON.parse(text);
      live = parseLiveStatus(json);
    } catch (error) {
      const message = error instanceof StatusShapeError ? 'the charger status is not an object' : 'the charger sent malformed JSON';
      this.fail({ code: 'charger_bad_response', message });
      return;
    }
    const changed = this.state === null || text !== this.lastText;
    this.lastText = text;
    const reading: StatusReading = { chargerId: this.chargerId, receivedAt: this.now(), json, live, changed };
    this.state = reading;
    this.stateAt = reading.receivedAt;
    this.reading = reading;
    for (const listener of [...this.readingListeners]) this.notify(listener, reading);
  }

  private fail(error: unknown): void {
    const info = errorInfo(error);
    if (!info) this.log?.(`charger ${this.chargerId}: status collector: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const previous = this.state;
    const since = previous && isFailure(previous) ? previous.since : this.now();
    const failure: CollectorFailure = {
      chargerId: this.chargerId,
      error: info ?? { code: 'internal', message: 'internal error while reading the status; see the server log' },
      since,
    };
    this.state = failure;
    this.stateAt = this.now();
    // A failure breaks the run: the next answer is news even when it equals the one before.
    this.lastText = null;
    for (const listener of [...this.failureListeners]) this.notify(listener, failure);
  }

  private notify<T>(listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (error) {
      this.log?.(`charger ${this.chargerId}: a status listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The charger client's failures carry a code and message for people; anything else is ours. */
function errorInfo(error: unknown): { code: ErrorCode; message: string } | null {
  const candidate = error as { code?: unknown; message?: unknown } | null;
  if (typeof candidate?.code === 'string' && candidate.code.startsWith('charger_') && typeof candidate.message === 'string') {
    return { code: candidate.code as ErrorCode, message: candidate.message };
  }
  return null;
}
