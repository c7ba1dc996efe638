/**
 * The page's one live connection to the server (`/api/events`), for every charger it shows. Each
 * event is checked here and written into the query cache under the key `generalStatusQuery`
 * uses, so the views read the status exactly as they would a fetched one.
 *
 * When the stream cannot be opened, or stays silent (a proxy that buffers it), the page polls
 * `GET …/generalStatus` at the server's interval instead and tries the stream again later. The
 * timings come from the server (`/api/chargers`); none are guessed here.
 */
import type { QueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { ApiError, isApiError } from './api-error.ts';
import { ClockOffset } from './clock-offset.ts';
import { parseLiveStatus, type LiveStatus } from '../../contract/live-status.ts';
import { generalStatusQuery } from './queries.ts';
import { setStreamed } from './streamed-chargers.ts';

export interface StreamTimings {
  /** How often the server reads each charger; the fallback polls at this pace. */
  statusIntervalMs: number;
  /** A reading older than this (or a stream down this long) is stale. */
  staleAfterMs: number;
  /** No event for this long: the stream is taken for buffered, and the page polls instead. */
  streamSilenceMs: number;
  /** Server clock minus this tablet's clock, ms, as read from the charger list (a lower bound). */
  clockOffsetMs: number;
}

const buildEventSchema = z.object({ build: z.string() });
const statusEventSchema = z.object({ chargerId: z.string(), receivedAt: z.iso.datetime(), status: z.unknown() });
const freshEventSchema = z.object({ chargerId: z.string(), receivedAt: z.iso.datetime() });
const chargerErrorEventSchema = z.object({
  chargerId: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
  since: z.iso.datetime(),
});

/** What the stream needs of `EventSource` (a stub in unit tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  close(): void;
}

export interface StatusStreamOptions {
  timings: StreamTimings;
  /** Every build the server reports (on each connect). */
  onBuild?: (build: string) => void;
  /** The stream came back after a break: the server may have restarted. */
  onReconnect?: () => void;
  /**
   * This tablet's clock jumped (set by hand, synced, or the tablet slept): the offset to the
   * server's clock must be learnt again.
   */
  onClockJump?: () => void;
  createEventSource?: (url: string) => EventSourceLike;
  now?: () => number;
  /** A clock that only moves forward (performance.now), to notice jumps of `now`. */
  monotonicNow?: () => number;
}

/** Wall clock against monotonic clock moving by more than this is a jump, not jitter. */
const CLOCK_JUMP_MS = 2_000;

/** While our server does not answer, the fallback asks this often (it costs the charger nothing). */
const SERVER_AWAY_POLL_MS = 1_000;

/** EventSource.CLOSED: the browser gave up (an error status, not an event stream). */
const CLOSED = 2;

export type StreamMode = 'stream' | 'polling';

export class StatusStream {
  private readonly client: QueryClient;
  private readonly options: StatusStreamOptions;
  private readonly now: () => number;
  private readonly monotonicNow: () => number;
  /** Wall clock minus monotonic clock when last checked; it moves only when the wall clock jumps. */
  private clockBase: number | null = null;
  private timings: StreamTimings;
  private readonly clockOffset: ClockOffset;
  private chargerIds: string[] = [];
  private source: EventSourceLike | null = null;
  private mode: StreamMode = 'stream';
  /** When the last event arrived, or the current stream was opened. */
  private lastEventAt = 0;
  /** When the stream broke (error) without having come back since; null while it is up. */
  private downSince: number | null = null;
  private hadOpen = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(client: QueryClient, options: StatusStreamOptions) {
    this.client = client;
    this.options = options;
    this.timings = options.timings;
    this.clockOffset = new ClockOffset(options.timings.clockOffsetMs);
    this.now = options.now ?? Date.now;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
  }

  get currentMode(): StreamMode {
    return this.mode;
  }

  get watched(): readonly string[] {
    return this.chargerIds;
  }

