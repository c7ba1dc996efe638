/**
 * What a publisher of the server's meaning (the event stream, MQTT, notifications, metrics) needs:
 * every charger snapshot as it is built, the latest one on demand, and a hold that keeps the
 * chargers read while it listens (a publisher must not depend on a screen being open).
 */
import type { ChargerSnapshot } from '../../contract/snapshot.ts';

export interface SnapshotFeed {
  /** The chargers this server reads, in configuration order. */
  readonly chargerIds: readonly string[];
  /**
   * Called after every reading or failure of any charger with its new snapshot. `changed` is false
   * when only the reading's age moved (the charger answered the same values again).
   */
  onSnapshot(listener: (snapshot: ChargerSnapshot, changed: boolean) => void): () => void;
  /** The latest snapshot of a charger, its `ageMs` as of now; null before its first reading or failure. */
  latest(chargerId: string): ChargerSnapshot | null;
  /** Keeps these chargers' collectors (default: every charger's) reading until released. */
  hold(chargerIds?: readonly string[]): () => void;
}
