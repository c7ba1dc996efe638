import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotFixture } from '../../../test-support/snapshot-fixtures.ts';
import { snapshotQuery } from '../../api/queries.ts';
import { ageSeconds, freshness } from './freshness.ts';

const timings = { statusIntervalMs: 5_000, staleAfterMs: 15_000 };
const now = 1_800_000_000_000;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('freshness', () => {
  it('is live while polls succeed', () => {
    expect(freshness({ dataUpdatedAt: now - 4_000, failed: false, now, timings })).toBe('live');
    expect(freshness({ dataUpdatedAt: now - 15_000, failed: false, now, timings })).toBe('live');
  });
  it('is failed as soon as a fetch fails, however recent the data', () => {
    expect(freshness({ dataUpdatedAt: now - 1_000, failed: true, now, timings })).toBe('failed');
    expect(freshness({ dataUpdatedAt: 0, failed: true, now, timings })).toBe('failed');
  });
  it('is late after the server’s staleAfterMs without any error (a throttled tab)', () => {
    expect(freshness({ dataUpdatedAt: now - 15_001, failed: false, now, timings })).toBe('late');
    expect(freshness({ dataUpdatedAt: now - 3_600_000, failed: false, now, timings })).toBe('late');
  });
  it('is late when the tablet clock was set back past the last success: its age is unknown', () => {
    expect(freshness({ dataUpdatedAt: now + 3_600_000, failed: false, now, timings })).toBe('late');
  });
  it('is live before the first answer, which is loading, not stale', () => {
    expect(freshness({ dataUpdatedAt: 0, failed: false, now, timings })).toBe('live');
  });
});

describe('the time freshness is judged by', () => {
  it('advances with every successful poll even when the answer is identical (a charger flat all night)', async () => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(snapshotFixture()), { status: 200, headers: { 'content-type': 'application/json' } }));
    const client = new QueryClient();
    const query = snapshotQuery('platz13');

    const first = await client.fetchQuery(query);
    const firstUpdatedAt = client.getQueryState(query.queryKey)!.dataUpdatedAt;
    expect(firstUpdatedAt).toBe(now);

    vi.setSystemTime(now + 20_000);
    await client.refetchQueries({ queryKey: query.queryKey });
    const state = client.getQueryState(query.queryKey)!;
    // The same values (structural sharing keeps even the same object) but a new success time.
    expect(state.data).toBe(first);
    expect(state.dataUpdatedAt).toBe(now + 20_000);
    expect(freshness({ dataUpdatedAt: state.dataUpdatedAt, failed: false, now: now + 20_500, timings })).toBe('live');
  });
});

describe('ageSeconds', () => {
  it('counts whole seconds and never goes negative', () => {
    expect(ageSeconds(now - 125_900, now)).toBe(125);
    expect(ageSeconds(now + 3_000, now)).toBe(0);
  });
});
