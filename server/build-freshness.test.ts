import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildState, devToolingInstalled, SERVER_BUILD } from '../scripts/build-freshness.mjs';

/** `npm start` decides from these whether to build first; a wrong answer runs stale code or rebuilds a production install. */
describe('build freshness (scripts/start.mjs)', () => {
  let root: string;
  const write = (path: string, at: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), at / 1000, at / 1000);
  };
  const now = Date.now();
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('calls a build missing, stale when a source is newer, fresh otherwise; tests do not count', () => {
    root = mkdtempSync(join(tmpdir(), 'freshness-'));
    write('server/main.ts', now - 60_000);
    expect(buildState(root, SERVER_BUILD)).toBe('missing');
    write('dist-server/server/main.js', now - 30_000);
    // Directories count by their own time too; pin them to the past.
    utimesSync(join(root, 'server'), (now - 60_000) / 1000, (now - 60_000) / 1000);
    expect(buildState(root, SERVER_BUILD)).toBe('fresh');
    write('server/app.test.ts', now);
    utimesSync(join(root, 'server'), (now - 60_000) / 1000, (now - 60_000) / 1000);
    expect(buildState(root, SERVER_BUILD)).toBe('fresh');
    write('src/api/schemas.ts', now);
    expect(buildState(root, SERVER_BUILD)).toBe('stale');
  });

  it('knows whether the build tools are installed', () => {
    root = mkdtempSync(join(tmpdir(), 'freshness-'));
    expect(devToolingInstalled(root)).toBe(false);
    write('node_modules/vite/package.json', now);
    write('node_modules/typescript/package.json', now);
    expect(devToolingInstalled(root)).toBe(true);
  });
});
