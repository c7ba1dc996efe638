/**
 * The fixture page's answers to what the app asks besides the snapshots: a plausible day of power
 * for the chart, the energy bars, a timeline and the settings, all deterministic (the same page
 * always looks the same), so layout failures are about the layout.
 */
import type { ChargerInfo } from '../../src/api/server-schemas.ts';

const STEP_MS = 5 * 60_000;

/** kW of a household evening: the car charging 17:00–23:00 at 11 kW, the house's own load under it. */
function powerAt(t: number): { connector1: number; building: number; cluster: number } {
  const hour = (t / 3_600_000) % 24;
  const car = hour >= 16 && hour < 22 ? 10.7 : 0;
  const house = 0.4 + 0.8 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI)) + (Math.floor(t / STEP_MS) % 7) * 0.05;
  return { connector1: car, building: car + house, cluster: car };
}

function power(url: URL): unknown {
  const from = Date.parse(url.searchParams.get('from') ?? '');
  const to = Date.parse(url.searchParams.get('to') ?? '');
  const step = url.searchParams.get('step') ?? '5m';
  const series = ['connector1', 'building', 'cluster'];
  const points: Array<{ time: string; kW: Record<string, number>; energyKWh: Record<string, number> }> = [];
  const total: Record<string, number> = { connector1: 0, building: 0, cluster: 0 };
  const stepMs = step === '1d' ? 86_400_000 : step === '1h' ? 3_600_000 : STEP_MS;
  const end = Math.min(to, Date.now());
  for (let t = Math.ceil(from / stepMs) * stepMs; t < end; t += stepMs) {
    const kW = powerAt(t);
    const energyKWh: Record<string, number> = {};
    for (const s of series) {
      // A step's energy: its 5-minute slots' average power over the step.
      const e = step === '5m' ? (kW[s as keyof typeof kW] * 5) / 60 : s === 'building' ? 18.4 : 12.1;
      energyKWh[s] = e;
      total[s]! += e;
    }
    points.push({ time: new Date(t).toISOString(), kW, energyKWh });
  }
  return { step, series, points, energyKWh: total, complete: true, source: 'archive' };
}

export function cannedAnswer(url: URL, chargers: readonly ChargerInfo[]): unknown {
  const path = url.pathname;
  if (path === '/api/chargers') {
    // The stream never goes quiet here (it is a stand-in): the page must not fall back to polling.
    return { chargers, build: 'fixtures', pricing: { pricePerKwh: 0.32, currency: 'EUR' }, statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 3_600_000 };
  }
  if (path === '/api/settings') {
    return { pricePerKWh: 0.32, currency: 'EUR', offPeak: null, isDefault: false, pinRequired: true, writable: true, writableFromHere: true, readOnlyReason: null };
  }
  if (/^\/api\/chargers\/[^/]+\/power$/.test(path)) return power(url);
  if (/^\/api\/chargers\/[^/]+\/timeline$/.test(path)) {
    const day = url.searchParams.get('date') ?? '2026-06-15';
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00Z`).toISOString();
    return {
      date: day,
      source: 'archive',
      events: [
        { at: at('15:55'), kind: 'plugged_in', connectorId: 1 },
        { at: at('15:56'), kind: 'charging', connectorId: 1 },
        { at: at('17:12'), kind: 'suspended_evse', connectorId: 1 },
        { at: at('17:20'), kind: 'charging', connectorId: 1 },
      ],
    };
  }
  return undefined;
}
