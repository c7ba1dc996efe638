/**
 * Bench-only page (built by bench/energy-bars.bench.ts into bench/out, never into dist): mounts
 * the real EnergyBars, the power chart panel's "12 months" range (a bar per local month and
 * series, Recharts' own BarChart), and reports via window.__bench how long it takes from
 * `render()` until every bar is in the DOM and the next frame has been produced. The data is
 * prepared beforehand the way the app gets it: a year of daily energy, as `GET …/power?step=1d`
 * answers it, summed per month by the query's `select` (`selectEnergyBars`).
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { PowerResponse } from '../../src/api/archive-schemas.ts';
import { LocaleProvider } from '../../src/shared/i18n/i18n.tsx';
import { selectEnergyBars, type EnergyBars as EnergyBarsData } from '../../src/features/power/api/power-query.ts';
import { EnergyBars } from '../../src/features/power/EnergyBars.tsx';
import { energyWindowAt } from '../../src/features/power/power-range.ts';
import { seriesStyles } from '../../src/features/power/series-style.ts';
import '../../src/features/power/power-chart.css';

const MEASURES = ['connector1', 'building', 'cluster'];
/** The panel passes the series in legend order; the bars are drawn in it. */
const SERIES = seriesStyles(MEASURES);
const NO_HIDDEN = new Set<string>();
/** The widest chart the app draws (a 1920×1080 screen), as in the power chart bench. */
const WIDTH = 861;
const HEIGHT = 439;
const DAY = 86_400_000;

/** A household year: the car charged on most evenings (more in winter), the building a base load. */
function generate(now: number): EnergyBarsData {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const window = energyWindowAt({ kind: 'energy', span: '12m' }, now, zone);
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const points: PowerResponse['points'] = [];
  const totals: Record<string, number> = { connector1: 0, building: 0, cluster: 0 };
  for (let t = window.fromMs + DAY / 2; t < window.toMs; t += DAY) {
    const winter = 1 + 0.4 * Math.cos(((new Date(t).getMonth() + 0.5) / 12) * 2 * Math.PI);
    const car = random() < 0.7 ? (8 + random() * 14) * winter : 0;
    const energyKWh = { connector1: car, building: car + (9 + random() * 4) * winter, cluster: car };
    for (const m of MEASURES) totals[m]! += energyKWh[m as keyof typeof energyKWh];
    points.push({ time: t, kW: {}, energyKWh });
  }
  const answer: PowerResponse = { step: '1d', series: MEASURES, points, energyKWh: totals, complete: true, source: 'archive' };
  return selectEnergyBars({ window, zone, answer });
}

let root: Root | null = null;
let host: HTMLElement | null = null;
let current: EnergyBarsData | null = null;
let prepared: EnergyBarsData | null = null;

function render(data: EnergyBarsData) {
  root!.render(
    <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
      <EnergyBars data={data} series={SERIES} hidden={NO_HIDDEN} width={WIDTH} height={HEIGHT} rangeName="bench" />
    </LocaleProvider>,
  );
}

const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The current month's bar of the connector: its height tells an update was drawn. */
const lastBar = () => [...host!.querySelectorAll('.energy-bar-connector1 path.recharts-rectangle')].at(-1)?.getAttribute('d') ?? null;

/** Every series has a bar per month with energy. */
async function waitDrawn(expected: number, previousLast: string | null): Promise<void> {
  for (;;) {
    const bars = host!.querySelectorAll('path.recharts-rectangle').length;
    if (bars === expected && lastBar() !== previousLast) return;
    await nextTask();
  }
}

const barCount = (data: EnergyBarsData) => data.bars.reduce((n, bar) => n + MEASURES.filter((m) => (bar.kWh[m] ?? 0) > 0).length, 0);

export interface Timing {
  /** render() until every bar is in the DOM */
  drawnMs: number;
  /** … and the browser has produced the next frame (style, layout, paint) */
  frameMs: number;
  /** bars drawn */
  bars: number;
}

const api = {
  /** Generates the year for the next mounts (not timed: in the app it arrives from the query). */
  prepare(): void {
    prepared = generate(Date.now());
  },
  async mount(): Promise<Timing> {
    root?.unmount();
    host?.remove();
    host = document.createElement('div');
    host.className = 'power-chart';
    document.body.append(host);
    root = createRoot(host);
    current = prepared!;
    await nextFrame();
    const t0 = performance.now();
    flushSync(() => render(current!));
    await waitDrawn(barCount(current), null);
    const t1 = performance.now();
    await nextFrame();
    const t2 = performance.now();
    return { drawnMs: t1 - t0, frameMs: t2 - t0, bars: barCount(current) };
  },
  /** The 5-minutely refetch: a new answer, this month's bars a little taller. */
  async update(): Promise<Timing> {
    const data = current!;
    const bars = data.bars.map((bar, i) =>
      i === data.bars.length - 1 ? { ...bar, kWh: Object.fromEntries(Object.entries(bar.kWh).map(([m, v]) => [m, v + 0.9])) } : bar,
    );
    const next: EnergyBarsData = { ...data, bars };
    current = next;
    const before = lastBar();
    await nextFrame();
    const t0 = performance.now();
    flushSync(() => render(next));
    await waitDrawn(barCount(next), before);
    const t1 = performance.now();
    await nextFrame();
    const t2 = performance.now();
    return { drawnMs: t1 - t0, frameMs: t2 - t0, bars: barCount(next) };
  },
};

(window as unknown as { __bench: typeof api }).__bench = api;
document.title = 'ready';
