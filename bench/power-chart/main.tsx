/**
 * Bench-only page (built by bench/power-chart.bench.ts into bench/out, never into dist): mounts
 * the real PowerChart with generated data and reports, via window.__bench, how long it takes from
 * `render()` until every line is in the DOM and the next frame has been produced. The data is
 * generated beforehand (`prepare`), as in the app it arrives ready from the query. Each call takes
 * a `kind`: 'ours' (PowerChart) or 'reference' (an idiomatic Recharts LineChart over the same
 * points, reference-chart.tsx), so both are measured in the same page.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { LocaleProvider } from '../../src/shared/i18n/i18n.tsx';
import type { ArchivePowerPoint } from '../../src/api/archive-schemas.ts';
import { gridOf, type PowerGrid } from '../../src/features/power/power-grid.ts';
import { STEP_MS } from '../../src/features/power/power-range.ts';
import { PowerChart, plotArea } from '../../src/features/power/PowerChart.tsx';
import { dataMax, yScale } from '../../src/features/power/y-scale.ts';
import { drawOrder, seriesStyles } from '../../src/features/power/series-style.ts';
import type { PowerLimit } from '../../src/features/power/chart-inputs.ts';
import '../../src/features/power/power-chart.css';
import { ReferenceChart, referenceRows, type ReferenceRow } from './reference-chart.tsx';

type Kind = 'ours' | 'reference';

const MEASURES = ['connector1', 'building', 'cluster'];
const SERIES = drawOrder(seriesStyles(MEASURES));
const LIMITS: PowerLimit[] = [
  { measure: 'cluster', kw: 17.25 },
  { measure: 'building', kw: 41.4 },
];
const NO_HIDDEN = new Set<string>();
/**
 * The widest chart the app draws, measured in it: a 1920×1080 screen (the page is at most 1536 px
 * wide, the chart in its left column). The 1280×800 wall tablet draws 708×159, portrait 734×315;
 * the number of points drawn follows the width. (Until the chart moved beside the panels this was
 * 1214 px, its width across the whole page.)
 */
const WIDTH = 861;
const HEIGHT = 439;

/** A household week: base load with peaks and spikes, an evening charge most days, a reboot gap every few days. */
function generate(slots: number, end: number): PowerGrid {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const from = end - (slots - 1) * STEP_MS;
  const points: ArchivePowerPoint[] = [];
  for (let i = 0; i < slots; i++) {
    const t = from + i * STEP_MS;
    const hour = new Date(t).getHours() + new Date(t).getMinutes() / 60;
    const day = Math.floor(i / 288);
    if (day % 3 === 2 && i % 288 >= 100 && i % 288 < 105) continue; // a 25-minute reboot
    const charging = hour >= 18 && hour < 18 + 1 + (day % 4) && day % 7 !== 3 ? 10.5 + random() * 0.4 : 0;
    const base = 0.4 + 1.5 * Math.exp(-((hour - 7) ** 2) / 2) + 2 * Math.exp(-((hour - 19.5) ** 2) / 3) + (random() < 0.02 ? 2 : 0) + random() * 0.2;
    points.push({ time: t, kW: { connector1: charging, building: base + charging, cluster: charging }, energyKWh: {} });
  }
  lastPoints = points;
  return gridOf(points, { from, to: end }, MEASURES);
}

/** The points of the grid last generated: an update lays the next answer (one point more) out again, as the app does. */
let lastPoints: ArchivePowerPoint[] = [];

let root: Root | null = null;
let host: HTMLElement | null = null;
let current: PowerGrid | null = null;
let prepared: PowerGrid | null = null;
/** The reference's rows of the prepared window, and of the window drawn now. */
let preparedRows: ReferenceRow[] = [];
let currentRows: ReferenceRow[] = [];

/** The scale of the last render, kept while the data's maximum is the same (as the panel's `useMemo` does). */
let lastScale: { max: number; scale: ReturnType<typeof yScale> } | null = null;