  /** Shows these chargers from now on; a different set reopens the stream. */
  watch(chargerIds: readonly string[]): void {
    const ids = [...new Set(chargerIds)].sort();
    if (!this.stopped && ids.join(',') === this.chargerIds.join(',')) return;
    this.chargerIds = ids;
    this.stopped = false;
    this.stopTimers();
    this.mode = 'stream';
    setStreamed(ids);
    this.open();
    // One timer for silence and for a stream that stays down (checked often enough to be on time).
    this.watchdog = setInterval(() => this.check(), Math.min(1_000, this.timings.statusIntervalMs));
  }

  /** New timings (after `/api/chargers` answered again); the stream itself carries on. */
  setTimings(timings: StreamTimings): void {
    this.timings = timings;
    this.clockOffset.adopt(timings.clockOffsetMs);
  }

  /** Coming back to the tablet: while polling, ask at once rather than at the next tick. */
  wake(): void {
    if (this.mode === 'polling' && !this.stopped) {
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.poll();
    }
  }

  stop(): void {
    this.stopped = true;
    this.stopTimers();
    setStreamed([]);
  }

  private stopTimers(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.watchdog = this.pollTimer = this.retryTimer = null;
    this.source?.close();
    this.source = null;
  }

  private open(): void {
    const create = this.options.createEventSource ?? ((url: string) => new EventSource(url));
    const source = create(`/api/events?chargers=${this.chargerIds.map(encodeURIComponent).join(',')}`);
    this.source = source;
    this.lastEventAt = this.now();
    const mine = (handler: (data: unknown) => void) => (event: MessageEvent<string>) => {
      if (this.source !== source) return;
      this.lastEventAt = this.now();
      this.downSince = null;
      // The stream flows again: no more polling.
      if (this.mode === 'polling') this.toStream();
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      handler(data);
    };
    source.onopen = () => {
      if (this.source !== source) return;
      if (this.hadOpen) this.options.onReconnect?.();
      this.hadOpen = true;
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.downSince ??= this.now();
      // The browser retries a dropped stream by itself; one it gave up on (an error status, a
      // proxy that does not pass event streams) is replaced by polling at once.
      if (source.readyState === CLOSED) this.toPolling();
    };
    source.addEventListener('build', mine((data) => {
      const parsed = buildEventSchema.safeParse(data);
      if (parsed.success) this.options.onBuild?.(parsed.data.build);
    }));
    source.addEventListener('status', mine((data) => this.onStatus(data)));
    source.addEventListener('fresh', mine((data) => this.onFresh(data)));
    source.addEventListener('charger-error', mine((data) => this.onChargerError(data)));
  }

  private check(): void {
    if (this.stopped) return;
    const now = this.now();
    const base = now - this.monotonicNow();
    if (this.clockBase !== null && Math.abs(base - this.clockBase) > CLOCK_JUMP_MS) {
      this.clockOffset.shift(base - this.clockBase);
      this.options.onClockJump?.();
    }
    this.clockBase = base;
    if (this.mode === 'stream') {
      if (this.downSince !== null && now - this.downSince > this.timings.staleAfterMs) {
        // Down for longer than a reading stays fresh: say whose fault it is, not just "late".
        this.markUnreachable();
      }
      if (this.chargerIds.length > 0 && now - this.lastEventAt > this.timings.streamSilenceMs) this.toPolling();
    } else if (this.source && now - this.lastEventAt > this.timings.streamSilenceMs) {
      // The retried stream is silent again: keep polling, try once more later.
      this.source.close();
      this.source = null;
      this.scheduleRetry();
    }
  }

  private toPolling(): void {
    const already = this.mode === 'polling';
    this.mode = 'polling';
    setStreamed([]);
    this.source?.close();
    this.source = null;
    if (!already) this.poll();
    this.scheduleRetry();
  }

