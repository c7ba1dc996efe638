/**
 * Short shared caches with single-flight: identical concurrent requests share one upstream call,
 * and an answer is kept for its TTL so clients polling out of step still share it.
 */

interface CacheEntry {
  at: number;
  body: string;
}

export class ResponseCache {
  private readonly inflight = new Map<string, Promise<string>>();
  /** Insertion-ordered, so the oldest entry is evicted first; bounded by maxEntries. */
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 64,
  ) {}

  /** `ttlMs` 0 shares the answer only while it is in flight. */
  get(key: string, ttlMs: number, load: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < ttlMs) return Promise.resolve(hit.body);
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = load()
      .then((body) => {
        if (ttlMs > 0) {
          this.entries.delete(key);
          this.entries.set(key, { at: this.now(), body });
          if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
        return body;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }
}
