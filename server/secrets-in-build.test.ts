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
    // Set and restore key by key: assigning `undefined` to process.env stores the string
    // "undefined", and replacing process.env with a plain object unhooks it from the real
    // environment for every later test in this worker.
    const changes: Record<string, string | undefined> = { ...SECRETS, VITE_CHARGER_TOKEN: undefined };
    const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
    apply(changes);
    try {
      expect('VITE_CHARGER_TOKEN' in process.env).toBe(false);
      await build({ root: PROJECT_ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      apply(saved);
    }
    const files = filesUnder(outDir);
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of Object.values(SECRETS)) expect(text, file).not.toContain(secret);
    }
  });
});
