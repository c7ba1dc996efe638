// `npm test` needs a Chromium. Use the system's (Debian's chromium-headless-shell or chromium, as
// playwright.config.ts picks) where present; otherwise Playwright's own, downloaded on first use
// where the machine can download it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const system = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
if (system.some((path) => existsSync(path))) process.exit(0);

let bundled;
try {
  bundled = chromium.executablePath();
} catch {
  bundled = '';
}
if (bundled && existsSync(bundled)) process.exit(0);

console.log('No Chromium found; installing Playwright’s Chromium (one-time download)…');
const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('Could not install Chromium. Install your system’s chromium package, or set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}
