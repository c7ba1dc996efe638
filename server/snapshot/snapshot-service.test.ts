import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { StatusCollector } from '../collector/status-collector.ts';
import { SnapshotService } from './snapshot-service.ts';

const STATUS = readFileSync(new URL('../../contract/fixtures/general-status.json', import.meta.url), 'utf8');
const withStatus = (status: string, power = 0) => STATUS.replace('"status": "Available"', `"status": "${status}"`).replace('"power": 0.0', `"power": ${power}`);
const INTERVAL = 5_000;

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-06-15T17:00:00Z') }));
afterEach(() => vi.useRealTimers());

function setup(answers: Array<string | Error>) {
  let last: string | Error = STATUS;
  const collector = new StatusCollector('platz13', async () => {
    last = answers.shift() ?? last;
    if (last instanceof Error) throw last;
    return last;
  }, { intervalMs: INTERVAL });
  let price: number | null = 0.3;
  const service = new SnapshotService({ collectors: new Map([['platz13', collector]]), zoneOf: () => 'Europe/Zurich', pricing: () => ({ pricePerKwh: price, currency: 'CHF' }) });
  const seen: Array<{ snapshot: ChargerSnapshot; changed: boolean }> = [];
  service.onSnapshot((snapshot, changed) => seen.push({ snapshot, changed }));
  return { collector, service, seen, setPrice: (p: number | null) => (price = p) };
}

const unreachable = () => Object.assign(new Error('connection refused'), { code: 'charger_unreachable' });
const kind = (s: ChargerSnapshot) => (s.connectors.ok ? s.connectors.data[0]!.state.kind : null);

describe('SnapshotService', () => {
  it('builds one snapshot per changed reading, a fresh notice for the same values, and marks failures keeping the last values', async () => {
    const { collector, service, seen } = setup([STATUS, STATUS, withStatus('Charging', 7.2), unreachable(), withStatus('Charging', 7.2)]);
    const release = service.hold();
    expect(collector.held).toBe(true);
    await vi.advanceTimersByTimeAsync(4 * INTERVAL);
    expect(seen.map((s) => [s.changed, s.snapshot.reachable, kind(s.snapshot)])).toEqual([
      [true, true, 'available'],
      [false, true, 'available'],
      [true, true, 'charging'],
      [true, false, 'charging'],
      [true, true, 'charging'],
    ]);
    expect(seen[3]!.snapshot.problem).toMatchObject({ code: 'charger_unreachable', message: 'connection refused' });
    // The unchanged reading moves only its date.
    expect(seen[1]!.snapshot.readAt).not.toBe(seen[0]!.snapshot.readAt);
    release();
    expect(collector.held).toBe(false);
  });

  it('answers the latest snapshot aged as of now, and null before anything was read', async () => {
    const { collector, service } = setup([STATUS]);
    expect(service.latest('platz13')).toBeNull();
    await collector.sample(0);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(service.latest('platz13')).toMatchObject({ ageMs: 7_000, reachable: true });
    expect(service.latest('nope')).toBeNull();
  });

  it('dates a plugged-in car from the reading that saw it plug in, not for a car already there at start', async () => {
    const { service, seen } = setup([withStatus('Charging', 7), STATUS, withStatus('Preparing'), withStatus('Charging', 7)]);
    service.hold();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    const sessions = seen.filter((s) => s.changed).map((s) => (s.snapshot.connectors.ok ? s.snapshot.connectors.data[0]!.session : null));
    expect(sessions[0]?.pluggedInSeconds).toBeNull();
    // Unplugged, plugged in at the third reading, charging at the fourth: plugged in for one interval.
    expect(sessions[3]?.pluggedInSeconds).toBe(INTERVAL / 1000);
  });

  it('rebuilds every snapshot’s costs when the price changes', async () => {
    const { collector, service, seen, setPrice } = setup([withStatus('Charging', 7)]);
    await collector.sample(0);
    setPrice(0.5);
    service.pricingChanged();
    const last = seen.at(-1)!;
    expect(last.changed).toBe(true);
    expect(last.snapshot.pricing.pricePerKwh).toBe(0.5);
    expect(last.snapshot.connectors.ok && last.snapshot.connectors.data[0]!.session?.costSoFar).toBeCloseTo(62.832631 * 0.5, 4);
  });
});
