/**
 * Waiting work, one first-in-first-out line per client, served round-robin: a client that asks
 * for forty slow things waits behind itself, and every other client's next request goes out
 * before that client's second. The same rule the charger client keeps for charger history
 * (server/charger/scheduler.ts), here for the archive's reads.
 */
export class FairQueue<T> {
  /** One line per client; the Map's order is the round (a served client moves to its end). */
  private readonly lines = new Map<string, T[]>();
  private waiting = 0;

  constructor(private readonly maxPerClient: number) {}

  /** False when the client already has `maxPerClient` waiting. */
  push(clientKey: string, item: T): boolean {
    const line = this.lines.get(clientKey) ?? [];
    if (line.length >= this.maxPerClient) return false;
    line.push(item);
    this.lines.set(clientKey, line);
    this.waiting += 1;
    return true;
  }

  /** Takes a waiting item out (its client gave up); false when it was not waiting. */
  remove(clientKey: string, item: T): boolean {
    const line = this.lines.get(clientKey);
    const index = line?.indexOf(item) ?? -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    if (line.length === 0) this.lines.delete(clientKey);
    this.waiting -= 1;
    return true;
  }

  /** The next client's oldest item; that client then moves to the end of the round. */
  shift(): T | undefined {
    for (const [clientKey, line] of this.lines) {
      const item = line.shift();
      this.lines.delete(clientKey);
      if (line.length > 0) this.lines.set(clientKey, line);
      if (item !== undefined) {
        this.waiting -= 1;
        return item;
      }
    }
    return undefined;
  }

  get size(): number {
    return this.waiting;
  }

  /** Every waiting item, emptying the queue. */
  drain(): T[] {
    const all = [...this.lines.values()].flat();
    this.lines.clear();
    this.waiting = 0;
    return all;
  }
}
