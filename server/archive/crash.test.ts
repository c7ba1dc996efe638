/**
 * kill -9 in the middle of a burst of writes, 20 times over: the archive opens every time, passes
 * SQLite's integrity check, and holds every row whose commit was reported before the kill.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveStore } from './store.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const SOURCE = fileURLToPath(new URL('../test-support/archive-crash-child.ts', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const temp = temporaryArchive();
const CHILD = join(temp.dir, 'crash-child.cjs');
afterAll(() => temp.remove());

// Bundled once, so each of the 20 writers starts in a blink instead of compiling TypeScript.
beforeAll(async () => {
  await build({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'cjs', outfile: CHILD, external: ['better-sqlite3'], logLevel: 'error' });
});

/** Starts the writer, kills it with SIGKILL after `commits` reported commits; the last count it reported. */
function writeAndKill(commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, temp.path], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: NODE_MODULES } });
    let reported = 0;
    let seen = 0;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (!match) continue;
        reported = Number(match[1]);
        seen += 1;
        if (seen === commits) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`writer ended by itself (${code}): ${stderr}`));
    });
  });
}

describe('kill -9 during a burst of writes', () => {
  it('20 times: opens, passes integrity_check, holds every committed row', { timeout: 120_000 }, async () => {
    for (let round = 0; round < 20; round++) {
      // Killed after a varying number of commits, while the next transaction is being written.
      const reported = await writeAndKill(3 + ((round * 7) % 40));
      const store = openArchiveStore(temp.path);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const { n, first, last } = store.db.prepare('SELECT count(*) AS n, min(t) AS first, max(t) AS last FROM power').get() as { n: number; first: number; last: number };
      expect(n).toBeGreaterThanOrEqual(reported);
      // No hole: the rows are consecutive slots from the first one.
      expect((last - first) / 300 + 1).toBe(n);
      store.close();
    }
    const db = new Database(temp.path, { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });
});
