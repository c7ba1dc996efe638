/**
 * How fast the first connector card shows data on a cold load, with the CPU slowed 4× (a cheap
 * wall tablet), as a ratio against a bare page of the same stack (bench/bare-page/: React,
 * TanStack Query, one fetch of the same status JSON, one element). Both pages are built with the
 * app's Vite config and served by our server (two servers in this process, each with its embedded
 * simulator), opened in fresh browser contexts (empty cache) of one Chromium, in alternating runs;
 * one probe times both: navigation start to the first `connector-card` with a status.
 *
 * The absolute time depends on how busy the shared machine is (0.8 s and 2.9 s for the same code on
 * different days); the ratio does much less, since the reference runs beside ours.
 */
import type { Browser } from '@playwright/test';
import { DIST_DIR } from '../server/paths.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { buildLikeTheApp } from './app-config-build.ts';
import { launchChromium, median, round, runs, type BenchModule, type Figure } from './harness.ts';
import { alternate, ratioFigure } from './ratio.ts';

const CARD_WITH_DATA = '[data-testid="connector-card"][data-status]:not([data-status=""])';
const CPU_THROTTLE = 4;
const AT_MOST = 1.5;

/** ms from navigation start to the first connector card showing data, recorded in the page. */
async function coldLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    // A string, not a function: tsx would wrap inner functions in a `__name` helper the page lacks.
    await page.addInitScript(`
      new MutationObserver((records, observer) => {
        if (window.__firstCard === undefined && document.querySelector(${JSON.stringify(CARD_WITH_DATA)})) {
          window.__firstCard = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    `);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __firstCard?: number }).__firstCard !== undefined, undefined, { timeout: 30_000 });
    return await page.evaluate(() => (window as unknown as { __firstCard: number }).__firstCard);
  } finally {
    await context.close();
  }
}

const serve = (distDir: string) => startServer({ env: { SIMULATOR_SEED: '7' }, distDir, port: 0, host: '127.0.0.1' });

export const firstCardBench: BenchModule = {
  title: 'Browser: cold load to first card, against a bare page',
  async run(): Promise<Figure[]> {
    const bareDir = await buildLikeTheApp('bare-page');
    const count = runs(7, 2);
    const servers: RunningServer[] = [];
    const browser = await launchChromium();
    try {
      const ours = await serve(DIST_DIR);
      servers.push(ours);
      const bare = await serve(bareDir);
      servers.push(bare);
      const oursUrl = `${ours.url}/`;
      const bareUrl = `${bare.url}/?charger=${encodeURIComponent(bare.config.chargers[0]!.id)}`;
      // One load each first, not counted: the servers' code paths compiled, the simulators warm.
      await coldLoad(browser, oursUrl);
      await coldLoad(browser, bareUrl);
      const measured = await alternate(count, () => coldLoad(browser, oursUrl), () => coldLoad(browser, bareUrl));
      return [
        ratioFigure({
          name: `cold load to the first connector card with data, ÷ a bare page of the same stack (Chromium, ${CPU_THROTTLE}× CPU throttle, loopback)`,
          ours: measured.ours,
          reference: measured.reference,
          unit: 'ms',
          referenceName: 'bare page',
          atMost: AT_MOST,
          note: 'fresh browser contexts (empty cache), from navigation start to the card with a status; the bare page (bench/bare-page/) is React, TanStack Query, one fetch of /api/chargers/:id/generalStatus and one element, built and served like the app',
        }),
        {
          name: `cold load to the first connector card with data, absolute (${CPU_THROTTLE}× CPU throttle)`,
          value: round(median(measured.ours) / 1000, 2),
          unit: 's',
          target: 'info (depends on the machine’s load; the ratio above is the target)',
          pass: null,
          note: `median of ${count}; the bare page's median ${round(median(measured.reference) / 1000, 2)} s`,
        },
      ];
    } finally {
      await browser.close();
      for (const server of servers) await server.close();
    }
  },
};
