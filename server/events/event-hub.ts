/**
 * Fans each charger's snapshots out to the screens' event streams. Every event is serialised once
 * per charger and the same text written to every stream that asked for it, so a hundred screens
 * cost a hundred socket writes, not a hundred JSON encodings. A channel holds its charger (through
 * the snapshot feed) while at least one stream listens, and lets go with the last.
 */
import type { ChargerSnapshot, FreshNotice } from '../../contract/snapshot.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';

/** What the hub needs of an open stream (an HTTP response in the route, a stub in tests). */
export interface EventSink {
  /** Writes one chunk; returns false when the sink was dropped. */
  write(chunk: string): boolean;
  /** Ends the stream (the server is closing). */
  end(): void;
}

export interface HubOptions {
  feed: SnapshotFeed;
  buildId: string;
}

/** Server-sent events framing: one `data:` line is enough, JSON has no raw newlines. */
export function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A snapshot whose values changed (or the first, or a failure): the whole of it. */
export function snapshotEvent(snapshot: ChargerSnapshot): string {
  return sseEvent('snapshot', snapshot);
}

/** The same values read again: only their age moves. */
export function freshEvent(snapshot: ChargerSnapshot): string {
  const notice: FreshNotice = { chargerId: snapshot.chargerId, readAt: snapshot.readAt!, ageMs: snapshot.ageMs ?? 0 };
  return sseEvent('fresh', notice);
}

class ChargerChannel {
  private readonly sinks = new Set<EventSink>();
  private release: (() => void) | null = null;

  constructor(
    private readonly chargerId: string,
    private readonly feed: SnapshotFeed,
  ) {}

  add(sink: EventSink): void {
    if (this.sinks.size === 0) this.release = this.feed.hold([this.chargerId]);
    this.sinks.add(sink);
  }

  remove(sink: EventSink): void {
    if (!this.sinks.delete(sink) || this.sinks.size > 0) return;
    this.release?.();
    this.release = null;
  }

  get listening(): boolean {
    return this.sinks.size > 0;
  }

  /** The latest snapshot, aged as of now; nothing before the charger's first reading or failure. */
  initialEvents(): string {
    const snapshot = this.feed.latest(this.chargerId);
    return snapshot ? snapshotEvent(snapshot) : '';
  }

  broadcast(chunk: string): void {
    for (const sink of [...this.sinks]) sink.write(chunk);
  }
}

export class EventHub {
  private readonly channels = new Map<string, ChargerChannel>();
  private readonly streams = new Map<EventSink, string[]>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: HubOptions) {
    for (const id of options.feed.chargerIds) this.channels.set(id, new ChargerChannel(id, options.feed));
    this.unsubscribe = options.feed.onSnapshot((snapshot, changed) => {
      const channel = this.channels.get(snapshot.chargerId);
      if (!channel?.listening) return;
      channel.broadcast(changed || snapshot.readAt === null ? snapshotEvent(snapshot) : freshEvent(snapshot));
    });
  }

  get size(): number {
    return this.streams.size;
  }

  has(chargerId: string): boolean {
    return this.channels.has(chargerId);
  }

  /** Registers a stream for the given chargers; returns what to send it first. */
  open(sink: EventSink, chargerIds: readonly string[]): string {
    this.streams.set(sink, [...chargerIds]);
    let first = sseEvent('build', { build: this.options.buildId });
    for (const id of chargerIds) {
      const channel = this.channels.get(id)!;
      first += channel.initialEvents();
      channel.add(sink);
    }
    return first;
  }

  close(sink: EventSink): void {
    const ids = this.streams.get(sink);
    if (!ids) return;
    this.streams.delete(sink);
    for (const id of ids) this.channels.get(id)?.remove(sink);
  }

  /** Ends every stream: a closing server must not wait for screens that never hang up. */
  endAll(): void {
    for (const sink of [...this.streams.keys()]) {
      this.close(sink);
      sink.end();
    }
    this.unsubscribe();
  }

  /** Writes to every open stream (the heartbeat). */
  broadcast(chunk: string): void {
    for (const sink of [...this.streams.keys()]) sink.write(chunk);
  }
}
