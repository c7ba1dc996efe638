/**
 * The harness of the browser-page benches (power chart, energy bars): a bench-only page (under
 * bench/<name>/) built by Vite in production mode into bench/out/<name>/ (never into dist/),
 * served from loopback and opened in Chromium with the CPU slowed like a cheap wall tablet; its
 * `window.__bench` functions are the measurements, and the renderers' main-thread CPU time is read
 * from /proc as a second, less load-sensitive view of the same work.
 */
import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { PROJECT_ROOT } from '../server/paths.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from './harness.ts';

const CPU_THROTTLE = 4;

export interface BenchPage {
  /** Calls the page's `window.__bench[name](...args)` and resolves with its answer. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  /**
   * Unthrottled renderer main-thread CPU per call, mean of `runs` (CDP's throttling spins, so it
   * is taken without); null where /proc cannot be read.
   */
  cpuPerCall(runs: number, name: string, ...args: unknown[]): Promise<number | null>;
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
  const executablePath = chromiumExecutable();
  const browserServer = await chromium.launchServer({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
  const browser = await chromium.connect(browserServer.wsEndpoint());
  const close = async () => {
    await browser.close();
    await browserServer.close();
    server.close();
  };
  try {
    const cpuMs = rendererCpuMs(browserServer.process().pid);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => document.title === 'ready');
    const call = <T>(fn: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => (window as unknown as { __bench: Record<string, (...x: unknown[]) => unknown> }).__bench[f]!(...a), [fn, args] as const) as Promise<T>;
    return {
      call,
      async cpuPerCall(runs, fn, ...args) {
        if (!cpuMs) return null;
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        const before = cpuMs();
        for (let i = 0; i < runs; i++) await call(fn, ...args);
        const result = (cpuMs() - before) / runs;
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

/**
 * CPU time of the renderers’ main threads (Linux /proc), which grows far less than wall time
 * when other processes share the cores: a second view of the same work, readable on a busy
 * machine. CDP's throttling inflates it (the throttled thread is charged while held back), so it
 * is taken unthrottled; ×4 estimates the tablet.
 */
function rendererCpuMs(browserPid: number | undefined): (() => number) | null {
  if (browserPid === undefined || !existsSync('/proc/self/stat')) return null;
  const statFields = (path: string) => readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  const parentOf = (pid: string) => {
    try {
      return Number(statFields(`/proc/${pid}/stat`)[1]);
    } catch {
      return 0;
    }
  };
  const descends = (pid: string) => {
    for (let p = Number(pid), hops = 0; p > 1 && hops < 10; p = parentOf(String(p)), hops++) if (p === browserPid) return true;
    return false;
  };
  const renderers = () =>
    readdirSync('/proc').filter((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') && descends(pid);
      } catch {
        return false;
      }
    });
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  return () =>
    renderers().reduce((sum, pid) => {
      try {
        const f = statFields(`/proc/${pid}/task/${pid}/stat`);
        return sum + (Number(f[11]) + Number(f[12])) / ticksPerMs;
      } catch {
        return sum;
      }
    }, 0);
}
