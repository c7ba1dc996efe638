/**
 * The page's status stream against a stand-in EventSource, on fake timers: snapshots reach the
 * query cache under the snapshot query's key, dated by their arrival minus the age the server
 * gave them, and a stream that breaks or goes silent is replaced by polling until it flows again.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../../test-support/fake-event-source.ts';
import { ApiError } from './api-error.ts';
import { snapshotFixture } from '../../test-support/snapshot-fixtures.ts';
import { snapshotQuery } from './queries.ts';
import { StatusStream, type StreamTimings } from './status-stream.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const timings: StreamTimings = { statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 30_000 };
const key = (id: string) => snapshotQuery(id).queryKey;
const iso = (ms: number) => new Date(ms).toISOString();
/** A snapshot as the server sends it; `ageMs` is how old its reading was when it left. */
const snap = (chargerId: string, ageMs = 0, extra: Parameters<typeof snapshotFixture>[0] = {}) => snapshotFixture({ chargerId, ageMs, ...extra });

let polls: string[];
let client: QueryClient;
let stream: StatusStream;

function start(ids: string[], overrides: Partial<StreamTimings> = {}, onBuild?: (build: string) => void, onReconnect?: () => void) {
  stream = new StatusStream(client, {
    timings: { ...timings, ...overrides },
    createEventSource: (url) => new FakeEventSource(url),
    ...(onBuild ? { onBuild } : {}),
    ...(onReconnect ? { onReconnect } : {}),
  });
  stream.watch(ids);
  return FakeEventSource.latest;
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  FakeEventSource.reset();
  polls = [];
  vi.stubGlobal('fetch', async (url: string) => {
    polls.push(url);
    return new Response(JSON.stringify(snap('platz4', 300)), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  client = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } });
});

