/**
 * Render time of the power chart panel's "12 months" range: the real EnergyBars (Recharts'
 * BarChart, a bar per local month and series: 12 × 3 bars) for a year of daily energy summed per
 * month, in Chromium with the CPU slowed 4× like a cheap wall tablet; and its update when the
 * 5-minutely refetch makes this month's bars taller. Same harness as the power chart bench: a
 * bench-only page (bench/energy-bars/) built by Vite in production mode into bench/out/ (never
 * into dist/), served from loopback, the chart at the widest size the app draws it (861 × 439).
 */
import { median, round, runs, type BenchModule, type Figure } from './harness.ts';
import { openBenchPage } from './page-bench.ts';

const TARGET_MS = 100;

interface Timing {
  drawnMs: number;
  frameMs: number;
  bars: number;
}

export const energyBarsBench: BenchModule = {
  title: 'Energy bars render (power chart, 12 months)',
  async run(): Promise<Figure[]> {
    const RUNS = runs(7, 2);
    const CPU_RUNS = runs(20, 2);
    const WARM_UP = runs(3, 1);
    const page = await openBenchPage('energy-bars');
    try {
      const bench = (call: 'mount' | 'update' | 'prepare') => page.call<Timing>(call);
      const cpuPerCall = (call: 'mount' | 'update') => page.cpuPerCall(CPU_RUNS, call);

      await bench('prepare');
      // The first mounts compile Recharts' code paths (in the app the 12-month range is chosen
      // on a page that has usually drawn the lines already); they only warm up.
      for (let i = 0; i < WARM_UP + 1; i++) await bench('mount');
      const mounts: Timing[] = [];
      for (let i = 0; i < RUNS; i++) mounts.push(await bench('mount'));
      const cpuPerMount = await cpuPerCall('mount');
      const mountMs = median(mounts.map((r) => r.frameMs));

      await bench('mount');
      const updates: Timing[] = [];
      for (let i = 0; i < RUNS; i++) updates.push(await bench('update'));
      const cpuPerUpdate = await cpuPerCall('update');
      const updateMs = median(updates.map((r) => r.frameMs));

      return [
        {
          name: 'energy bars mount, 12 months × 3 series (render → bars in DOM → next frame, 4× CPU throttle)',
          value: round(mountMs),
          unit: 'ms',
          target: `≤ ${TARGET_MS} ms`,
          pass: mountMs <= TARGET_MS,
          note:
            `median of ${RUNS} mounts after ${WARM_UP + 1} warm-up mounts; bars in DOM after ${round(median(mounts.map((r) => r.drawnMs)))} ms (median); ` +
            `${mounts[0]!.bars} bars (a year of daily energy summed per month by the query's select; chart 861 × 439 px, the widest the app draws); ` +
            `runs: ${mounts.map((r) => Math.round(r.frameMs)).join(', ')} ms` +
            `; unthrottled renderer main-thread CPU ${round(cpuPerMount)} ms per mount (mean of ${CPU_RUNS}; includes unmounting the previous chart)`,
        },
        {
          name: "energy bars update, 12 months: the 5-minute refetch, this month's bars taller (→ next frame, 4× CPU throttle)",
          value: round(updateMs),
          unit: 'ms',
          target: `≤ ${TARGET_MS} ms`,
          pass: updateMs <= TARGET_MS,
          note:
            `median of ${RUNS}; runs: ${updates.map((r) => Math.round(r.frameMs)).join(', ')} ms` +
            `; unthrottled renderer main-thread CPU ${round(cpuPerUpdate)} ms per update (mean of ${CPU_RUNS})`,
        },
      ];
    } finally {
      await page.close();
    }
  },
};
