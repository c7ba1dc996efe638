/**
 * The server's meaning of every reading, in one place: listens to each charger's status collector,
 * builds a snapshot per reading or failure (build-snapshot.ts) with the charger's zone, the price
 * and the calendar's energy, keeps the latest per charger and hands it to every publisher (the
 * event stream, the archive's timeline, MQTT, notifications, metrics) through `SnapshotFeed`.
 */
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { isPlugged } from '../../contract/state-vocabulary.ts';
import { isFailure, type CollectorFailure, type StatusCollector, type StatusReading } from '../collector/status-collector.ts';
import { buildSnapshot } from './build-snapshot.ts';
import type { EnergyPeriods } from './energy-periods.ts';
import type { SnapshotFeed } from './snapshot-feed.ts';

export interface SnapshotServiceOptions {
  collectors: ReadonlyMap<string, StatusCollector>;
  /** The charger's IANA zone, asked at every build (a zone changed in the settings applies at once). */
  zoneOf: (chargerId: string) => string;
  /** The price every cost is computed at; `pricePerKwh` null for none. */
  pricing: () => { pricePerKwh: number | null; currency: string };
  /** Today's and this month's energy; absent without an archive (then unknown). */
  energy?: EnergyPeriods | null;
  now?: () => number;
  log?: (line: string) => void;
}

type Listener = (snapshot: ChargerSnapshot, changed: boolean) => void;

interface ChargerEntry {
  reading: StatusReading | null;
  failure: CollectorFailure | null;
  snapshot: ChargerSnapshot | null;
  /**
   * Per connector key: when its car was first seen plugged in; `unknown` for a car already plugged
   * in at this server's first reading (dated only once it has been unplugged and plugged again).
   */
  pluggedSince: Map<string, number | 'unknown'>;
}

const NO_ENERGY = { todayKwh: null, monthKwh: null };

export class SnapshotService implements SnapshotFeed {
  readonly chargerIds: readonly string[];
  private readonly options: SnapshotServiceOptions;
  private readonly now: () => number;
  private readonly entries = new Map<string, ChargerEntry>();
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(options: SnapshotServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.chargerIds = [...options.collectors.keys()];
    for (const [id, collector] of options.collectors) {
      this.entries.set(id, { reading: null, failure: null, snapshot: null, pluggedSince: new Map() });
      this.unsubscribe.push(
        collector.onReading((reading) => this.onReading(reading)),
        collector.onFailure((failure) => this.onFailure(failure)),
      );
      // A collector read before we listened (a health check) still counts.
      const state = collector.latest();
      if (state) {
        const entry = this.entries.get(id)!;
        entry.reading = collector.lastReading();
        entry.failure = isFailure(state) ? state : null;
      }
    }
    // New calendar figures (a fill landed, the day turned) are news for every screen.
    options.energy?.onChange((chargerId) => this.rebuild(chargerId, true));
  }

  onSnapshot(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latest(chargerId: string): ChargerSnapshot | null {
    const entry = this.entries.get(chargerId);
    if (!entry) return null;
    entry.snapshot ??= entry.reading || entry.failure ? this.build(chargerId, entry) : null;
    const snapshot = entry.snapshot;
    if (!snapshot || entry.reading === null) return snapshot;
    return { ...snapshot, ageMs: Math.max(0, this.now() - entry.reading.receivedAt) };
  }

  hold(chargerIds: readonly string[] = this.chargerIds): () => void {
    const releases = chargerIds.map((id) => this.options.collectors.get(id)?.hold() ?? (() => {}));
    const energy = this.options.energy?.hold(chargerIds);
    return () => {
      for (const release of releases) release();
      energy?.();
    };
  }

  /** The price changed (settings saved): every snapshot's costs change with it. */
  pricingChanged(): void {
    for (const id of this.chargerIds) this.rebuild(id, true);
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.listeners.clear();
  }

  private onReading(reading: StatusReading): void {
    const entry = this.entries.get(reading.chargerId);
    if (!entry) return;
    const recovered = entry.failure !== null;
    entry.reading = reading;
    entry.failure = null;
    const changed = reading.changed || recovered || entry.snapshot === null;
    if (changed) {
      entry.snapshot = this.build(reading.chargerId, entry);
      this.options.energy?.observe(reading.chargerId, entry.snapshot);
    } else if (entry.snapshot) {
      entry.snapshot = { ...entry.snapshot, readAt: new Date(reading.receivedAt).toISOString(), ageMs: Math.max(0, this.now() - reading.receivedAt) };
    }
    this.emit(entry.snapshot!, changed);
  }

  private onFailure(failure: CollectorFailure): void {
    const entry = this.entries.get(failure.chargerId);
    if (!entry) return;
    entry.failure = failure;
    entry.snapshot = this.build(failure.chargerId, entry);
    this.emit(entry.snapshot, true);
  }

  private rebuild(chargerId: string, changed: boolean): void {
    const entry = this.entries.get(chargerId);
    if (!entry || (!entry.reading && !entry.failure)) return;
    entry.snapshot = this.build(chargerId, entry);
    this.emit(entry.snapshot, changed);
  }

  private build(chargerId: string, entry: ChargerEntry): ChargerSnapshot {
    const now = this.now();
    const snapshot = buildSnapshot({
      chargerId,
      zone: this.options.zoneOf(chargerId),
      reading: entry.reading,
      failure: entry.failure ? { code: entry.failure.error.code, message: entry.failure.error.message, since: entry.failure.since } : null,
      pricing: this.options.pricing(),
      energy: this.options.energy?.of(chargerId) ?? NO_ENERGY,
      pluggedInAt: (key) => {
        const since = entry.pluggedSince.get(key);
        return typeof since === 'number' ? since : null;
      },
      now,
    });
    // A car plugged in with this very reading: built again, now knowing since when.
    if (entry.reading && trackPlugging(entry.pluggedSince, snapshot, entry.reading.receivedAt, entry.snapshot === null)) return this.build(chargerId, entry);
    return snapshot;
  }

  private emit(snapshot: ChargerSnapshot, changed: boolean): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot, changed);
      } catch (error) {
        this.options.log?.(`charger ${snapshot.chargerId}: a snapshot listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/**
 * Since when each connector's car has been plugged in, as far as this server has seen: the first
 * reading of a plugged state after an unplugged one. Returns whether a connector was newly dated.
 */
function trackPlugging(pluggedSince: Map<string, number | 'unknown'>, snapshot: ChargerSnapshot, readAt: number, firstReading: boolean): boolean {
  if (!snapshot.connectors.ok) return false;
  let dated = false;
  for (const connector of snapshot.connectors.data) {
    const plugged = isPlugged(connector.state.kind) || connector.state.sessionOpen;
    if (!plugged) pluggedSince.delete(connector.key);
    else if (!pluggedSince.has(connector.key)) {
      pluggedSince.set(connector.key, firstReading ? 'unknown' : readAt);
      dated ||= !firstReading;
    }
  }
  return dated;
}
