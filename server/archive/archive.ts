/**
 * The archive as the server sees it: the SQLite store (written on the main thread), one filler
 * per charger, the event recorder fed by the chargers' snapshots, and the reader threads the
 * routes read through.
 */
import type { ArchiveHealth, ArchiveProblem } from '../../src/api/server-schemas.ts';
import { codeOf, damagedPage, describeProblem, diagnose, isDamage } from './diagnosis.ts';
import type { HistoryClient } from './charger-reader.ts';
import { createEventRecorder, type EventRecorder } from './event-recorder.ts';
import { ArchiveFiller } from './filler.ts';
import { createPowerWriter, type PowerWriter } from './power-writer.ts';
import { ArchiveReadPool, type ReadOp, type ReadRequester } from './read-pool.ts';
import type { ArchiveCounts, ArchiveReaders } from './readers.ts';
import { createSessionWriter, type SessionWriter } from './session-writer.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import { ArchiveFileError, openArchiveStore, type ArchiveStore, type StoreOptions } from './store.ts';
import { createZoneMarks, type ZoneMarks } from './zone-change.ts';

export interface ArchiveOptions {
  path: string;
  /**
   * Each charger's zone (server/charger-zones.ts `zoneOf`), asked anew for every fill and read, so
   * a zone changed on the settings screen applies from the next one; a string is one zone for all.
   * Local days of it are the archive's unit.
   */
  zone: string | ((chargerId: string) => string);
  chargers: ReadonlyArray<{ id: string; client: HistoryClient }>;
  log?: (line: string) => void;
  /** Fill interval (5 minutes); tests shorten it. */
  intervalMs?: number;
  /** How far back a new charger's history is read, in days before today (ARCHIVE_HORIZON_DAYS). */
  horizonDays?: number;
  now?: () => number;
  /** Reader threads (0: read on the main thread); default from the machine's cores. */
  readThreads?: number;
  /**
   * Checks the whole file once after opening (SQLite's quick_check, on a thread of its own), so
   * damage in the middle of the file is found, logged and shown before a read runs into it.
   */
  integrityCheck?: boolean;
  /** For tests: a file opened read-only, faults in the write path. */
  store?: StoreOptions;
}

export class Archive {
  readonly store: ArchiveStore;
  /** The archive's reads, on reader threads, in a fair queue per client. */
  readonly reads: ArchiveReadPool;
  readonly sessions: SessionWriter;
  readonly power: PowerWriter;
  readonly recorder: EventRecorder;
  private readonly zoneSource: (chargerId: string) => string;
  private readonly zoneMarks: ZoneMarks;
  /** The zone each charger's complete-day marks are known to be cut in. */
  private readonly marksZone = new Map<string, string>();
  private readonly fillers = new Map<string, ArchiveFiller>();
  private readonly fillListeners = new Set<(chargerId: string) => void>();
  private feed: SnapshotFeed | null = null;
  private readonly detach: Array<() => void> = [];
  private readonly healthCache = new Map<string, { at: number; fills: number; value: Promise<ArchiveCounts> }>();
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private checking: Promise<void> | null = null;
  private checker: ArchiveReadPool | null = null;
  private closed = false;

  /** Throws ArchiveFileError (with its `problem`) when the file cannot be used at all. */
  constructor(options: ArchiveOptions) {
    const { zone } = options;
    this.zoneSource = typeof zone === 'string' ? () => zone : zone;
    this.log = options.log ?? (() => {});
    this.now = options.now ?? Date.now;
    this.store = openArchiveStore(options.path, options.log, options.store);
    try {
      this.zoneMarks = createZoneMarks(this.store);
      this.sessions = createSessionWriter(this.store);
      this.power = createPowerWriter(this.store);
      this.recorder = createEventRecorder(this.store);
      // Each charger's key is made now (a file that cannot take a new one answers no rows for it).
      for (const { id } of options.chargers) this.store.chargerKey(id);
    } catch (error) {
      this.store.close();
      throw new ArchiveFileError(diagnose(this.store.path, error));
    }
    this.reads = new ArchiveReadPool({ file: this.store.path, ...(options.readThreads === undefined ? {} : { threads: options.readThreads }), ...(options.log ? { log: options.log } : {}) });
    for (const { id, client } of options.chargers) {
      this.fillers.set(
        id,
        new ArchiveFiller({
          chargerId: id,
          client,
          store: this.store,
          sessions: this.sessions,
          power: this.power,
          zone: () => this.zoneOf(id),
          measure: () => this.measure(id),
          log: options.log,
          onFilled: () => {
            for (const listener of [...this.fillListeners]) listener(id);
          },
          ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
          ...(options.horizonDays === undefined ? {} : { horizonDays: options.horizonDays }),
          ...(options.now === undefined ? {} : { now: options.now }),
        }),
      );
    }
    if (options.integrityCheck !== false) this.checking = this.checkIntegrity();
  }

  /**
   * The charger's zone for the archive's local days now. When it differs from the zone its days
   * were archived complete in, the marks are first carried over (zone-change.ts); while the disk is
   * full that waits, and is tried again on the next call.
   */
  zoneOf(chargerId: string): string {
    const zone = this.zoneSource(chargerId);
    if (this.marksZone.get(chargerId) !== zone) this.adoptZone(chargerId, zone);
    return zone;
  }

  private adoptZone(chargerId: string, zone: string): void {
    const marked = this.zoneMarks.zoneOf(chargerId);
    if (marked === null || marked === zone) {
      if (marked === null) this.zoneMarks.record(chargerId, zone);
      this.marksZone.set(chargerId, zone);
      return;
    }
    if (!this.zoneMarks.convert(chargerId, marked, zone)) return;
    this.power.forget(chargerId);
    this.marksZone.set(chargerId, zone);
    this.healthCache.delete(chargerId);
    this.log(`archive: charger ${chargerId}: complete days carried over from ${marked} to ${zone}; days at the edge are read again`);
  }

