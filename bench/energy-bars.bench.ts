/**
 * Render time of the power chart panel's "12 months" range: the real EnergyBars (Recharts'
 * BarChart, a bar per local month and series: 12 × 3 bars) for a year of daily energy summed per
 * month, in Chromium with the CPU slowed 4× like a cheap wall tablet; and its update when the
 * 5-minutely refetch makes this month's bars taller. Same harness as the power chart bench: a
 * bench-only page (bench/energy-bars/) built by Vite in production mode into bench/out/ (never
 * into dist/), served from loopback, the chart at the widest size the app draws it (861 × 439).
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { PROJECT_ROOT } from '../server/paths.ts';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable, median, round, type BenchModule, type Figure } from './harness.ts';
import { rendererCpuMs, serve } from './page-bench.ts';

const PAGE_DIR = join(PROJECT_ROOT, 'bench', 'energy-bars');
const OUT_DIR = join(PROJECT_ROOT, 'bench', 'out', 'energy-bars');
const RUNS = 7;
const CPU_RUNS = 20;
const WARM_UP = 3;
const TARGET_MS = 100;

interface Timing {
  drawnMs: number;
  frameMs: number;
  bars: number;
}

export const energyBarsBench: BenchModule = {
  title: 'Energy bars render (power chart, 12 months)',
  async run(): Promise<Figure[]> {
    await build({
      root: PAGE_DIR,
      base: './',
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
    });
    const server = await serve(OUT_DIR);
    const executablePath = chromiumExecutable();
    const browserServer = await chromium.launchServer({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
    const browser = await chromium.connect(browserServer.wsEndpoint());
    const cpuMs = rendererCpuMs(browserServer.process().pid);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => document.title === 'ready');

      const bench = (call: 'mount' | 'update' | 'prepare') =>
        page.evaluate((c) => (window as unknown as { __bench: Record<string, () => Promise<Timing>> }).__bench[c]!(), call);

      /** Unthrottled main-thread CPU per call (CDP throttling spins, so it is measured without). */
      const cpuPerCall = async (call: 'mount' | 'update'): Promise<number | null> => {
        if (!cpuMs) return null;
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        const before = cpuMs();
        for (let i = 0; i < CPU_RUNS; i++) await bench(call);
        const result = (cpuMs() - before) / CPU_RUNS;
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        return result;
      };

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
            (cpuPerMount === null
              ? ''
              : `; unthrottled renderer main-thread CPU ${round(cpuPerMount)} ms per mount (mean of ${CPU_RUNS}; includes unmounting the previous chart; ×4 ≈ ${Math.round(cpuPerMount * 4)} ms)`),
        },
        {
          name: "energy bars update, 12 months: the 5-minute refetch, this month's bars taller (→ next frame, 4× CPU throttle)",
          value: round(updateMs),
          unit: 'ms',
          target: `≤ ${TARGET_MS} ms`,
          pass: updateMs <= TARGET_MS,
          note:
            `median of ${RUNS}; runs: ${updates.map((r) => Math.round(r.frameMs)).join(', ')} ms` +
            (cpuPerUpdate === null ? '' : `; unthrottled renderer main-thread CPU ${round(cpuPerUpdate)} ms per update (mean of ${CPU_RUNS}, ×4 ≈ ${Math.round(cpuPerUpdate * 4)} ms)`),
        },
      ];
    } finally {
      await browser.close();
      await browserServer.close();
      server.close();
    }
  },
};
