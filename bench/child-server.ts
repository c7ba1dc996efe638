/**
 * A server under test in a process of its own (bench/push-server.ts, bench/archive-load-server.ts):
 * its memory is its own, and a stall of its event loop cannot stall the benchmark's clients and
 * clocks. The script prints one JSON line saying where to reach it, and ends on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/paths.ts';

export interface ChildServer<T> {
  child: ChildProcess;
  info: T;
  stop(): Promise<void>;
}

/** `env` is added to this process's environment for the child. */
export async function startChildServer<T>(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<ChildServer<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server process ${script} ended (${code})`)));
  });
  return {
    child,
    info: JSON.parse(line) as T,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident set size of a process, MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
