import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.ts';

/** A load that resolves on demand and reports whether it was abandoned. */
function deferredLoad() {
  let finish: (body: string) => void = () => {};
  let loadSignal: AbortSignal | null = null;
  let calls = 0;
  const load = (signal: AbortSignal) => {
    calls += 1;
    loadSignal = signal;
    return new Promise<string>((resolve) => (finish = resolve));
  };
  return { load, finish: (body: string) => finish(body), abandoned: () => loadSignal?.aborted ?? false, calls: () => calls };
}

describe('ResponseCache', () => {
  it('shares one load between concurrent askers and keeps the answer for its TTL', async () => {
    let now = 0;
    const cache = new ResponseCache(() => now);
    const d = deferredLoad();
    const a = cache.get('k', 1000, d.load);
    const b = cache.get('k', 1000, d.load);
    d.finish('answer');
    expect(await Promise.all([a, b])).toEqual(['answer', 'answer']);
    now = 999;
    expect(await cache.get('k', 1000, d.load)).toBe('answer');
    expect(d.calls()).toBe(1);
  });

  it("lets go of an asker's signal once its answer is in: one request may ask many times", async () => {
    const cache = new ResponseCache(() => 0);
    const request = new AbortController();
    for (let i = 0; i < 20; i++) {
      const d = deferredLoad();
      const first = cache.get(`day ${i}`, 0, d.load, request.signal);
      const joined = cache.get(`day ${i}`, 0, d.load, request.signal);
      expect(getEventListeners(request.signal, 'abort')).toHaveLength(2);
      d.finish('answer');
      await Promise.all([first, joined]);
      expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    }
  });

  it('abandons an in-flight load only when every asker has gone', () => {
    const cache = new ResponseCache(() => 0);
    const d = deferredLoad();
    const one = new AbortController();
    const two = new AbortController();
    void cache.get('k', 0, d.load, one.signal).catch(() => {});
    void cache.get('k', 0, d.load, two.signal).catch(() => {});
    one.abort();
    expect(d.abandoned()).toBe(false);
    two.abort();
    expect(d.abandoned()).toBe(true);
  });

  it('never abandons a load someone asked for without a signal (the archive, a collector)', () => {
    const cache = new ResponseCache(() => 0);
    const d = deferredLoad();
    const screen = new AbortController();
    void cache.get('k', 0, d.load, screen.signal).catch(() => {});
    void cache.get('k', 0, d.load).catch(() => {});
    screen.abort();
    expect(d.abandoned()).toBe(false);
  });

  it('gives a new asker a load of its own once the shared one was abandoned', () => {
    const cache = new ResponseCache(() => 0);
    const d = deferredLoad();
    const gone = new AbortController();
    void cache.get('k', 0, d.load, gone.signal).catch(() => {});
    gone.abort();
    void cache.get('k', 0, d.load).catch(() => {});
    expect(d.calls()).toBe(2);
  });
});
