/**
 * For the test and screenshot tooling (dev only): build the dashboard when dist/ is missing or
 * older than the sources it is made from. `npm start` does the same for both builds in
 * scripts/start.mjs.
 */
import { BROWSER_BUILD, buildState } from '../scripts/build-freshness.mjs';
import { PROJECT_ROOT } from './paths.ts';

export function needsBuild(): boolean {
  return buildState(PROJECT_ROOT, BROWSER_BUILD) !== 'fresh';
}

export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  if (!needsBuild()) return;
  log('Building the dashboard (first start or sources changed)…');
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });
}