  private toStream(): void {
    this.mode = 'stream';
    setStreamed(this.chargerIds);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.pollTimer = this.retryTimer = null;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.mode === 'polling' && !this.stopped) this.open();
    }, this.timings.streamSilenceMs);
  }

  private poll(): void {
    this.pollTimer = null;
    if (this.stopped || this.mode !== 'polling') return;
    const polls = this.chargerIds.map((id) =>
      // A failure lands in the query's error state, where the views read it.
      this.client.fetchQuery({ ...generalStatusQuery(id), staleTime: 0 }).then(
        () => false,
        (error: unknown) => isApiError(error) && error.kind === 'network',
      ),
    );
    this.pollTimer = setTimeout(() => this.poll(), this.timings.statusIntervalMs);
    void Promise.all(polls).then((serverAway) => {
      // Our own server is away (restarting, the tablet's Wi-Fi): ask again soon, so the page is
      // live within a second or two of its return rather than an interval later. Only our server
      // is asked; the charger is read by the server's collector at its own pace.
      if (!serverAway.some(Boolean) || this.stopped || this.mode !== 'polling' || !this.pollTimer) return;
      clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => this.poll(), Math.min(SERVER_AWAY_POLL_MS, this.timings.statusIntervalMs));
    });
  }

  /**
   * A reading's server time as this tablet's clock reads it. The reading arrives after the server
   * received it: that bounds the offset too.
   */
  private localTime(iso: string): number {
    const serverMs = Date.parse(iso);
    this.clockOffset.observe(serverMs, this.now());
    return serverMs - this.clockOffset.ms;
  }

  private onStatus(data: unknown): void {
    const parsed = statusEventSchema.safeParse(data);
    if (!parsed.success || !this.chargerIds.includes(parsed.data.chargerId)) return;
    const { chargerId, receivedAt, status } = parsed.data;
    const key = generalStatusQuery(chargerId).queryKey;
    try {
      this.client.setQueryData(key, parseLiveStatus(status), { updatedAt: this.localTime(receivedAt) });
    } catch (error) {
      this.setError(chargerId, error instanceof ApiError ? error : new ApiError('parse', 'parse', error instanceof Error ? error.message : String(error)));
    }
  }

  private onFresh(data: unknown): void {
    const parsed = freshEventSchema.safeParse(data);
    if (!parsed.success) return;
    const key = generalStatusQuery(parsed.data.chargerId).queryKey;
    // Same values, newer: only the time moves (the views' data keeps its identity).
    if (this.client.getQueryData(key) !== undefined) {
      this.client.setQueryData(key, (old) => old, { updatedAt: this.localTime(parsed.data.receivedAt) });
    }
  }

  private onChargerError(data: unknown): void {
    const parsed = chargerErrorEventSchema.safeParse(data);
    if (!parsed.success) return;
    const { chargerId, error } = parsed.data;
    this.setError(chargerId, new ApiError('server', error.code, error.message, undefined, chargerId));
  }

  private markUnreachable(): void {
    for (const id of this.chargerIds) {
      const state = this.client.getQueryState(generalStatusQuery(id).queryKey);
      if (state?.status === 'error' && (state.error as ApiError | null)?.kind === 'network') continue;
      this.setError(id, new ApiError('network', 'network', 'The dashboard server cannot be reached'));
    }
  }

  /** Puts the query into its error state, keeping the last values (as a failed fetch would). */
  private setError(chargerId: string, error: ApiError): void {
    const { queryKey } = generalStatusQuery(chargerId);
    const cache = this.client.getQueryCache();
    const query = cache.find<LiveStatus>({ queryKey, exact: true }) ?? cache.build<LiveStatus>(this.client, { queryKey });
    query.setState({
      ...query.state,
      status: 'error',
      error,
      errorUpdatedAt: this.now(),
      errorUpdateCount: query.state.errorUpdateCount + 1,
      fetchFailureCount: query.state.fetchFailureCount + 1,
      fetchFailureReason: error,
      fetchStatus: 'idle',
    });
  }
}
