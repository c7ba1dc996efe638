import { describe, expect, it } from 'vitest';
import type { PowerPointWire } from '../../api/charger-schemas.ts';
import { lastPresent, slotCount } from './power-grid.ts';
import { powerPlan } from './power-plan.ts';
import { STEP_MS } from './power-range.ts';

const MIN = 60_000;
const start = Date.UTC(2026, 2, 10, 12, 2, 10);
const iso = (ms: number) => new Date(ms).toISOString();
const measures = ['connector1', 'building', 'cluster'];

/** A charger whose points exist for every finished interval, except a reboot gap. */
function answer(fromMs: number, toMs: number, now: number, gap: [number, number] | null = null): PowerPointWire[] {
  const points: PowerPointWire[] = [];
  for (let t = fromMs; t <= toMs && t + STEP_MS <= now; t += STEP_MS) {
    if (gap && t >= gap[0] && t < gap[1]) continue;
    points.push({ time: iso(t), connector1: 7, building: 8, cluster: 7 });
  }
  return points;
}

describe('powerPlan for "last 24 h"', () => {
  const plan = powerPlan({ kind: 'last', span: '24h' }, measures, start);

  it('asks for the whole aligned window first, then only the tail', () => {
    expect(plan.live).toBe(true);
    expect(plan.measure).toBe('connector1,building,cluster');
    const first = plan.next(undefined, start)!;
    expect(iso(first.fromMs)).toBe('2026-03-09T12:00:00.000Z');
    expect(iso(first.toMs)).toBe('2026-03-10T11:55:00.000Z');
    let grid = plan.merge(undefined, answer(first.fromMs, first.toMs, start), start);
    expect(slotCount(grid)).toBe(288);

    // Polls within the same 5 minutes ask nothing.
    expect(plan.next(grid, start + 1 * MIN)).toBeNull();
    expect(plan.merge(grid, [], start + 1 * MIN)).toBe(grid);

    // Once an interval has finished: only the newest known slot and the new one.
    const later = start + 3 * MIN; // 12:05:10
    const tail = plan.next(grid, later)!;
    expect([iso(tail.fromMs), iso(tail.toMs)]).toEqual(['2026-03-10T11:55:00.000Z', '2026-03-10T12:00:00.000Z']);
    grid = plan.merge(grid, answer(tail.fromMs, tail.toMs, later), later);
    expect(iso(lastPresent(grid)!)).toBe('2026-03-10T12:00:00.000Z');
    expect(iso(grid.from)).toBe('2026-03-09T12:05:00.000Z');
    expect(slotCount(grid)).toBe(288);
  });

  it('asks identical questions on tablets polling out of step', () => {
    const a = plan.next(undefined, Date.UTC(2026, 2, 10, 12, 0, 5));
    const b = plan.next(undefined, Date.UTC(2026, 2, 10, 12, 4, 55));
    expect(a).toEqual(b);
  });

  it('catches up after an outage with one tail request, and stays bounded over weeks', () => {
    let now = start;
    let grid = plan.merge(undefined, answer(...Object.values(plan.next(undefined, now)!) as [number, number], now), now);
    let requests = 0;
    let largest = 0;
    // Three weeks of polling every minute, with a 3-hour outage (no polls) on day 10 and a reboot gap.
    const gap: [number, number] = [start + 5 * 86_400_000, start + 5 * 86_400_000 + 25 * MIN];
    for (let minute = 1; minute < 21 * 24 * 60; minute++) {
      now = start + minute * MIN;
      if (minute > 10 * 1440 && minute < 10 * 1440 + 180) continue;
      const request = plan.next(grid, now);
      if (request) {
        requests++;
        largest = Math.max(largest, (request.toMs - request.fromMs) / STEP_MS);
      }
      grid = plan.merge(grid, request ? answer(request.fromMs, request.toMs, now, gap) : [], now);
    }
    expect(slotCount(grid)).toBe(288);
    expect(grid.present.length).toBe(288);
    expect(largest).toBe(36); // the 3-hour outage, nothing more
    expect(requests).toBeLessThan((21 * 24 * 60) / 5 + 5);
    expect(grid.present.every((p) => p === 1)).toBe(true);
  });

  it('fetches the whole window again when the data is older than the window', () => {
    const grid = plan.merge(undefined, answer(...Object.values(plan.next(undefined, start)!) as [number, number], start), start);
    const twoDaysLater = start + 2 * 86_400_000;
    const request = plan.next(grid, twoDaysLater)!;
    expect((request.toMs - request.fromMs) / STEP_MS + 1).toBe(288);
  });
});

describe('powerPlan for a day', () => {
  it('fetches a past day once and never polls it', () => {
    const plan = powerPlan({ kind: 'day', day: '2026-03-01' }, measures, start);
    expect(plan.live).toBe(false);
    const request = plan.next(undefined, start)!;
    const grid = plan.merge(undefined, answer(request.fromMs, request.toMs, start), start);
    expect(plan.next(grid, start + 10 * MIN)).toBeNull();
  });

  it('asks nothing for a day that has not begun, and shows it empty', () => {
    const plan = powerPlan({ kind: 'day', day: '2026-04-01' }, measures, start);
    expect(plan.next(undefined, start)).toBeNull();
    expect(lastPresent(plan.merge(undefined, [], start))).toBeNull();
  });
});
