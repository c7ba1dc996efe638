/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import chargingSessionJson from '../../api/fixtures/charging-session.json' with { type: 'json' };
import { resolveRange } from './date-range.ts';
import type { Pricing, SessionRow } from './session-rows.ts';
import { useSessionHistory } from './use-session-history.ts';

const ZONE = 'Europe/Berlin';
const MIN = 60_000;
const T0 = Date.parse('2026-12-10T12:02:00Z');
const chargers = [{ id: 'platz13', name: 'Platz 13', simulated: true }];
const pricing: Pricing = { pricePerKwh: 0.4, currency: 'EUR', offPeak: { pricePerKwh: 0.2, window: { from: 22 * 60, to: 6 * 60 } } };

/** One session a month, 20:00–02:00 Berlin time on the 5th: two hours before the window, four in it. */
const base = chargingSessionJson.content[0]!;
const sessions = Array.from({ length: 12 }, (_, i) => {
  const started = Date.UTC(2026, i, 5, 19);
  return {
    ...base,
    chargingSessionId: i + 1,
    connectorId: 1,
    chargingStartedTime: new Date(started).toISOString(),
    chargingEndedTime: new Date(started + 6 * 3_600_000).toISOString(),
    activeEnergyConsumed: 30,
  };
});

const requests: URL[] = [];
const fromFilter = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  requests.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      const url = new URL(path, 'http://dashboard');
      requests.push(url);
      const q = url.searchParams;
      if (url.pathname.endsWith('/chargingSession')) {
        const [from, to] = [fromFilter(q.get('chargingStartedTimeFrom')!), fromFilter(q.get('chargingStartedTimeTo')!)];
        const content = sessions.filter((s) => Date.parse(s.chargingStartedTime) >= from && Date.parse(s.chargingStartedTime) <= to);
        return Response.json({ errorCode: 0, errorMessage: '', content, pagingInfo: { numOfRows: content.length, pageCount: 1 } });
      }
      // The profile: 11 kW until 23:00 local, 3.7 kW after, while a session charges; finished intervals only.
      const points = [];
      const until = Math.min(Date.parse(q.get('toTime')!), Date.now() - 5 * MIN);
      for (let t = Date.parse(q.get('fromTime')!); t <= until; t += 5 * MIN) {
        const charging = sessions.some((s) => t >= Date.parse(s.chargingStartedTime) && t < (s.chargingEndedTime ? Date.parse(s.chargingEndedTime) : Infinity));
        const localHour = (new Date(t).getUTCHours() + 1) % 24;
        points.push({ time: new Date(t).toISOString().slice(0, 19), connector1: charging ? (localHour >= 20 && localHour < 23 ? 11 : 3.7) : 0 });
      }
      return Response.json(points);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, networkMode: 'always', refetchOnWindowFocus: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const seen: SessionRow[][] = [];
  const hook = renderHook(
    ({ now }: { now: number }) => {
      // As the sessions page does: a fresh range object and a fresh `[charger]` array every render.
      const range = resolveRange({ preset: 'this-year', from: null, to: null }, now, ZONE);
      const result = useSessionHistory([...chargers], range, pricing, now, ZONE);
      seen.push(result.rows);
      return result;
    },
    { wrapper, initialProps: { now: T0 } },
  );
  return { client, hook, seen };
}

const costs = (rows: SessionRow[]) => rows.map((r) => [r.id, r.offPeakUnits, r.costMinor, r.offPeakEstimated, r.costPending]);
const keys = (client: QueryClient) => client.getQueryCache().getAll().map((q) => q.queryHash).sort();

const sessionAsks = (from = 0) => requests.slice(from).filter((u) => u.pathname.endsWith('/chargingSession'));
const profileAsks = (from = 0) => requests.slice(from).filter((u) => u.pathname.endsWith('/powerProfile'));

async function loaded(hook: ReturnType<typeof setup>['hook']) {
  await waitFor(() => expect(hook.result.current.complete && !hook.result.current.profilesPending).toBe(true));
  return hook.result.current.rows;
}

