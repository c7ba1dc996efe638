/**
 * Shared pieces of `npm run bench`: the figure type every benchmark returns, medians and
 * percentiles, the quick (smoke) mode, and a Chromium launcher that uses the same browser as the
 * tests.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export interface Figure {
  /** What was measured, e.g. "cold load to first connector card (4× CPU throttle)". */
  name: string;
  /** The measured value in `unit`; null when it could not be measured (then `note` says why). */
  value: number | null;
  unit: string;
  /** Human-readable target, e.g. "≤ 1.0 s". */
  target: string;
  /** Whether the value meets the target; null for figures without a pass/fail target. */
  pass: boolean | null;
  /** How it was measured (runs, conditions), or why it falls short. */
  note?: string;
  /** For a ratio: every run of ours and of its reference, paired in the order they ran (bench/ratio.ts). */
  ratio?: RatioRuns;
}

export interface RatioRuns {
  /** ours ÷ reference, per pair of runs. */
  ratios: number[];
  ours: number[];
  reference: number[];
  /** Unit of `ours` and `reference`. */
  unit: string;
  /** What the reference is, in a few words ("bare page of the same stack"). */
  referenceName: string;
}

export interface BenchModule {
  title: string;
  run(): Promise<Figure[]>;
}

/**
 * Quick mode (`npm run bench -- --quick`, or BENCH_QUICK=1): every section runs, with fewer runs
 * and shorter durations, to see that it works in seconds to minutes rather than to measure. Read
 * when a bench runs (not at import), since run.ts sets it after the imports.
 */
export function quick(): boolean {
  return process.env.BENCH_QUICK === '1';
}

/** `full` in a whole run, `smoke` in quick mode. */
export function runs(full: number, smoke: number): number {
  return quick() ? smoke : full;
}

/** A duration in seconds: the environment variable if set, else `full` (or `smoke` in quick mode). */
export function seconds(variable: string, full: number, smoke: number): number {
  const set = Number(process.env[variable]);
  return Number.isFinite(set) && set > 0 ? set : runs(full, smoke);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function round(value: number, decimals = 1): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'];

export function chromiumExecutable(): string | undefined {
  return process.env.CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
}

/**
 * Playwright's default closes every browser when the process gets SIGHUP or SIGTERM and lets the
 * process run on: the section under way then fails with "Target page, context or browser has been
 * closed" and the later sections run as if nothing happened. run.ts decides instead (a hang-up is
 * ignored, a SIGTERM stops the whole run and says so); Ctrl-C keeps Playwright's handling.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS, handleSIGHUP: false, handleSIGTERM: false });
}
