/**
 * The power chart's cost, as a ratio against an idiomatic Recharts `LineChart` with one `Line` per
 * series over the same points (bench/power-chart/reference-chart.tsx), both mounted on one
 * bench-only page (bench/power-chart/, built by Vite in production mode into bench/out/, never into
 * dist/) in Chromium:
 *
 * - the ratios: renderer main-thread CPU per mount and per update (one new 5-minute point, the
 *   window slides), a week of 2,016 points × 3 series, taken unthrottled (bench/page-bench.ts), in
 *   pairs of runs that alternate between ours and the reference;
 * - the update's CPU against one 16 ms frame;
 * - for information, the wall time from render to the next frame with the CPU slowed 4× like a cheap
 *   wall tablet, for a week and a month, and the first mount in a fresh page.
 */
import { median, round, runs, type BenchModule, type Figure } from './harness.ts';
import { openBenchPage, type BenchPage } from './page-bench.ts';
import { alternate, ratioFigure } from './ratio.ts';

const AT_MOST = 0.5;
const FRAME_MS = 16;
const WEEK = 2016;
const MONTH = 8640;

type Kind = 'ours' | 'reference';

interface Timing {
  drawnMs: number;
  frameMs: number;
  points: number;
}

const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');

export const powerChartBench: BenchModule = {
  title: 'Power chart against an idiomatic Recharts LineChart',
  async run(): Promise<Figure[]> {
    const pairs = runs(7, 2);
    const callsPerRun = runs(5, 2);
    const wallRuns = runs(7, 2);
    const warmUp = runs(3, 1);
    const page: BenchPage = await openBenchPage('power-chart');
    try {
      const mount = (kind: Kind) => page.call<Timing>('mount', kind);
      const append = (kind: Kind) => page.call<Timing>('append', kind);
      const figures: Figure[] = [];

      // --- a week: the ratios ------------------------------------------------------------------
      await page.call('prepare', WEEK);
      // The first mount compiles Recharts' code paths (a fresh page, as after the tablet's reload):
      // reported on its own; the next ones of both kinds only warm up.
      const cold = await mount('ours');
      for (let i = 0; i < warmUp; i++) {
        await mount('ours');
        await mount('reference');
      }
      const mountCpu = await alternate(
        pairs,
        () => page.cpuPerCall(callsPerRun, 'mount', 'ours'),
        () => page.cpuPerCall(callsPerRun, 'mount', 'reference'),
      );
      // Each run of updates starts from a fresh mount of its kind (not counted: the CPU is taken over the updates only).
      const updatesOf = async (kind: Kind) => {
        await mount(kind);
        return page.cpuPerCall(callsPerRun, 'append', kind);
      };
      const updateCpu = await alternate(pairs, () => updatesOf('ours'), () => updatesOf('reference'));
      const how = `renderer main-thread CPU (CDP TaskDuration in thread time), unthrottled, mean of ${callsPerRun} calls per run`;
      figures.push(
        ratioFigure({
          name: 'power chart mount, 7 days × 3 series: main-thread CPU ÷ an idiomatic Recharts LineChart',
          ours: mountCpu.ours,
          reference: mountCpu.reference,
          unit: 'ms',
          referenceName: 'Recharts LineChart',
          atMost: AT_MOST,
          note: `${how}; a mount includes unmounting the previous chart and runs to the next frame`,
        }),
        ratioFigure({
          name: 'power chart update, 7 days (one new 5-minute point, the window slides): main-thread CPU ÷ an idiomatic Recharts LineChart',
          ours: updateCpu.ours,
          reference: updateCpu.reference,
          unit: 'ms',
          referenceName: 'Recharts LineChart',
          atMost: AT_MOST,
          note: how,
        }),
      );
      const updateMs = median(updateCpu.ours);
      figures.push({
        name: 'power chart update, 7 days: main-thread CPU, unthrottled',
        value: round(updateMs, 1),
        unit: 'ms',
        target: `≤ ${FRAME_MS} ms (one frame)`,
        pass: updateMs <= FRAME_MS,
        note: `median of ${pairs} runs (${list(updateCpu.ours)} ms), each the mean of ${callsPerRun} updates; ${how}`,
      });

      // --- wall time at 4× CPU throttle, for information ----------------------------------------
      figures.push({
        name: 'power chart first mount in a fresh page, 7 days (cold: includes compiling Recharts, 4× CPU throttle)',
        value: round(cold.frameMs),
        unit: 'ms',
        target: 'info (once per page load)',
        pass: null,
        note: 'one run; in the app this happens once, after the live cards are shown (the chart is a lazy chunk)',
      });
      const wall = async (what: () => Promise<Timing>) => {
        const timings: Timing[] = [];
        for (let i = 0; i < wallRuns; i++) timings.push(await what());
        return timings;
      };
      const weekMounts = await wall(() => mount('ours'));
      const weekUpdates = await wall(() => append('ours'));
      await page.call('prepare', MONTH);
      for (let i = 0; i < warmUp; i++) await mount('ours');
      const monthMounts = await wall(() => mount('ours'));
      const wallFigure = (name: string, timings: Timing[]): Figure => ({
        name: `${name} (render → lines in DOM → next frame, 4× CPU throttle)`,
        value: round(median(timings.map((t) => t.frameMs))),
        unit: 'ms',
        target: 'info (wall time on a shared machine; the ratios above are the targets)',
        pass: null,
        note:
          `median of ${wallRuns}; runs ${list(timings.map((t) => t.frameMs))} ms; lines in DOM after ${round(median(timings.map((t) => t.drawnMs)))} ms (median); ` +
          `${timings[0]!.points} points per series drawn (min/max downsampled to the plot of the widest chart the app draws: 861 × 439 px, on a 1920×1080 screen)`,
      });
      figures.push(
        wallFigure('power chart mount, 7 days, 2,016 × 3 points', weekMounts),
        wallFigure('power chart update, 7 days: one new 5-minute point, window slides', weekUpdates),
        wallFigure('power chart mount, 30 days, 8,640 × 3 points', monthMounts),
      );
      return figures;
    } finally {
      await page.close();
    }
  },
};