  /** What keeps the archive from being written or read, or null. */
  problem(): ArchiveProblem | null {
    return this.store.problem;
  }

  /** Whether a write may succeed now (a full disk is tried again on every write). */
  writable(): boolean {
    const kind = this.store.problem?.kind;
    return kind === undefined || kind === 'disk_full';
  }

  /**
   * Runs a read on a reader thread in the asker's turn. A read that finds the file damaged stops
   * all writes, and the file is checked to name the damaged page.
   */
  async read<K extends ReadOp>(op: K, args: Parameters<ArchiveReaders[K]>, who: ReadRequester = {}): Promise<ReturnType<ArchiveReaders[K]>> {
    try {
      return await this.reads.run(op, args, who);
    } catch (error) {
      this.noticeFailure(error);
      throw error;
    }
  }

  /** A failed read or write of the file (any thread): damage stops the writes and is looked into. */
  noticeFailure(error: unknown): void {
    if (!isDamage(codeOf(error)) || this.closed) return;
    const known = this.store.problem?.kind;
    if (known === 'damaged' || known === 'truncated') return;
    const found = diagnose(this.store.path, error);
    this.store.markDamaged(found.kind === 'truncated' ? found : describeProblem(this.store.path, { kind: 'damaged', detail: codeOf(error) }));
    // The check names the page.
    this.checking ??= this.checkIntegrity();
  }

  /** SQLite's quick check of the whole file, on a thread of its own; damage found stops the writes. */
  private async checkIntegrity(): Promise<void> {
    const checker = new ArchiveReadPool({ file: this.store.path, threads: 1, log: this.log });
    this.checker = checker;
    try {
      const lines = await checker.run('quickCheck', []);
      if (this.closed || (lines.length === 1 && lines[0] === 'ok') || this.store.problem?.kind === 'truncated') return;
      this.store.markDamaged(describeProblem(this.store.path, { kind: 'damaged', page: damagedPage(lines), detail: `SQLite's check: ${lines[0]}` }));
    } catch (error) {
      if (!this.closed) this.noticeFailure(error);
    } finally {
      this.checker = null;
      await checker.close();
      this.checking = null;
    }
  }

  /** Resolves once the integrity check under way (if any) is done; for tests. */
  async checked(): Promise<void> {
    await this.checking;
  }

  /** Starts filling every charger's archive (backfill first, then every 5 minutes). */
  start(): void {
    for (const filler of this.fillers.values()) filler.start();
  }

  /** Hears of each charger's fill as it ends (the first fill of a new archive, then every round). */
  onFilled(listener: (chargerId: string) => void): () => void {
    this.fillListeners.add(listener);
    return () => this.fillListeners.delete(listener);
  }

  filler(chargerId: string): ArchiveFiller | undefined {
    return this.fillers.get(chargerId);
  }

  /**
   * Records the timeline from the chargers' snapshots, holding every charger so it is recorded
   * while no screen is open; a charger that answers again after failing is filled at once.
   */
  attach(feed: SnapshotFeed): void {
    this.feed = feed;
    const failing = new Set<string>();
    this.detach.push(
      feed.onSnapshot((snapshot, changed) => {
        if (changed) this.guard(() => this.recorder.snapshot(snapshot));
        if (!snapshot.reachable) {
          failing.add(snapshot.chargerId);
        } else if (failing.delete(snapshot.chargerId)) {
          const filler = this.fillers.get(snapshot.chargerId);
          if (filler?.lastError) void filler.tick();
        }
      }),
      feed.hold(),
    );
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      // A closed archive (shutdown) or a damaged row must not break the feed's other listeners.
      if (this.store.db.open) this.log(`archive: an event could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * The measures to archive: building, cluster and the charger's connectors, as its status shows
   * them and as its sessions ran on them (sessions are read before power, so a first backfill
   * without a status reading yet still asks for every connector that ever charged).
   */
  measure(chargerId: string): string {
    const latest = this.feed?.latest(chargerId);
    const connectors = new Set<number>(this.sessions.connectors(chargerId).filter((n) => n >= 1 && n <= 4));
    if (latest?.connectors.ok) for (const c of latest.connectors.data) if (c.number >= 1 && c.number <= 4) connectors.add(c.number);
    if (connectors.size === 0) connectors.add(1);
    return [...[...connectors].sort((a, b) => a - b).map((n) => `connector${n}`), 'building', 'cluster'].join(',');
  }

  /**
   * Progress for /api/health; the counts are read on a reader thread ahead of the screens' reads,
   * and kept for a minute or until the next fill.
   */
  async health(chargerId: string): Promise<ArchiveHealth> {
    const now = this.now();
    const filler = this.fillers.get(chargerId);
    const fills = filler?.fills ?? 0;
    let cached = this.healthCache.get(chargerId);
    if (!cached || now - cached.at > 60_000 || cached.fills !== fills) {
      const value = this.read('health', [chargerId], { priority: true });
      // A failed count is not kept: the next health check asks again.
      value.catch(() => this.healthCache.delete(chargerId));
      cached = { at: now, fills, value };
      this.healthCache.set(chargerId, cached);
    }
    const counts = await cached.value;
    return {
      ...counts,
      backfillRunning: filler?.backfilling ?? false,
      lastError: filler?.lastError ?? this.store.problem?.message ?? null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const off of this.detach.splice(0)) off();
    await Promise.all([...this.fillers.values()].map((f) => f.stop()));
    await this.reads.close();
    await this.checker?.close();
    await this.checking?.catch(() => {});
    this.store.close();
  }
}
