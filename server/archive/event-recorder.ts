/**
 * Feeds the timeline: listens to the chargers' snapshots and writes the events their changes mean,
 * together with the state they were derived from (one transaction), so after a restart the first
 * snapshot is compared with the state before it and no event is written twice. Events are also
 * unique by (charger, time, kind, connector) in the table.
 */
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { deriveEvents, EMPTY_STATE, stateOf, unreachableState, type ChargerState, type DerivedEvent } from './event-deriver.ts';
import type { ArchiveStore } from './store.ts';

export function createEventRecorder(store: ArchiveStore) {
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
    /** A snapshot's events: its changes against the last state, or the start of an outage. */
    snapshot(snapshot: ChargerSnapshot): DerivedEvent[] {
      const previous = stateFor(store.chargerKey(snapshot.chargerId));
      const problem = snapshot.problem;
      if (problem) {
        // Only a charger we cannot reach is news for the timeline; a refused login or a bad answer is not.
        if (problem.code !== 'charger_unreachable' && problem.code !== 'charger_timeout') return [];
        if (previous?.unreachable) return [];
        return record(snapshot.chargerId, unreachableState(previous), Date.parse(problem.since), problem.message);
      }
      if (snapshot.readAt === null) return [];
      return record(snapshot.chargerId, stateOf(snapshot, previous ?? EMPTY_STATE), Date.parse(snapshot.readAt));
    },
  };
}
export type EventRecorder = ReturnType<typeof createEventRecorder>;
