/**
 * Feeds the snapshots into the notification rules (`notification-events.ts`) and what they derive
 * into the outbox. A charger's tracked state is written when something that decides an event
 * changed (a session opened or closed, a fault, reachability) or with a new event; a running
 * session's figures at most once a minute besides, so a reading every few seconds is not a write.
 */
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';
import type { NotificationConfig } from './home-config.ts';
import { deriveNotifications, type TrackedCharger } from './notification-events.ts';
import type { NotificationOutbox } from './notification-outbox.ts';

const SAVE_FIGURES_MS = 60_000;

export interface NotifierOptions {
  feed: SnapshotFeed;
  outbox: NotificationOutbox;
  config: NotificationConfig;
  chargerNames: ReadonlyMap<string, string>;
  now?: () => number;
}

export class Notifier {
  private readonly tracked = new Map<string, { state: TrackedCharger | null; savedAt: number; saved: string }>();
  private off: (() => void) | null = null;
  private readonly now: () => number;

  constructor(private readonly options: NotifierOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.off = this.options.feed.onSnapshot((snapshot) => this.take(snapshot));
  }

  close(): void {
    this.off?.();
    this.off = null;
  }

  take(snapshot: ChargerSnapshot): void {
    const { outbox, config } = this.options;
    if (!this.options.feed.chargerIds.includes(snapshot.chargerId)) return;
    let entry = this.tracked.get(snapshot.chargerId);
    if (!entry) {
      const state = outbox.state(snapshot.chargerId);
      entry = { state, savedAt: this.now(), saved: state ? structure(state) : '' };
      this.tracked.set(snapshot.chargerId, entry);
    }
    const now = this.now();
    const { state, events } = deriveNotifications(entry.state, snapshot, {
      chargerName: this.options.chargerNames.get(snapshot.chargerId) ?? snapshot.chargerId,
      rules: config.rules,
      unreachableMinutes: config.unreachableMinutes,
      now,
    });
    entry.state = state;
    const shape = structure(state);
    if (events.length > 0 || shape !== entry.saved || now - entry.savedAt >= SAVE_FIGURES_MS) {
      outbox.record(snapshot.chargerId, state, events);
      entry.saved = shape;
      entry.savedAt = now;
    }
  }
}

/** The part of the state that decides events (not the running figures). */
function structure(state: TrackedCharger): string {
  const connectors = Object.entries(state.connectors).map(([key, c]) => [key, c.open, c.openedAt, c.fault]);
  return JSON.stringify([connectors, state.unreachableSince, state.unreachableTold]);
}
