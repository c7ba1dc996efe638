/**
 * The page's one live connection to the server (`/api/events`), for every charger it shows. Each
 * event is the server's charger snapshot, validated once here and written into the query cache
 * under the key `snapshotQuery` uses, dated by this tablet's clock as its arrival minus the age
 * the server says it had: no clock of two machines is compared, no offset learnt.
 *
 * When the stream cannot be opened, or stays silent (a proxy that buffers it), the page polls
 * `GET …/snapshot` at the server's interval instead and tries the stream again later. The
 * timings come from the server (`/api/chargers`); none are guessed here.
 */
import type { QueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { chargerSnapshotSchema, freshSchema, type ChargerSnapshot } from '../../contract/snapshot.ts';
import { ApiError, isApiError } from './api-error.ts';
import { describeIssue } from '../../contract/describe-issue.ts';
import { readSnapshot, snapshotQuery } from './queries.ts';
import { setStreamed } from './streamed-chargers.ts';

export interface StreamTimings {
  /** How often the server reads each charger; the fallback polls at this pace. */
  statusIntervalMs: number;
  /** A reading older than this (or a stream down this long) is stale. */
  staleAfterMs: number;
  /** No event for this long: the stream is taken for buffered, and the page polls instead. */
  streamSilenceMs: number;
}

const buildEventSchema = z.object({ build: z.string() });

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
  createEventSource?: (url: string) => EventSourceLike;
  now?: () => number;
}

/** While our server does not answer, the fallback asks this often (it costs the charger nothing). */
const SERVER_AWAY_POLL_MS = 1_000;

/** EventSource.CLOSED: the browser gave up (an error status, not an event stream). */
const CLOSED = 2;

export type StreamMode = 'stream' | 'polling';

export class StatusStream {
  private readonly client: QueryClient;
  private readonly options: StatusStreamOptions;
  private readonly now: () => number;
  private timings: StreamTimings;
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
    this.now = options.now ?? Date.now;
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
    source.addEventListener('snapshot', mine((data) => this.onSnapshot(data)));
    source.addEventListener('fresh', mine((data) => this.onFresh(data)));
  }

  private check(): void {
    if (this.stopped) return;
    const now = this.now();
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
      readSnapshot(id).then(
        (snapshot) => {
          this.store(snapshot);
          return false;
        },
        (error: unknown) => {
          // A failure lands in the query's error state, where the views read it.
          this.setError(id, isApiError(error) ? error : new ApiError('parse', 'parse', String(error)));
          return isApiError(error) && error.kind === 'network';
        },
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

  private onSnapshot(data: unknown): void {
    const parsed = chargerSnapshotSchema.safeParse(data);
    const chargerId = (data as { chargerId?: unknown } | null)?.chargerId;
    if (!parsed.success) {
      // One malformed snapshot shows as that charger's error; its last values stay.
      if (typeof chargerId === 'string' && this.chargerIds.includes(chargerId)) this.setError(chargerId, new ApiError('parse', 'parse', describeIssue(parsed.error, 'snapshot')));
      return;
    }
    if (this.chargerIds.includes(parsed.data.chargerId)) this.store(parsed.data);
  }

  /** Writes a snapshot into the cache, dated by this tablet's clock: arrival minus its age. */
  private store(snapshot: ChargerSnapshot): void {
    const key = snapshotQuery(snapshot.chargerId).queryKey;
    const updatedAt = snapshot.ageMs === null ? this.now() : this.now() - snapshot.ageMs;
    this.client.setQueryData(key, snapshot, { updatedAt });
  }

  private onFresh(data: unknown): void {
    const parsed = freshSchema.safeParse(data);
    if (!parsed.success) return;
    const key = snapshotQuery(parsed.data.chargerId).queryKey;
    // Same values, newer: only the time moves (the views' data keeps its identity).
    if (this.client.getQueryData(key) !== undefined) {
      this.client.setQueryData(key, (old) => old, { updatedAt: this.now() - parsed.data.ageMs });
    }
  }

  private markUnreachable(): void {
    for (const id of this.chargerIds) {
      const state = this.client.getQueryState(snapshotQuery(id).queryKey);
      if (state?.status === 'error' && (state.error as ApiError | null)?.kind === 'network') continue;
      this.setError(id, new ApiError('network', 'network', 'The dashboard server cannot be reached'));
    }
  }

  /** Puts the query into its error state, keeping the last values (as a failed fetch would). */
  private setError(chargerId: string, error: ApiError): void {
    const { queryKey } = snapshotQuery(chargerId);
    const cache = this.client.getQueryCache();
    const query = cache.find<ChargerSnapshot>({ queryKey, exact: true }) ?? cache.build<ChargerSnapshot>(this.client, { queryKey });
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
