/**
 * Short shared caches with single-flight: identical concurrent requests share one upstream call,
 * and an answer is kept for its TTL so clients polling out of step still share it.
 */

interface CacheEntry {
  at: number;
  body: string;
}

/** Who still wants an in-flight answer: it is abandoned only when every asker has gone. */
interface Interest {
  controller: AbortController;
  waiting: number;
  /** Someone asked without a way to say they went away (the archive, a collector): never abandon. */
  pinned: boolean;
}

export class ResponseCache {
  private readonly inflight = new Map<string, { promise: Promise<string>; interest: Interest }>();
  /** Insertion-ordered, so the oldest entry is evicted first; bounded by maxEntries. */
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 64,
  ) {}

  /**
   * `ttlMs` 0 shares the answer only while it is in flight. `signal`: this asker went away; when
   * every asker of an in-flight answer has, `load`'s signal aborts (so a request still waiting for
   * a connection is never sent).
   */
  get(key: string, ttlMs: number, load: (signal: AbortSignal) => Promise<string>, signal?: AbortSignal): Promise<string> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < ttlMs) return Promise.resolve(hit.body);
    const running = this.inflight.get(key);
    // An answer everyone gave up on may still be cancelled: a new asker gets a load of its own.
    if (running && !running.interest.controller.signal.aborted) {
      const release = this.register(running.interest, signal);
      running.promise.then(release, release);
      return running.promise;
    }
    const interest: Interest = { controller: new AbortController(), waiting: 0, pinned: false };
    const release = this.register(interest, signal);
    const promise = load(interest.controller.signal)
      .then((body) => {
        if (ttlMs > 0) {
          this.entries.delete(key);
          this.entries.set(key, { at: this.now(), body });
          if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
        return body;
      })
      .finally(() => {
        release();
        if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, { promise, interest });
    return promise;
  }

  /**
   * Counts the asker in; returns what lets go of its signal once the answer is in (a route that
   * asks the charger many times under one request would otherwise pile listeners on its signal).
   */
  private register(interest: Interest, signal: AbortSignal | undefined): () => void {
    if (!signal) {
      interest.pinned = true;
      return () => {};
    }
    interest.waiting += 1;
    const gone = () => {
      interest.waiting -= 1;
      if (interest.waiting === 0 && !interest.pinned) interest.controller.abort();
    };
    if (signal.aborted) {
      gone();
      return () => {};
    }
    signal.addEventListener('abort', gone, { once: true });
    return () => signal.removeEventListener('abort', gone);
  }
}
