/**
 * Credentials live in the server's environment. A production build made while they are set (a
 * `.env` next to package.json, say) must not carry them into dist/, which every tablet downloads.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './paths.ts';

const SECRETS = {
  CHARGER_TOKEN: 'tok-5f1c8e0d9a7b4c2e',
  CHARGER_EMAIL: 'garage-owner-8d3f@example.com',
  CHARGER_PASSWORD: 'pw-7c91b2aa41e0',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets and the build', () => {
  it('a build made with credentials in the environment contains none of them', { timeout: 120_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'inch-dist-secrets-'));
    const saved = { ...process.env };
    Object.assign(process.env, SECRETS, { VITE_CHARGER_TOKEN: undefined });
    try {
      await build({ root: PROJECT_ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env = saved;
    }
    const files = filesUnder(outDir);
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of Object.values(SECRETS)) expect(text, file).not.toContain(secret);
    }
  });
});
