/**
 * Every retained topic we have ever published (discovery configurations and states), by charger,
 * kept in the archive: a broker holds retained messages forever, so when a charger leaves the
 * configuration (or a connector leaves a charger) we must know what to clear, even after a restart.
 */
import type { ArchiveStore } from '../archive/store.ts';

export class TopicRegistry {
  private readonly known = new Map<string, string>();
  private readonly insert;
  private readonly remove;

  constructor(private readonly store: ArchiveStore) {
    for (const row of store.db.prepare<[], { topic: string; charger: string }>('SELECT topic, charger FROM published_topics').all()) this.known.set(row.topic, row.charger);
    this.insert = store.db.prepare('INSERT INTO published_topics (topic, charger) VALUES (?, ?) ON CONFLICT (topic) DO UPDATE SET charger = excluded.charger');
    this.remove = store.db.prepare('DELETE FROM published_topics WHERE topic = ?');
  }

  /** Written before the topic is published, so a crash in between leaves nothing unknown behind. */
  remember(topic: string, chargerId: string): void {
    if (this.known.get(topic) === chargerId) return;
    if (this.store.write(() => this.insert.run(topic, chargerId)) !== undefined) this.known.set(topic, chargerId);
  }

  forget(topic: string): void {
    if (!this.known.has(topic)) return;
    if (this.store.write(() => this.remove.run(topic)) !== undefined) this.known.delete(topic);
  }

  topicsOf(chargerId: string): string[] {
    return [...this.known].filter(([, charger]) => charger === chargerId).map(([topic]) => topic);
  }

  /** Topics of chargers that are not (any longer) configured. */
  topicsNotOf(chargerIds: readonly string[]): string[] {
    const configured = new Set(chargerIds);
    return [...this.known].filter(([, charger]) => !configured.has(charger)).map(([topic]) => topic);
  }
}
