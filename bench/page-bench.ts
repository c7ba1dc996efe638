/**
 * The harness of the browser-page benches (power chart, energy bars): a bench-only page (under
 * bench/<name>/) built by Vite in production mode into bench/out/<name>/ (never into dist/),
 * served from loopback and opened in Chromium with the CPU slowed like a cheap wall tablet; its
 * `window.__bench` functions are the measurements. Beside their wall time, the renderer's
 * main-thread CPU time: the DevTools protocol's `Performance.getMetrics` `TaskDuration` with the
 * domain enabled in thread time (`timeDomain: 'threadTicks'`), the time the main thread ran its
 * tasks, which other processes on a shared machine do not stretch the way they stretch wall time.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { PROJECT_ROOT } from '../server/paths.ts';
import { launchChromium } from './harness.ts';

const CPU_THROTTLE = 4;

export interface BenchPage {
  /** Calls the page's `window.__bench[name](...args)` and resolves with its answer. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  /**
   * Renderer main-thread CPU per call, ms, mean of `runs`, taken unthrottled: CDP's CPU throttling
   * slows the main thread by interrupting it with a signal whose handler spins, and that spinning is
   * thread time too.
   */
  cpuPerCall(runs: number, name: string, ...args: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** Builds bench/<name>/, serves it, opens it at 1280×800 with the CPU slowed 4× and waits until it says it is ready. */
export async function openBenchPage(name: string): Promise<BenchPage> {
  const outDir = join(PROJECT_ROOT, 'bench', 'out', name);
  await build({
    root: join(PROJECT_ROOT, 'bench', name),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  });
  const server = await serve(outDir);
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const mainThreadMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const task = metrics.find((m) => m.name === 'TaskDuration');
      if (!task) throw new Error('Chromium reported no TaskDuration metric');
      return task.value * 1000;
    };
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => document.title === 'ready');
    const call = <T>(fn: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => (window as unknown as { __bench: Record<string, (...x: unknown[]) => unknown> }).__bench[f]!(...a), [fn, args] as const) as Promise<T>;
    return {
      call,
      async cpuPerCall(runs, fn, ...args) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        const before = await mainThreadMs();
        for (let i = 0; i < runs; i++) await call(fn, ...args);
        const result = ((await mainThreadMs()) - before) / runs;
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
        return result;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html')));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