/** `minutes` pass one by one, the page re-rendering with the new time as the sessions page does. */
async function pass(minutes: number, { client, hook }: ReturnType<typeof setup>, check: () => void = () => {}) {
  const start = Date.now();
  for (let minute = 1; minute <= minutes; minute++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MIN);
    });
    hook.rerender({ now: start + minute * MIN });
    await waitFor(() => expect(client.isFetching()).toBe(0));
    check();
  }
}

describe('useSessionHistory over time ("this year" in December, with an off-peak price)', () => {
  it('keeps its query keys as time passes, and no cost turns into another estimate or "pending" meanwhile', async () => {
    // Before, the profile's key ended at "now, rounded up to 5 minutes": a new key, and a new
    // year of profile requests, every 5 minutes, with every cost an estimate until it came.
    const setupResult = setup();
    const { client, seen } = setupResult;
    const rows = await loaded(setupResult.hook);
    // While the profile was still being read, the rows said "pending", never "estimated by time".
    expect(seen.some((shown) => shown.length > 0 && shown.every((r) => r.costPending && r.costMinor === null))).toBe(true);
    for (const shown of seen) expect(shown.filter((r) => r.offPeakEstimated)).toEqual([]);
    const before = costs(rows);
    expect(before).toHaveLength(12);
    // Split by the profile, not by charging time.
    expect(before.every(([, , , estimated, pending]) => !estimated && !pending)).toBe(true);
    const queries = keys(client);
    const firstSeen = seen.length;
    await pass(20, setupResult, () => expect(keys(client)).toEqual(queries));
    // No render in between showed a pending cost, a time-based estimate or a different cost.
    for (const shown of seen.slice(firstSeen)) expect(costs(shown)).toEqual(before);
    expect(profileAsks().length).toBeGreaterThan(12); // December's profile was polled meanwhile
  });

  it('reads each month once; afterwards only the current month is asked again, the profile only for its tail', async () => {
    const setupResult = setup();
    await loaded(setupResult.hook);
    expect(sessionAsks()).toHaveLength(12);
    expect(profileAsks()).toHaveLength(12);
    const december = Date.UTC(2026, 10, 30, 23);
    let seenBefore = requests.length;
    await pass(20, setupResult, () => {
      for (const url of sessionAsks(seenBefore)) expect(fromFilter(url.searchParams.get('chargingStartedTimeFrom')!)).toBe(december - 86_400_000);
      for (const url of profileAsks(seenBefore)) expect(Date.parse(url.searchParams.get('fromTime')!)).toBeGreaterThan(T0 - 10 * MIN);
      seenBefore = requests.length;
    });
    // December was polled every 5 minutes (four times in 20 minutes, give or take the phase), nothing else.
    expect(sessionAsks().length - 12).toBeGreaterThanOrEqual(3);
    expect(sessionAsks().length - 12).toBeLessThanOrEqual(5);
  });

  it('a running session is split by its profile so far, and stays so while the polls bring more', async () => {
    // Charging since 11:02 Berlin time, by day: none of it off-peak.
    const started = T0 - 2 * 3_600_000;
    sessions.push({ ...sessions[11]!, chargingSessionId: 99, chargingStartedTime: new Date(started).toISOString(), chargingEndedTime: null as unknown as string });
    try {
      const setupResult = setup();
      await loaded(setupResult.hook);
      const firstSeen = setupResult.seen.length;
      await pass(12, setupResult);
      const shown = setupResult.seen.slice(firstSeen).map((rows) => rows.find((r) => r.id === 99)!);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((r) => r.running && !r.offPeakEstimated && !r.costPending && r.costMinor !== null)).toBe(true);
      expect(shown.at(-1)!.offPeakUnits).toBe(0);
    } finally {
      sessions.pop();
    }
  });

  it('keeps the rows (the same objects) when only the time moves, though the shell hands a new charger list each render', async () => {
    const { hook } = setup();
    const rows = await loaded(hook);
    hook.rerender({ now: T0 + 2 * MIN });
    expect(hook.result.current.rows).toBe(rows);
    // Nothing is running, so the rows do not depend on the time at all.
    hook.rerender({ now: T0 + 7 * MIN });
    expect(hook.result.current.rows).toBe(rows);
  });
});
