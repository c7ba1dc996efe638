/**
 * The notifications' outbox, in the archive: each event is written once per target together with
 * the charger state it was derived from (one transaction, so a crash can neither lose an event nor
 * derive it twice), then delivered in order per target: the oldest first, the others wait behind
 * it. A target that fails keeps its messages and is asked again after a pause that doubles (5 s to
 * 10 min by default); the other targets go on.
 * Nothing is lost across a restart: what was not delivered is still in the table. Messages older
 * than a week that no receiver took are dropped with a log line.
 */
import type { ArchiveStore } from '../archive/store.ts';
import type { MessageLanguage } from './home-config.ts';
import type { DeliveryTarget } from './delivery-targets.ts';
import type { KeyedEvent, NotificationEvent, TrackedCharger } from './notification-events.ts';

export interface OutboxOptions {
  store: ArchiveStore;
  targets: readonly DeliveryTarget[];
  language: MessageLanguage;
  log: (line: string) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

const GIVE_UP_MS = 7 * 24 * 3_600_000;
const KEEP_DELIVERED_MS = 30 * 24 * 3_600_000;

interface OutboxRow {
  id: number;
  event: string;
  attempts: number;
  created: number;
}

export class NotificationOutbox {
  private readonly now: () => number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** What was last logged per target: a receiver down for a day is one line, not one per try. */
  private readonly logged = new Map<string, string>();
  private readonly sql;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
    this.minBackoffMs = options.minBackoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
    const db = options.store.db;
    this.sql = {
      readState: db.prepare<[string], { state: string }>('SELECT state FROM notification_state WHERE charger = ?'),
      saveState: db.prepare('INSERT INTO notification_state (charger, state) VALUES (?, ?) ON CONFLICT (charger) DO UPDATE SET state = excluded.state'),
      add: db.prepare('INSERT OR IGNORE INTO notification_outbox (event_key, target, event, created, next_at) VALUES (?, ?, ?, ?, ?)'),
      // Per target the oldest message first: the ones behind it wait, so they arrive in order.
      head: db.prepare<[string], OutboxRow & { next_at: number }>('SELECT id, event, attempts, created, next_at FROM notification_outbox WHERE target = ? AND delivered IS NULL ORDER BY id LIMIT 1'),
      delivered: db.prepare('UPDATE notification_outbox SET delivered = ?, last_error = NULL WHERE id = ?'),
      failed: db.prepare('UPDATE notification_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?'),
      pause: db.prepare('UPDATE notification_outbox SET next_at = ? WHERE id = ?'),
      drop: db.prepare('DELETE FROM notification_outbox WHERE id = ?'),
      nextDue: db.prepare<[], { next: number | null }>(
        'SELECT min(next_at) AS next FROM notification_outbox o WHERE delivered IS NULL AND id = (SELECT min(id) FROM notification_outbox WHERE target = o.target AND delivered IS NULL)',
      ),
      pending: db.prepare<[], { target: string; n: number }>('SELECT target, count(*) AS n FROM notification_outbox WHERE delivered IS NULL GROUP BY target'),
      prune: db.prepare('DELETE FROM notification_outbox WHERE delivered IS NOT NULL AND delivered < ?'),
    };
  }

  start(): void {
    this.options.store.write(() => this.sql.prune.run(this.now() - KEEP_DELIVERED_MS));
    this.kick();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  state(chargerId: string): TrackedCharger | null {
    const row = this.sql.readState.get(chargerId);
    if (!row) return null;
    try {
      return JSON.parse(row.state) as TrackedCharger;
    } catch {
      return null;
    }
  }

  /** Keeps the charger's state and queues its events for every target, in one transaction. */
  record(chargerId: string, state: TrackedCharger, events: readonly KeyedEvent[]): void {
    const now = this.now();
    const written = this.options.store.write(() => {
      this.sql.saveState.run(chargerId, JSON.stringify(state));
      for (const { key, event } of events) for (const target of this.options.targets) this.sql.add.run(key, target.kind, JSON.stringify(event), now, now);
    });
    if (written === undefined && events.length > 0) this.options.log(`notifications: ${events.length} not queued, the archive's disk is full`);
    if (events.length > 0) this.kick();
  }

  /** Undelivered messages per target kind. */
  pending(): Record<string, number> {
    return Object.fromEntries(this.sql.pending.all().map((row) => [row.target, row.n]));
  }

  /** Delivers what is due soon (not within this call). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.deliverDue().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.scheduleNext();
        }
      });
    }, 0);
    this.timer.unref();
  }

  private scheduleNext(): void {
    if (this.closed) return;
    const next = this.sql.nextDue.get()?.next;
    if (next === null || next === undefined) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, next - this.now()));
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    await Promise.all(this.options.targets.map((target) => this.deliverTo(target)));
  }

  private async deliverTo(target: DeliveryTarget): Promise<void> {
    const { store, language, log } = this.options;
    for (;;) {
      if (this.closed) return;
      const row = this.sql.head.get(target.kind);
      if (!row || row.next_at > this.now()) return;
      if (this.now() - row.created > GIVE_UP_MS) {
        store.write(() => this.sql.drop.run(row.id));
        log(`notifications: ${target.kind} (${target.address}) took no message for a week; one dropped`);
        continue;
      }
      try {
        await target.deliver(JSON.parse(row.event) as NotificationEvent, language);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const wait = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** Math.min(row.attempts, 20));
        store.write(() => {
          this.sql.failed.run(reason, row.id);
          this.sql.pause.run(this.now() + wait, row.id);
        });
        const line = `notifications: ${target.kind} (${target.address}) cannot be reached: ${reason}; kept, tried again`;
        if (this.logged.get(target.kind) !== line) log(line);
        this.logged.set(target.kind, line);
        return;
      }
      store.write(() => this.sql.delivered.run(this.now(), row.id));
      if (this.logged.delete(target.kind)) log(`notifications: ${target.kind} (${target.address}) reached again`);
    }
  }
}