afterEach(() => {
  stream.stop();
  client.clear();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('StatusStream', () => {
  it('opens one stream for all chargers shown and writes their snapshots under the snapshot query’s key, dated by arrival minus age', async () => {
    const builds: string[] = [];
    const source = start(['platz5', 'platz4'], {}, (build) => builds.push(build));
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(source.url).toBe('/api/events?chargers=platz4,platz5');
    source.open();
    source.emit('build', { build: 'b1' });
    source.emit('snapshot', snap('platz4', 700));
    expect(builds).toEqual(['b1']);
    const state = client.getQueryState(key('platz4'))!;
    expect(state.status).toBe('success');
    expect(state.dataUpdatedAt).toBe(NOW - 700);
    expect(state.data).toMatchObject({ chargerId: 'platz4', connectors: { ok: true }, connectivity: { ok: true } });
    expect(client.getQueryData(key('platz5'))).toBeUndefined();

    // `fresh`: the same data (same object), a newer time.
    const data = state.data;
    await vi.advanceTimersByTimeAsync(5_000);
    source.emit('fresh', { chargerId: 'platz4', readAt: iso(NOW + 4_900), ageMs: 100 });
    expect(client.getQueryState(key('platz4'))).toMatchObject({ data, dataUpdatedAt: NOW + 4_900 });
    // Events every interval: a minute of stream, no request of the page's own.
    for (let t = 10_000; t <= 60_000; t += 5_000) {
      await vi.advanceTimersByTimeAsync(5_000);
      for (const id of ['platz4', 'platz5']) source.emit('fresh', { chargerId: id, readAt: iso(NOW + t), ageMs: 0 });
    }
    expect(stream.currentMode).toBe('stream');
    expect(polls).toEqual([]);
  });




  it('needs no clock of the server: a tablet set a day wrong still dates a reading by its own clock', () => {
    vi.setSystemTime(NOW + 86_400_000);
    const source = start(['platz4']);
    source.emit('snapshot', snap('platz4', 1_200));
    expect(client.getQueryState(key('platz4'))!.dataUpdatedAt).toBe(NOW + 86_400_000 - 1_200);
  });

  it('a snapshot whose charger cannot be read keeps the values beside the server’s reason', () => {
    const source = start(['platz4']);
    source.emit('snapshot', snap('platz4'));
    source.emit('snapshot', snap('platz4', 30_000, { problem: { code: 'charger_unreachable', message: 'the charger refused the connection', since: iso(NOW) } }));
    const state = client.getQueryState(key('platz4'))!;
    expect(state.status).toBe('success');
    expect(state.data).toMatchObject({ reachable: false, problem: { code: 'charger_unreachable' }, connectors: { ok: true } });
    expect(state.dataUpdatedAt).toBe(NOW - 30_000);
  });

  it('shows a malformed snapshot as that charger’s error, keeping its last values; ignores events for other chargers', () => {
    const source = start(['platz4']);
    source.emit('snapshot', snap('platz4'));
    source.emit('snapshot', { ...snap('platz4'), connectors: 'n/a' });
    const state = client.getQueryState(key('platz4'))!;
    expect(state.status).toBe('error');
    expect(state.error).toBeInstanceOf(ApiError);
    expect(state.error).toMatchObject({ kind: 'parse', message: expect.stringMatching(/^snapshot\.connectors/) });
    expect(state.data).toMatchObject({ chargerId: 'platz4' });
    source.emit('snapshot', snap('other'));
    source.emit('fresh', { chargerId: 'platz4' });
    expect(client.getQueryCache().getAll()).toHaveLength(1);
    source.emit('snapshot', snap('platz4'));
    expect(client.getQueryState(key('platz4'))).toMatchObject({ status: 'success', error: null });
  });

  it('a stream down longer than staleAfterMs says the server is unreachable; the browser’s own reconnect brings it back', async () => {
    const reconnects = vi.fn();
    const source = start(['platz4'], {}, undefined, reconnects);
    source.open();
    source.emit('snapshot', snap('platz4'));
    source.fail();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(client.getQueryState(key('platz4'))!.status).toBe('success');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(client.getQueryState(key('platz4'))!.error).toMatchObject({ kind: 'network' });
    // The browser reconnects the same EventSource; the server sends the state at once.
    source.open();
    source.emit('snapshot', snap('platz4'));
    expect(reconnects).toHaveBeenCalledTimes(1);
    expect(client.getQueryState(key('platz4'))!.status).toBe('success');
    expect(polls).toEqual([]);
  });

  it('a stream the browser gives up on (an error status) is replaced by polling at the server’s interval, and tried again later', async () => {
    const source = start(['platz4']);
    source.fail(true);
    expect(stream.currentMode).toBe('polling');
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toEqual(['/api/chargers/platz4/snapshot']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(polls).toHaveLength(3);
    expect(client.getQueryData(key('platz4'))).toBeDefined();
    // A polled snapshot is dated like a pushed one: its arrival minus its age.
    expect(client.getQueryState(key('platz4'))!.dataUpdatedAt).toBe(Date.now() - 300);
    // streamSilenceMs later the stream is tried again; once it delivers, polling stops.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    const retried = FakeEventSource.latest;
    retried.open();
    retried.emit('build', { build: 'b1' });
    expect(stream.currentMode).toBe('stream');
    const before = polls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(polls).toHaveLength(before);
  });

  it('while our server is away, the fallback asks every second, and at the server’s interval again once it answers', async () => {
    let serverUp = false;
    vi.stubGlobal('fetch', async (url: string) => {
      polls.push(url);
      if (!serverUp) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(snap('platz4')), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const source = start(['platz4']);
    source.fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    // Down: one poll a second, not one per 5 s interval.
    expect(polls).toHaveLength(4);
    serverUp = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(polls).toHaveLength(5);
    expect(client.getQueryData(key('platz4'))).toBeDefined();
    // Back: the server's interval again.
    await vi.advanceTimersByTimeAsync(4_500);
    expect(polls).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(polls).toHaveLength(6);
  });

  it('a stream that stays silent for streamSilenceMs (a buffering proxy) falls back to polling; a retried stream that is silent too keeps it polling', async () => {
    const source = start(['platz4']);
    source.open();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(stream.currentMode).toBe('stream');
    expect(polls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(stream.currentMode).toBe('polling');
    expect(source.isClosed).toBe(true);
    expect(polls).toHaveLength(1);
    // Retried after another 30 s, silent again for 30 s: closed, polling all along.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(FakeEventSource.instances[1]!.isClosed).toBe(true);
    expect(stream.currentMode).toBe('polling');
    expect(polls.length).toBeGreaterThanOrEqual(13);
  });

  it('a page without chargers (only the build) is never taken for silent', async () => {
    const source = start([]);
    expect(source.url).toBe('/api/events?chargers=');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(stream.currentMode).toBe('stream');
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('keeps the stream for the same chargers and reopens it for others', () => {
    start(['platz4']);
    stream.watch(['platz4']);
    expect(FakeEventSource.instances).toHaveLength(1);
    stream.watch(['platz4', 'platz5']);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[0]!.isClosed).toBe(true);
  });

  it('while it streams, the views’ status queries fetch nothing themselves', () => {
    start(['platz4']);
    const options = snapshotQuery('platz4');
    const enabled = options.enabled as () => boolean;
    expect(enabled()).toBe(false);
    stream.stop();
    expect(enabled()).toBe(true);
    expect(polls).toEqual([]);
  });

});
