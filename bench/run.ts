/**
 * `npm run bench`: builds the production bundle, runs every benchmark once, prints one table
 * (each figure beside its target, shortfalls said plainly), every ratio with its runs, and the
 * machine's load averages before and after each section and the whole run; writes
 * bench/results.json and puts the table into the README. `npm run bench -- <name>` runs only the
 * matching benchmarks, and `npm run bench -- --quick` runs every section in a short smoke mode
 * (bench/harness.ts, `quick()`); both leave the two files alone (a partial or quick run must not
 * replace a whole one). Exits 1 when a section could not run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../server/paths.ts';
import type { BenchModule, Figure } from './harness.ts';
import { describeLoad, startLoadSpan, type LoadSpan } from './machine-load.ts';
import { describeRatio } from './ratio.ts';
import { bundleBench } from './bundle.bench.ts';
import { serverBench } from './server.bench.ts';
import { soakBench } from './day-of-polling.bench.ts';
import { firstCardBench } from './first-card.bench.ts';
import { sessionsBench } from './sessions.bench.ts';
import { garageBench } from './garage.bench.ts';
import { powerChartBench } from './power-chart.bench.ts';
import { energyBarsBench } from './energy-bars.bench.ts';
import { pushBench } from './push.bench.ts';
import { archiveBench } from './archive.bench.ts';
import { archiveLoadBench } from './archive-load.bench.ts';
import { idleBytesBench } from './idle-bytes.bench.ts';
import { liveBusyBench } from './live-busy.bench.ts';

const modules: BenchModule[] = [bundleBench, firstCardBench, serverBench, soakBench, liveBusyBench, sessionsBench, garageBench, powerChartBench, energyBarsBench, pushBench, archiveBench, archiveLoadBench, idleBytesBench];

interface SectionResult {
  title: string;
  figures: Figure[];
  error?: string;
  seconds: number;
  load: LoadSpan;
}

/**
 * A whole run takes about half an hour: a closed terminal (SIGHUP) must not end it or, worse, close
 * the browsers of the section under way while the rest runs on. SIGTERM stops the run as a whole
 * and says so; the browsers go with the process.
 */
function handleSignals(): void {
  // After a hang-up the terminal may be gone: output that cannot be written must not end the run.
  process.stdout.on('error', () => {});
  process.on('SIGHUP', () => console.log('\n(SIGHUP ignored: the run goes on)'));
  process.on('SIGTERM', () => {
    console.log('\nStopped by SIGTERM: no results written');
    process.exit(143);
  });
}

async function main(): Promise<void> {
  handleSignals();
  const args = process.argv.slice(2);
  if (args.includes('--quick')) process.env.BENCH_QUICK = '1';
  const isQuick = process.env.BENCH_QUICK === '1';
  const only = args.filter((a) => !a.startsWith('--'));
  const whole = startLoadSpan();
  console.log(`Building the production bundle…${isQuick ? ' (quick mode: every section, short runs; for smoke tests, not for figures)' : ''}`);
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });

  const results: SectionResult[] = [];
  for (const module of modules) {
    if (only.length && !only.some((o) => module.title.toLowerCase().includes(o.toLowerCase()))) continue;
    process.stdout.write(`Running: ${module.title}… `);
    const started = Date.now();
    const span = startLoadSpan();
    try {
      const figures = await module.run();
      const load = span();
      results.push({ title: module.title, figures, seconds: (Date.now() - started) / 1000, load });
      console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; ${describeLoad(load)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const load = span();
      results.push({ title: module.title, figures: [], error: message, seconds: (Date.now() - started) / 1000, load });
      console.log(`FAILED: ${message}; ${describeLoad(load)}`);
    }
  }

  const load = whole();
  printTable(results);
  printRatios(results);
  console.log(`\nWhole run: ${describeLoad(load)}`);
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30) };
  const json = `${JSON.stringify({ date: new Date().toISOString(), machine, quick: isQuick, load, results }, null, 2)}\n`;
  if (only.length || isQuick) {
    mkdirSync(join(PROJECT_ROOT, 'bench', 'out'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench', 'out', 'partial-results.json'), json);
    console.log(`\n${isQuick ? 'Quick' : 'Partial'} run: written to bench/out/partial-results.json`);
  } else {
    writeFileSync(join(PROJECT_ROOT, 'bench', 'results.json'), json);
    updateReadme(results, machine, load);
    console.log('\nWritten to bench/results.json and the README');
  }
  if (results.some((r) => r.error)) process.exitCode = 1;
}

/** The README shows the last whole run, between its bench-table markers. */
function updateReadme(results: SectionResult[], machine: { cpus: number; cpuModel: string; node: string }, load: LoadSpan): void {
  const path = join(PROJECT_ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = results.flatMap((r) =>
    r.error
      ? [`| ${cell(r.title)} | could not run | | ${cell(r.error)} |`]
      : r.figures.map((f) => `| ${cell(f.name)} | ${f.value === null ? 'n/a' : `${f.value} ${f.unit}`.trim()} | ${cell(f.target)} | ${f.pass === null ? 'info' : f.pass ? 'meets target' : '**falls short**'} |`),
  );
  const ratios = results.flatMap((r) => r.figures.filter((f) => f.ratio).map((f) => `- ${f.name}: **${f.value} ×** (target ${f.target}); ${describeRatio(f.ratio!)}`));
  const table = [
    `Run of ${new Date().toISOString().slice(0, 10)} on ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, ${describeLoad(load)} over the whole run; ` +
      'each section\'s load, and the notes, in `bench/results.json`.',
    '',
    'Ratios (ours ÷ a reference measured in the same run, runs alternating; median of the per-pair ratios):',
    '',
    ...ratios,
    '',
    '| figure | measured | target | verdict |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const next = readme.replace(/<!-- bench-table -->[\s\S]*?<!-- \/bench-table -->/, `<!-- bench-table -->\n${table}\n<!-- /bench-table -->`);
  writeFileSync(path, next);
}

function printTable(results: SectionResult[]): void {
  const rows: string[][] = [['figure', 'measured', 'target', 'verdict']];
  for (const result of results) {
    if (result.error) rows.push([result.title, 'error', '', `could not run: ${result.error}`]);
    for (const f of result.figures) {
      const verdict = f.pass === null ? 'info' : f.pass ? 'meets target' : 'FALLS SHORT';
      rows.push([f.name, f.value === null ? 'n/a' : `${f.value} ${f.unit}`, f.target, verdict]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i]!.length))));
  console.log('');
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
  const notes = results.flatMap((r) => r.figures.filter((f) => f.note && !f.ratio).map((f) => `- ${f.name}: ${f.note}`));
  if (notes.length) console.log(`\nNotes:\n${notes.join('\n')}`);
  console.log('\nLoad per section:');
  for (const r of results) console.log(`- ${r.title}: ${r.seconds.toFixed(0)} s, ${describeLoad(r.load)}`);
}

/** Every ratio with all its runs, the median and the spread. */
function printRatios(results: SectionResult[]): void {
  const ratios = results.flatMap((r) => r.figures.filter((f) => f.ratio));
  if (!ratios.length) return;
  console.log('\nRatios (ours ÷ reference, runs alternating in one process):');
  for (const f of ratios) {
    const verdict = f.pass ? 'meets target' : 'FALLS SHORT';
    console.log(`- ${f.name}: ${f.value} × (target ${f.target}, ${verdict})\n    ${f.note ?? describeRatio(f.ratio!)}`);
  }
}

await main();
