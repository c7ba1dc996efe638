/**
 * Credentials live in the server's environment. A production build made while they are set (a
 * `.env` next to package.json, say) must not carry them into dist/, which every tablet downloads.
 *
 * `npm test` builds dist/ first, with stand-in credentials set (server/ensure-build.ts), and this
 * checks that build. Run on its own, without that build in place, it makes one of its own.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_CANARIES, buildWithCanaries, isCanaryBuild } from './ensure-build.ts';
import { DIST_DIR } from './paths.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets and the build', () => {
  it('a build made with credentials in the environment contains none of them', { timeout: 120_000 }, async () => {
    let outDir = DIST_DIR;
    let own: string | null = null;
    if (!isCanaryBuild(DIST_DIR)) {
      own = outDir = mkdtempSync(join(tmpdir(), 'inch-dist-secrets-'));
      await buildWithCanaries(outDir, 'silent');
    }
    try {
      const files = filesUnder(outDir);
      expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
      const leaks = files.flatMap((file) => {
        const text = readFileSync(file).toString('latin1');
        return Object.entries(BUILD_CANARIES)
          .filter(([, secret]) => text.includes(secret))
          .map(([name]) => `${relative(outDir, file)} contains ${name}`);
      });
      expect(leaks).toEqual([]);
    } finally {
      if (own) rmSync(own, { recursive: true, force: true });
    }
  });
});
