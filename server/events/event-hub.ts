/**
 * Fans each charger's readings out to the screens' event streams. Every event is serialised once
 * per charger and the same text written to every stream that asked for it, so a hundred screens
 * cost a hundred socket writes, not a hundred JSON encodings. A channel holds its collector while
 * at least one stream listens, and lets go with the last.
 */
import type { CollectorFailure, CollectorState, StatusCollector, StatusReading } from '../collector/status-collector.ts';
import { isFailure } from '../collector/status-collector.ts';

/** What the hub needs of an open stream (an HTTP response in the route, a stub in tests). */
export interface EventSink {
  /** Writes one chunk; returns false when the sink was dropped. */
  write(chunk: string): boolean;
  /** Ends the stream (the server is closing). */
  end(): void;
}

export interface HubOptions {
  collectors: ReadonlyMap<string, StatusCollector>;
  buildId: string;
}

/** Server-sent events framing: one `data:` line is enough, JSON has no raw newlines. */
export function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function statusEvent(reading: StatusReading): string {
  return sseEvent('status', { chargerId: reading.chargerId, receivedAt: new Date(reading.receivedAt).toISOString(), status: reading.json });
}

export function freshEvent(reading: StatusReading): string {
  return sseEvent('fresh', { chargerId: reading.chargerId, receivedAt: new Date(reading.receivedAt).toISOString() });
}

export function chargerErrorEvent(failure: CollectorFailure): string {
  return sseEvent('charger-error', { chargerId: failure.chargerId, error: failure.error, since: new Date(failure.since).toISOString() });
}

class ChargerChannel {
  private readonly sinks = new Set<EventSink>();
  private release: (() => void) | null = null;
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly collector: StatusCollector) {}

  add(sink: EventSink): void {
    if (this.sinks.size === 0) {
      this.unsubscribe = [
        this.collector.onReading((reading) => this.broadcast(reading.changed ? statusEvent(reading) : freshEvent(reading))),
        this.collector.onFailure((failure) => this.broadcast(chargerErrorEvent(failure))),
      ];
      this.release = this.collector.hold();
    }
    this.sinks.add(sink);
  }

  remove(sink: EventSink): void {
    if (!this.sinks.delete(sink) || this.sinks.size > 0) return;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.release?.();
    this.release = null;
  }

  /** The latest known state as events: the last values, then the failure if one followed them. */
  initialEvents(): string {
    const state: CollectorState | null = this.collector.latest();
    if (!state) return '';
    if (!isFailure(state)) return statusEvent(state);
    const reading = this.collector.lastReading();
    return (reading ? statusEvent(reading) : '') + chargerErrorEvent(state);
  }

  private broadcast(chunk: string): void {
    for (const sink of [...this.sinks]) sink.write(chunk);
  }
}

export class EventHub {
  private readonly channels = new Map<string, ChargerChannel>();
  private readonly streams = new Map<EventSink, string[]>();

  constructor(private readonly options: HubOptions) {
    for (const [id, collector] of options.collectors) this.channels.set(id, new ChargerChannel(collector));
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
  }

  /** Writes to every open stream (the heartbeat). */
  broadcast(chunk: string): void {
    for (const sink of [...this.streams.keys()]) sink.write(chunk);
  }
}
