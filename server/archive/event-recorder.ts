/**
 * Feeds the timeline: listens to a charger's status collector and writes the events its changes
 * mean, together with the state they were derived from (one transaction), so after a restart the
 * first reading is compared with the state before it and no event is written twice. Events are
 * also unique by (charger, time, kind, connector) in the table.
 */
import { parseLiveStatus } from '../../contract/live-status.ts';
import { deriveEvents, stateOf, unreachableState, type ChargerState, type DerivedEvent } from './event-deriver.ts';
import type { StatusReadingLike, StatusSource } from './status-port.ts';
import type { ArchiveStore } from './store.ts';

export function createEventRecorder(store: ArchiveStore, log?: (line: string) => void) {
  const loadState = store.db.prepare<[number], { state: string }>('SELECT state FROM charger_state WHERE charger = ?');
  const saveState = store.db.prepare('INSERT INTO charger_state (charger, state) VALUES (?, ?) ON CONFLICT (charger) DO UPDATE SET state = excluded.state');
  const insertEvent = store.db.prepare('INSERT OR IGNORE INTO events (charger, at, kind, connector, detail, seq) VALUES (?, ?, ?, ?, ?, ?)');
  /** The last state written, per charger key; read from the file on first use. */
  const states = new Map<number, ChargerState | null>();

  function stateFor(charger: number): ChargerState | null {
    if (!states.has(charger)) {
      const row = loadState.get(charger);
      states.set(charger, row ? (JSON.parse(row.state) as ChargerState) : null);
    }
    return states.get(charger) ?? null;
  }

  function record(chargerId: string, next: ChargerState, at: number, detail?: string): DerivedEvent[] {
    const charger = store.chargerKey(chargerId);
    const previous = stateFor(charger);
    const events = deriveEvents(previous, next, at).map((e) => (e.kind === 'unreachable' && detail ? { ...e, detail } : e));
    if (previous && events.length === 0 && JSON.stringify(previous) === JSON.stringify(next)) return [];
    const written = store.write(() => {
      events.forEach((e, seq) => insertEvent.run(charger, e.at, e.kind, e.connector, e.detail, seq));
      saveState.run(charger, JSON.stringify(next));
    });
    // On a full disk the state stays as it was: the change is found again once there is room.
    if (written !== undefined || !store.full) states.set(charger, next);
    return events;
  }

  return {
    reading(reading: StatusReadingLike): DerivedEvent[] {
      const previous = stateFor(store.chargerKey(reading.chargerId));
      const live = reading.live ?? parseLiveStatus(reading.json);
      return record(reading.chargerId, stateOf(live, previous ?? { connectors: {}, unreachable: false, loadGuardConnected: null }), reading.receivedAt);
    },
    failure(chargerId: string, code: string, message: string, since: number): DerivedEvent[] {
      // Only a charger we cannot reach is news for the timeline; a refused login or a bad answer is not.
      if (code !== 'charger_unreachable' && code !== 'charger_timeout') return [];
      const previous = stateFor(store.chargerKey(chargerId));
      if (previous?.unreachable) return [];
      return record(chargerId, unreachableState(previous), since, message);
    },
    /** Subscribes to a collector; returns the unsubscribe. */
    attach(source: StatusSource): () => void {
      const offReading = source.onReading((r) => {
        guard(() => this.reading(r));
      });
      const offFailure = source.onFailure((f) => {
        guard(() => this.failure(f.chargerId, f.error.code, f.error.message, f.since));
      });
      const release = source.hold();
      return () => {
        offReading();
        offFailure();
        release();
      };
    },
  };

  function guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      // A closed archive (shutdown) or a damaged row must not break the collector's other listeners.
      if (store.db.open) log?.(`archive: an event could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
export type EventRecorder = ReturnType<typeof createEventRecorder>;
