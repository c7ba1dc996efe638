import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';

/**
 * Real Chromium from Debian: its headless build (`chromium-headless-shell`, the same Chromium
 * release without the desktop browser's window and compositor) where installed, otherwise the
 * full browser, otherwise Playwright's own Chromium (installed on first use by
 * scripts/ensure-browser.mjs). `CHROMIUM_PATH` picks one. The headless build runs this suite in
 * about two thirds of the time on two cores, every test passing in both.
 */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
const executablePath = process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUMS.find((path) => existsSync(path));

export default defineConfig({
  testDir: './e2e',
  // Each test starts its own server and simulator on free ports, at the pinned moment
  // (e2e/fixtures.ts): tests share nothing, so any worker may run any test, and the long spec
  // files spread over all workers. One worker per core.
  fullyParallel: true,
  workers: availableParallelism(),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    // Still, by default: without a GPU Chromium composites every frame of the charging bolt's
    // breathing on the CPU (in the full browser, a tenth of the whole suite's CPU and a quarter of
    // the live view's tests'). Everything else renders the same under reduced motion. The tests of the breathing itself, and the layouts
    // from fixtures (they measure hundreds of states, and frames at the display's rate settle a
    // state sooner), ask for motion themselves.
    reducedMotion: 'reduce',
    // Recording a trace costs every test about a quarter of its time whether it fails or not; CI
    // keeps its log, the failure's screenshot and page snapshot, and stays well inside its budget.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
