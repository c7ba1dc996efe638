/**
 * The collector's cadence and bookkeeping, on fake timers: a steady tick that slow answers do not
 * shift, one request at a time, polling only while held, and change detection.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusCollector, isFailure, type CollectorFailure, type StatusReading } from './status-collector.ts';

const STATUS = readFileSync(new URL('../../contract/fixtures/general-status.json', import.meta.url), 'utf8');
const INTERVAL = 5_000;

/** A status source whose answers the test releases, recording when each request started. */
function controlledSource() {
  const starts: number[] = [];
  const pending: Array<{ resolve: (text: string) => void; reject: (error: unknown) => void }> = [];
  const source = () =>
    new Promise<string>((resolve, reject) => {
      starts.push(Date.now());
      pending.push({ resolve, reject });
    });
  return {
    source,
    starts,
    answer(text = STATUS) {
      pending.shift()!.resolve(text);
    },
    fail(error: unknown) {
      pending.shift()!.reject(error);
    },
    get waiting() {
      return pending.length;
    },
  };
}

/** Lets the answer's promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StatusCollector', () => {
  it('asks nothing until held, at once when held, then every interval on the planned ticks however long answers take', async () => {
    const charger = controlledSource();
    const collector = new StatusCollector('platz13', charger.source, { intervalMs: INTERVAL });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(charger.starts).toEqual([]);

    const t0 = Date.now();
    collector.hold();
    await settle();
    expect(charger.starts).toEqual([t0]);
    // Answers of varying delay: 1.7 s, 0.2 s, 4.9 s. The next request still starts on the tick.
    for (const [index, delay] of [1_700, 200, 4_900].entries()) {
      await vi.advanceTimersByTimeAsync(delay);
      charger.answer();
      await vi.advanceTimersByTimeAsync(INTERVAL - delay);
      expect(charger.starts[index + 1]).toBe(t0 + (index + 1) * INTERVAL);
    }
    collector.close();
  });

  it('keeps one request in flight: a tick that finds the last one unanswered is skipped, and the cadence stays', async () => {
    const charger = controlledSource();
    const collector = new StatusCollector('platz13', charger.source, { intervalMs: INTERVAL });
    const t0 = Date.now();
    collector.hold();
    await settle();
    // The charger takes 12 s: the ticks at 5 s and 10 s find it still waiting.
    await vi.advanceTimersByTimeAsync(12_000);
    expect(charger.starts).toEqual([t0]);
    expect(charger.waiting).toBe(1);
    charger.answer();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(charger.starts).toEqual([t0, t0 + 15_000]);
    collector.close();
  });

  it('polls while any hold lasts and stops with the last release; held again soon, it keeps the cadence', async () => {
    const charger = controlledSource();
    const collector = new StatusCollector('platz13', charger.source, { intervalMs: INTERVAL });
    const t0 = Date.now();
    const releaseA = collector.hold();
    const releaseB = collector.hold();
    await settle();
    charger.answer();
    await vi.advanceTimersByTimeAsync(INTERVAL);
    charger.answer();
    releaseA();
    releaseA(); // a second release of the same hold counts once
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(charger.starts).toEqual([t0, t0 + 5_000, t0 + 10_000]);
    charger.answer();
    releaseB();
    expect(collector.held).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(charger.starts).toHaveLength(3);

    // A page reload: released and held again within the interval costs no extra request.
    const again = collector.hold();
    await settle();
    expect(charger.starts).toHaveLength(4); // the last request was over a minute ago: at once
    charger.answer();
    again();
    await vi.advanceTimersByTimeAsync(1_000);
    collector.hold();
    await settle();
    expect(charger.starts).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(charger.starts).toHaveLength(5);
    expect(charger.starts[4]! - charger.starts[3]!).toBe(INTERVAL);
    collector.close();
  });

  it('reports readings with change detection, failures with their start, and news after a failure', async () => {
    const charger = controlledSource();
    const collector = new StatusCollector('platz13', charger.source, { intervalMs: INTERVAL });
    const readings: StatusReading[] = [];
    const failures: CollectorFailure[] = [];
    collector.onReading((reading) => readings.push(reading));
    const stopFailures = collector.onFailure((failure) => failures.push(failure));
    collector.hold();
    await settle();
    const changedStatus = STATUS.replace('"Available"', '"Charging"');
    const steps: Array<() => void> = [
      () => charger.answer(),
      () => charger.answer(),
      () => charger.answer(changedStatus),
      () => charger.fail(Object.assign(new Error('the charger refused the connection'), { code: 'charger_unreachable' })),
      () => charger.fail(Object.assign(new Error('the charger refused the connection'), { code: 'charger_unreachable' })),
      () => charger.answer(changedStatus),
    ];
    const start = Date.now();
    for (const step of steps) {
      step();
      await vi.advanceTimersByTimeAsync(INTERVAL);
    }
    expect(readings.map((r) => r.changed)).toEqual([true, false, true, true]);
    expect(readings[0]).toMatchObject({ chargerId: 'platz13', receivedAt: start, json: JSON.parse(STATUS) });
    expect(readings[0]!.live.evses.ok).toBe(true);
    // Both failures name the moment the charger was first found failing.
    expect(failures).toEqual([
      { chargerId: 'platz13', error: { code: 'charger_unreachable', message: 'the charger refused the connection' }, since: start + 3 * INTERVAL },
      { chargerId: 'platz13', error: { code: 'charger_unreachable', message: 'the charger refused the connection' }, since: start + 3 * INTERVAL },
    ]);
    expect(collector.latest()).toBe(readings[3]);
    stopFailures();
    collector.close();
  });

  it('keeps a malformed section as that section’s error; an answer that is no object is a failure', async () => {
    const charger = controlledSource();
    const collector = new StatusCollector('platz13', charger.source, { intervalMs: INTERVAL });
    collector.hold();
    await settle();
    const status = JSON.parse(STATUS) as Record<string, unknown>;
    charger.answer(JSON.stringify({ ...status, powerManagement: { loadGuard: 'broken' } }));
    await settle();
    const reading = collector.latest() as StatusReading;
    expect(reading.live.powerManagement.ok).toBe(false);
    expect(reading.live.evses.ok).toBe(true);

    await vi.advanceTimersByTimeAsync(INTERVAL);
    charger.answer('[]');
    await settle();
    const failure = collector.latest()!;
    expect(isFailure(failure) && failure.error).toEqual({ code: 'charger_bad_response', message: 'the charger status is not an object' });
    expect(collector.lastReading()).toBe(reading);
    collector.close();
  });

  it('an unexpected error is logged and reported as internal; a throwing listener does not stop the others', async () => {
    const logs: string[] = [];
    const collector = new StatusCollector('platz13', () => Promise.reject(new TypeError('boom')), { intervalMs: INTERVAL, log: (line) => logs.push(line) });
    const seen: string[] = [];
    collector.onFailure(() => {
      throw new Error('listener bug');
    });
    collector.onFailure((failure) => seen.push(failure.error.code));
    collector.hold();
    await settle();
    expect(seen).toEqual(['internal']);
    expect(logs.some((line) => line.includes('TypeError: boom'))).toBe(true);
    expect(logs.some((line) => line.includes('listener bug'))).toBe(true);
    collector.close();
  });

  it('sample answers from a young state and reads once, sharing the request, when there is none', async () => {
    const charger = controlledSource();
    const collector = new StatusCollector('platz13', charger.source, { intervalMs: INTERVAL });
    const first = collector.sample(INTERVAL);
    const second = collector.sample(INTERVAL);
    await settle();
    expect(charger.waiting).toBe(1);
    charger.answer();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await collector.sample(INTERVAL)).toBe(a);
    expect(charger.starts).toHaveLength(1);
    // Not held: no polling of its own afterwards.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(charger.starts).toHaveLength(1);
  });
});
