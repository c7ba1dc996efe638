/**
 * The page's status stream against a stand-in EventSource, on fake timers: events reach the query
 * cache under the status query's key with the server's time, failures become the query's error,
 * and a stream that breaks or goes silent is replaced by polling until it flows again.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../../test-support/fake-event-source.ts';
import { ApiError } from './api-error.ts';
import status from '../../contract/fixtures/general-status.json';
import { generalStatusQuery } from './queries.ts';
import { StatusStream, type StreamTimings } from './status-stream.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const timings: StreamTimings = { statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 30_000, clockOffsetMs: 0 };
const key = (id: string) => generalStatusQuery(id).queryKey;
const iso = (ms: number) => new Date(ms).toISOString();

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
    return new Response(JSON.stringify(status), { status: 200, headers: { 'content-type': 'application/json' } });
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
  it('opens one stream for all chargers shown and writes their statuses under the status query’s key, dated by the server', async () => {
    const builds: string[] = [];
    const source = start(['platz5', 'platz4'], {}, (build) => builds.push(build));
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(source.url).toBe('/api/events?chargers=platz4,platz5');
    source.open();
    source.emit('build', { build: 'b1' });
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW - 700), status });
    expect(builds).toEqual(['b1']);
    const state = client.getQueryState(key('platz4'))!;
    expect(state.status).toBe('success');
    expect(state.dataUpdatedAt).toBe(NOW - 700);
    expect(state.data).toMatchObject({ evses: { ok: true }, connectivity: { ok: true } });
    expect(client.getQueryData(key('platz5'))).toBeUndefined();

    // `fresh`: the same data (same object), a newer time.
    const data = state.data;
    await vi.advanceTimersByTimeAsync(5_000);
    source.emit('fresh', { chargerId: 'platz4', receivedAt: iso(NOW + 4_900) });
    expect(client.getQueryState(key('platz4'))).toMatchObject({ data, dataUpdatedAt: NOW + 4_900 });
    // Events every interval: a minute of stream, no status request of the page's own.
    for (let t = 10_000; t <= 60_000; t += 5_000) {
      await vi.advanceTimersByTimeAsync(5_000);
      for (const id of ['platz4', 'platz5']) source.emit('fresh', { chargerId: id, receivedAt: iso(NOW + t) });
    }
    expect(stream.currentMode).toBe('stream');
    expect(polls).toEqual([]);
  });

  it('dates readings on this tablet’s clock, corrected by the offset learnt from the server', () => {
    // The server's clock is 90 s ahead of the tablet's.
    const source = start(['platz4'], { clockOffsetMs: 90_000 });
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW + 90_000), status });
    expect(client.getQueryState(key('platz4'))!.dataUpdatedAt).toBe(NOW);
  });

  it('never dates a reading after its arrival: a late-read clock offset is corrected by the stream', async () => {
    // The charger list was read 1.8 s after the server stamped its `now` (a slow tablet reading the
    // preloaded answer): its offset says the server is 1.8 s behind, which it is not.
    const source = start(['platz4'], { clockOffsetMs: -1_800 });
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW - 40), status });
    // Dated at its arrival, the closest the tablet can tell, not 1.76 s in the future (which the
    // staleness rule reads as a set-back clock).
    expect(client.getQueryState(key('platz4'))!.dataUpdatedAt).toBe(NOW);
    // The next reading on the learnt offset: 40 ms later than its server time says.
    await vi.advanceTimersByTimeAsync(5_000);
    source.emit('fresh', { chargerId: 'platz4', receivedAt: iso(NOW + 4_950) });
    expect(client.getQueryState(key('platz4'))!.dataUpdatedAt).toBe(NOW + 4_990);
  });

  it('follows a jump of this tablet’s clock at once', async () => {
    let monotonic = 0;
    stream = new StatusStream(client, { timings, createEventSource: (url) => new FakeEventSource(url), monotonicNow: () => monotonic });
    stream.watch(['platz4']);
    const source = FakeEventSource.latest;
    monotonic += 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW + 1_000), status });
    // The tablet's clock is set an hour ahead; the server's is not.
    vi.setSystemTime(Date.now() + 3_600_000);
    monotonic += 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    source.emit('fresh', { chargerId: 'platz4', receivedAt: iso(NOW + 2_000) });
    expect(client.getQueryState(key('platz4'))!.dataUpdatedAt).toBe(NOW + 2_000 + 3_600_000);
  });

  it('a charger-error puts the query in its error state with the server’s reason, keeping the values; status clears it', () => {
    const source = start(['platz4']);
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW), status });
    source.emit('charger-error', { chargerId: 'platz4', error: { code: 'charger_unreachable', message: 'the charger refused the connection' }, since: iso(NOW) });
    const state = client.getQueryState(key('platz4'))!;
    expect(state.status).toBe('error');
    expect(state.error).toBeInstanceOf(ApiError);
    expect(state.error).toMatchObject({ kind: 'server', code: 'charger_unreachable', message: 'the charger refused the connection', chargerId: 'platz4' });
    expect(state.data).toBeDefined();
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW + 5_000), status });
    expect(client.getQueryState(key('platz4'))).toMatchObject({ status: 'success', error: null });
  });

  it('ignores events that do not have the expected shape', () => {
    const source = start(['platz4']);
    source.emit('status', { chargerId: 'platz4', receivedAt: 'yesterday', status });
    source.emit('status', { chargerId: 'other', receivedAt: iso(NOW), status });
    source.emit('fresh', { chargerId: 'platz4' });
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });

  it('a stream down longer than staleAfterMs says the server is unreachable; the browser’s own reconnect brings it back', async () => {
    const reconnects = vi.fn();
    const source = start(['platz4'], {}, undefined, reconnects);
    source.open();
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(NOW), status });
    source.fail();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(client.getQueryState(key('platz4'))!.status).toBe('success');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(client.getQueryState(key('platz4'))!.error).toMatchObject({ kind: 'network' });
    // The browser reconnects the same EventSource; the server sends the state at once.
    source.open();
    source.emit('status', { chargerId: 'platz4', receivedAt: iso(Date.now()), status });
    expect(reconnects).toHaveBeenCalledTimes(1);
    expect(client.getQueryState(key('platz4'))!.status).toBe('success');
    expect(polls).toEqual([]);
  });

  it('a stream the browser gives up on (an error status) is replaced by polling at the server’s interval, and tried again later', async () => {
    const source = start(['platz4']);
    source.fail(true);
    expect(stream.currentMode).toBe('polling');
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toEqual(['/api/chargers/platz4/generalStatus']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(polls).toHaveLength(3);
    expect(client.getQueryData(key('platz4'))).toBeDefined();
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
      return new Response(JSON.stringify(status), { status: 200, headers: { 'content-type': 'application/json' } });
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
    const options = generalStatusQuery('platz4');
    const enabled = options.enabled as () => boolean;
    expect(enabled()).toBe(false);
    stream.stop();
    expect(enabled()).toBe(true);
    expect(polls).toEqual([]);
  });

  it('asks for the server’s clock again when this tablet’s clock jumps, not on ordinary ticks', async () => {
    const jumps = vi.fn();
    let monotonic = 0;
    stream = new StatusStream(client, {
      timings,
      createEventSource: (url) => new FakeEventSource(url),
      onClockJump: jumps,
      monotonicNow: () => monotonic,
    });
    stream.watch([]);
    for (let i = 0; i < 5; i++) {
      monotonic += 1_000;
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(jumps).not.toHaveBeenCalled();
    // Set back an hour (the end of summer time on a tablet without automatic time).
    vi.setSystemTime(Date.now() - 3_600_000);
    monotonic += 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(jumps).toHaveBeenCalledTimes(1);
  });
});