function render(kind: Kind, grid: PowerGrid) {
  if (kind === 'reference') {
    root!.render(<ReferenceChart rows={currentRows} measures={MEASURES} width={WIDTH} height={HEIGHT} />);
    return;
  }
  const max = dataMax(MEASURES.map((m) => grid.values[m]));
  if (lastScale?.max !== max) lastScale = { max, scale: yScale(max, LIMITS, plotArea(WIDTH, HEIGHT).height) };
  const { scale } = lastScale;
  root!.render(
    <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
      <PowerChart grid={grid} series={SERIES} hidden={NO_HIDDEN} scale={scale} width={WIDTH} height={HEIGHT} label="bench" />
    </LocaleProvider>,
  );
}

/** Resolves on the next task (not the next frame): a finer clock than requestAnimationFrame for polling the DOM. */
const nextTask = () => new Promise<void>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Every visible series has its path, with as many points as it was given after downsampling. */
function linesDrawn(expected: number): boolean {
  const paths = host!.querySelectorAll('path.recharts-line-curve');
  if (paths.length !== expected) return false;
  return [...paths].every((p) => (p.getAttribute('d') ?? '').length > 10);
}

/** A path that changes when the window slides: our first connector's, the reference's first line. */
const WATCHED_PATH: Record<Kind, string> = {
  ours: '.power-line-connector1 path.recharts-line-curve',
  reference: '.recharts-line path.recharts-line-curve',
};

async function waitDrawn(kind: Kind, previousD: string | null): Promise<void> {
  for (;;) {
    const first = host!.querySelector(WATCHED_PATH[kind])?.getAttribute('d') ?? null;
    if (linesDrawn(MEASURES.length) && first !== previousD) return;
    await nextTask();
  }
}

export interface Timing {
  /** render() until all lines are in the DOM */
  drawnMs: number;
  /** … and the browser has produced the next frame (style, layout, paint) */
  frameMs: number;
  /** points in the building's drawn path (after min/max downsampling) */
  points: number;
}

const api = {
  /** Generates the data for the next mounts (not timed: in the app it arrives from the query). */
  prepare(slots: number): void {
    const end = Math.floor(Date.now() / STEP_MS) * STEP_MS - STEP_MS;
    prepared = generate(slots, end);
    preparedRows = referenceRows(lastPoints, MEASURES);
  },
  async mount(kind: Kind): Promise<Timing> {
    root?.unmount();
    host?.remove();
    host = document.createElement('div');
    host.className = 'power-chart';
    document.body.append(host);
    root = createRoot(host);
    current = prepared!;
    currentRows = preparedRows;
    await nextFrame();
    const t0 = performance.now();
    flushSync(() => render(kind, current!));
    await waitDrawn(kind, null);
    const t1 = performance.now();
    await nextFrame();
    const t2 = performance.now();
    return { drawnMs: t1 - t0, frameMs: t2 - t0, points: pointCount() };
  },
  /** The 5-minutely update: one new point, the window slides by one slot. */
  async append(kind: Kind): Promise<Timing> {
    const grid = current!;
    const t = grid.to + STEP_MS;
    const point = { time: t, kW: { connector1: 3, building: 4, cluster: 3 }, energyKWh: {} };
    lastPoints = [...lastPoints, point];
    const next = gridOf(lastPoints, { from: grid.from + STEP_MS, to: t }, MEASURES);
    current = next;
    // The reference's rows of the slid window, as a page would keep them: the oldest out, the new one in.
    currentRows = [...currentRows.filter((row) => row.time >= next.from), ...referenceRows([point], MEASURES)];
    const before = host!.querySelector(WATCHED_PATH[kind])?.getAttribute('d') ?? null;
    await nextFrame();
    const t0 = performance.now();
    flushSync(() => render(kind, next));
    await waitDrawn(kind, before);
    const t1 = performance.now();
    await nextFrame();
    const t2 = performance.now();
    return { drawnMs: t1 - t0, frameMs: t2 - t0, points: pointCount() };
  },
};

function pointCount(): number {
  const d = host!.querySelector('.power-line-building path.recharts-line-curve, .recharts-line path.recharts-line-curve')?.getAttribute('d') ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

(window as unknown as { __bench: typeof api }).__bench = api;
document.title = 'ready';
