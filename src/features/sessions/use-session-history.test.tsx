/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveRange } from './date-range.ts';
import type { Pricing, SessionRow } from './session-rows.ts';
import { useSessionHistory } from './use-session-history.ts';

const ZONE = 'Europe/Berlin';
const MIN = 60_000;
const T0 = Date.parse('2026-12-10T12:02:00Z');
const chargers = [{ id: 'platz13', name: 'Platz 13', simulated: true }];
const pricing: Pricing = { pricePerKwh: 0.4, currency: 'EUR', offPeak: { pricePerKwh: 0.2, window: { from: 22 * 60, to: 6 * 60 } } };

/** One session a month, 20:00–02:00 Berlin time on the 5th: two hours before the window, four in it. */
const sessions: Array<{ id: number; connectorId: number; startedAt: string; endedAt: string | null; energyKWh: number }> = Array.from({ length: 12 }, (_, i) => {
  const started = Date.UTC(2026, i, 5, 19);
  return { id: i + 1, connectorId: 1, startedAt: new Date(started).toISOString(), endedAt: new Date(started + 6 * 3_600_000).toISOString(), energyKWh: 30 };
});

const requests: URL[] = [];
const berlinDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(ms);

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
      if (url.pathname.endsWith('/sessions')) {
        // The archive's rule: sessions that started on the local days from…to, both inclusive.
        const picked = sessions.filter((s) => berlinDay(Date.parse(s.startedAt)) >= q.get('from')! && berlinDay(Date.parse(s.startedAt)) <= q.get('to')!);
        return Response.json({ sessions: picked, complete: true, source: 'archive' });
      }
      // The archived profile: 11 kW until 23:00 local, 3.7 kW after, while a session charges; finished intervals only.
      const points = [];
      const until = Math.min(Date.parse(q.get('to')!), Date.now() - 5 * MIN);
      for (let t = Date.parse(q.get('from')!); t < until; t += 5 * MIN) {
        const charging = sessions.some((s) => t >= Date.parse(s.startedAt) && t < (s.endedAt ? Date.parse(s.endedAt) : Infinity));
        const localHour = (new Date(t).getUTCHours() + 1) % 24;
        const kw = charging ? (localHour >= 20 && localHour < 23 ? 11 : 3.7) : 0;
        points.push({ time: new Date(t).toISOString(), kW: { connector1: kw }, energyKWh: { connector1: kw / 12 } });
      }
      // As the server answers: the series the points have (none before the first point).
      return Response.json({ step: '5m', series: points.length > 0 ? ['connector1'] : [], points, energyKWh: {}, complete: true, source: 'archive' });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function setup(preset: 'this-year' | 'last-month' = 'this-year', start = T0) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, networkMode: 'always', refetchOnWindowFocus: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const seen: SessionRow[][] = [];
  const hook = renderHook(
    ({ now }: { now: number }) => {
      // As the sessions page does: a fresh range object and a fresh `[charger]` array every render.
      const range = resolveRange({ preset, from: null, to: null }, now, ZONE);
      const result = useSessionHistory([...chargers], range, pricing, now, ZONE);
      seen.push(result.rows);
      return result;
    },
    { wrapper, initialProps: { now: start } },
  );
  return { client, hook, seen };
}

const costs = (rows: SessionRow[]) => rows.map((r) => [r.id, r.offPeakUnits, r.costMinor, r.offPeakEstimated, r.costPending]);
const keys = (client: QueryClient) => client.getQueryCache().getAll().map((q) => q.queryHash).sort();

const sessionAsks = (from = 0) => requests.slice(from).filter((u) => u.pathname.endsWith('/sessions'));
const profileAsks = (from = 0) => requests.slice(from).filter((u) => u.pathname.endsWith('/power'));

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

  it('reads each month once; afterwards only the current month is asked again, its sessions and its profile', async () => {
    const setupResult = setup();
    await loaded(setupResult.hook);
    expect(sessionAsks()).toHaveLength(12);
    expect(profileAsks()).toHaveLength(12);
    // Local days of the archive's route, and the local month's instants for the profile.
    expect(sessionAsks().map((u) => `${u.searchParams.get('from')}/${u.searchParams.get('to')}`)).toContain('2026-02-01/2026-02-28');
    expect(profileAsks().every((u) => u.searchParams.get('step') === '5m')).toBe(true);
    const december = Date.UTC(2026, 10, 30, 23);
    let seenBefore = requests.length;
    await pass(20, setupResult, () => {
      for (const url of sessionAsks(seenBefore)) expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['2026-12-01', '2026-12-31']);
      for (const url of profileAsks(seenBefore)) expect(Date.parse(url.searchParams.get('from')!)).toBe(december);
      seenBefore = requests.length;
    });
    // December's sessions were read again every minute, its profile every 5 minutes, nothing else.
    expect(sessionAsks().length - 12).toBeGreaterThanOrEqual(15);
    expect(sessionAsks().length - 12).toBeLessThanOrEqual(21);
    expect(profileAsks().length - 12).toBeGreaterThanOrEqual(3);
    expect(profileAsks().length - 12).toBeLessThanOrEqual(5);
  });

  it('a running session is split by its profile so far, and stays so while the polls bring more', async () => {
    // Charging since 11:02 Berlin time, by day: none of it off-peak.
    const started = T0 - 2 * 3_600_000;
    sessions.push({ ...sessions[11]!, id: 99, startedAt: new Date(started).toISOString(), endedAt: null });
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

  it('a session running over the month’s end is split by its profile in the new month’s first minutes, before that month has a point', async () => {
    // 00:02 on 1 January, Berlin: the car has charged since 18:00 on New Year's Eve.
    const now = Date.parse('2027-01-01T00:02:00+01:00');
    vi.setSystemTime(now);
    sessions.push({ ...sessions[11]!, id: 98, startedAt: '2026-12-31T17:00:00Z', endedAt: null });
    try {
      const { hook } = setup('last-month', now);
      const row = (await loaded(hook)).find((r) => r.id === 98)!;
      expect(row.running).toBe(true);
      expect(row.offPeakEstimated).toBe(false);
      expect(row.costPending).toBe(false);
      // 22:00 to midnight of its six hours were off-peak, by the profile.
      expect(row.offPeakUnits).toBeGreaterThan(0);
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
