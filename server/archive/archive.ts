/**
 * The archive as the server sees it: the SQLite store, one filler per charger, the event
 * recorder fed by the status collectors, and the readers the routes use.
 */
import type { ArchiveHealth } from '../../src/api/server-schemas.ts';
import type { HistoryClient } from './charger-reader.ts';
import { createEventRecorder, type EventRecorder } from './event-recorder.ts';
import { ArchiveFiller } from './filler.ts';
import { createPowerWriter, type PowerWriter } from './power-writer.ts';
import { createReaders, type ArchiveReaders } from './readers.ts';
import { createSessionWriter, type SessionWriter } from './session-writer.ts';
import type { StatusSource } from './status-port.ts';
import { openArchiveStore, type ArchiveStore } from './store.ts';

export interface ArchiveOptions {
  path: string;
  /** CHARGER_TIMEZONE: local days are the archive's unit. */
  zone: string;
  chargers: ReadonlyArray<{ id: string; client: HistoryClient }>;
  log?: (line: string) => void;
  /** Fill interval (5 minutes); tests shorten it. */
  intervalMs?: number;
  /** Oldest day asked while backfilling, in days before today. */
  maxDays?: number;
  now?: () => number;
}

export class Archive {
  readonly store: ArchiveStore;
  readonly readers: ArchiveReaders;
  readonly sessions: SessionWriter;
  readonly power: PowerWriter;
  readonly recorder: EventRecorder;
  readonly zone: string;
  private readonly fillers = new Map<string, ArchiveFiller>();
  private readonly sources = new Map<string, StatusSource>();
  private readonly detach: Array<() => void> = [];
  private readonly now: () => number;
  private healthCache = new Map<string, { at: number; fills: number; value: Omit<ArchiveHealth, 'backfillRunning' | 'lastError'> }>();

  constructor(options: ArchiveOptions) {
    this.zone = options.zone;
    this.now = options.now ?? Date.now;
    this.store = openArchiveStore(options.path, options.log);
    this.readers = createReaders(this.store);
    this.sessions = createSessionWriter(this.store);
    this.power = createPowerWriter(this.store);
    this.recorder = createEventRecorder(this.store, options.log);
    for (const { id, client } of options.chargers) {
      // Each charger's key is made now, while the file is surely writable.
      this.store.chargerKey(id);
      this.fillers.set(
        id,
        new ArchiveFiller({
          chargerId: id,
          client,
          store: this.store,
          sessions: this.sessions,
          power: this.power,
          zone: options.zone,
          measure: () => this.measure(id),
          log: options.log,
          ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
          ...(options.maxDays === undefined ? {} : { maxDays: options.maxDays }),
          ...(options.now === undefined ? {} : { now: options.now }),
        }),
      );
    }
  }

  /** Starts filling every charger's archive (backfill first, then every 5 minutes). */
  start(): void {
    for (const filler of this.fillers.values()) filler.start();
  }

  filler(chargerId: string): ArchiveFiller | undefined {
    return this.fillers.get(chargerId);
  }

  /** Records the events of a charger's status stream; a recovered charger is filled at once. */
  attach(source: StatusSource): void {
    this.sources.set(source.chargerId, source);
    this.detach.push(this.recorder.attach(source));
    let failing = false;
    this.detach.push(
      source.onFailure(() => {
        failing = true;
      }),
      source.onReading(() => {
        if (!failing) return;
        failing = false;
        const filler = this.fillers.get(source.chargerId);
        if (filler?.lastError) void filler.tick();
      }),
    );
  }

  /**
   * The measures to archive: building, cluster and the charger's connectors, as its status shows
   * them and as its sessions ran on them (sessions are read before power, so a first backfill
   * without a status reading yet still asks for every connector that ever charged).
   */
  measure(chargerId: string): string {
    const latest = this.sources.get(chargerId)?.latest();
    const connectors = new Set<number>(this.readers.connectors(chargerId).filter((n) => n >= 1 && n <= 4));
    if (latest && 'live' in latest && latest.live.evses.ok) {
      for (const evse of latest.live.evses.data) for (const c of evse.connectors) if (c.connectorId >= 1 && c.connectorId <= 4) connectors.add(c.connectorId);
    }
    if (connectors.size === 0) connectors.add(1);
    return [...[...connectors].sort((a, b) => a - b).map((n) => `connector${n}`), 'building', 'cluster'].join(',');
  }

  /** Progress for /api/health; counts are kept for a minute or until the next fill (a year of 50 chargers is 5 M rows). */
  health(chargerId: string): ArchiveHealth {
    const now = this.now();
    const filler = this.fillers.get(chargerId);
    const fills = filler?.fills ?? 0;
    let cached = this.healthCache.get(chargerId);
    if (!cached || now - cached.at > 60_000 || cached.fills !== fills) {
      cached = { at: now, fills, value: this.readers.health(chargerId) };
      this.healthCache.set(chargerId, cached);
    }
    return {
      ...cached.value,
      backfillRunning: filler?.backfilling ?? false,
      lastError: filler?.lastError ?? (this.store.full ? 'the archive’s disk is full' : null),
    };
  }

  async close(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    await Promise.all([...this.fillers.values()].map((f) => f.stop()));
    this.store.close();
  }
}
