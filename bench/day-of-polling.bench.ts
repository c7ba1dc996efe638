/**
 * A day of the wall tablet's live view, in real Chromium against our server and the embedded
 * simulator on loopback: whether a day of polling leaks memory, DOM nodes or listeners.
 */
import type { Browser, Page } from '@playwright/test';
import { DIST_DIR } from '../server/paths.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { launchChromium, round, runs, type BenchModule, type Figure } from './harness.ts';

const CARD_WITH_DATA = '[data-testid="connector-card"][data-status]:not([data-status=""])';

async function withServerAndBrowser<T>(fn: (server: RunningServer, browser: Browser) => Promise<T>): Promise<T> {
  const server = await startServer({ env: { SIMULATOR_SEED: '7' }, distDir: DIST_DIR, port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  try {
    return await fn(server, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}

interface Metrics {
  heapMb: number;
  nodes: number;
  listeners: number;
}

async function metricsAfterGc(page: Page): Promise<Metrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  await cdp.detach();
  return { heapMb: value('JSHeapUsedSize') / 2 ** 20, nodes: value('Nodes'), listeners: value('JSEventListeners') };
}

const POLL_MS = 5_000;
const DAY_POLLS = 17_280;

/**
 * A day of the live view in compressed time: Playwright's clock drives the page's timers 5 s at a
 * time, and each step waits for that poll's real answer from our server. The page's clock starts
 * a day in the past so the chart's ranges ask for history the simulator has.
 */
async function dayOfPolling(server: RunningServer, browser: Browser, dayPolls: number, warmUpPolls: number): Promise<{ start: Metrics; end: Metrics; polls: number; realSeconds: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.clock.install({ time: server.simulator!.now() - 86_400_000 });
  let polls = 0;
  page.on('response', (response) => {
    if (response.url().includes('/generalStatus')) polls += 1;
  });
  // The page's event stream is refused, so the page polls (its fallback) on the page's clock,
  // which this benchmark drives; the pushed stream would run on real time instead.
  await page.route('**/api/events?**', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"too_many_streams","message":"bench"}}' }));
  await page.goto(`${server.url}/`);
  await page.waitForSelector(CARD_WITH_DATA);

  const step = async () => {
    const before = polls;
    await page.clock.runFor(POLL_MS);
    const deadline = Date.now() + 5_000;
    while (polls === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  };
  for (let i = 0; i < warmUpPolls; i++) await step(); // ten minutes of warm-up: caches and chart filled
  const start = await metricsAfterGc(page);
  const pollsAtStart = polls;
  const started = Date.now();
  for (let i = 0; i < dayPolls; i++) await step();
  const end = await metricsAfterGc(page);
  const result = { start, end, polls: polls - pollsAtStart, realSeconds: (Date.now() - started) / 1000 };
  await context.close();
  return result;
}

const pct = (from: number, to: number) => ((to - from) / from) * 100;

export const soakBench: BenchModule = {
  title: 'Browser: a day of polling',
  async run(): Promise<Figure[]> {
    // Quick mode: half an hour instead of a day, for a smoke test of the section.
    const dayPolls = runs(DAY_POLLS, 360);
    return withServerAndBrowser(async (server, browser) => {
      const { start, end, polls, realSeconds } = await dayOfPolling(server, browser, dayPolls, runs(120, 12));
      const heapGrowth = end.heapMb - start.heapMb;
      const nodes = pct(start.nodes, end.nodes);
      const listeners = pct(start.listeners, end.listeners);
      const how = `${polls} status polls of the polling fallback (event stream refused) answered in ${Math.round(realSeconds)} s real time (Playwright clock, 5 s steps); after forced GC`;
      return [
        {
          name: 'a day of polling on the live view: JS heap growth',
          value: round(heapGrowth, 2),
          unit: 'MB',
          target: '≤ 2 MB',
          pass: heapGrowth <= 2 && polls >= dayPolls,
          note: `${round(start.heapMb, 2)} → ${round(end.heapMb, 2)} MB; ${how}`,
        },
        {
          name: 'a day of polling: DOM nodes, start → end',
          value: round(nodes, 2),
          unit: '%',
          target: '±2 %',
          pass: Math.abs(nodes) <= 2,
          note: `${start.nodes} → ${end.nodes}`,
        },
        {
          name: 'a day of polling: event listeners, start → end',
          value: round(listeners, 2),
          unit: '%',
          target: '±2 %',
          pass: Math.abs(listeners) <= 2,
          note: `${start.listeners} → ${end.listeners}`,
        },
      ];
    });
  },
};
