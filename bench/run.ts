/**
 * `npm run bench`: builds the production bundle, runs every benchmark once, prints one table
 * (each figure beside its target, shortfalls said plainly) and writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../server/paths.ts';
import type { BenchModule, Figure } from './harness.ts';
import { bundleBench } from './bundle.bench.ts';
import { serverBench } from './server.bench.ts';
import { coldLoadBench, soakBench } from './browser.bench.ts';
import { sessionsBench } from './sessions.bench.ts';
import { garageBench } from './garage.bench.ts';
import { powerChartBench } from './power-chart.bench.ts';

const modules: BenchModule[] = [bundleBench, coldLoadBench, serverBench, soakBench, sessionsBench, garageBench, powerChartBench];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log('Building the production bundle…');
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });

  const results: Array<{ title: string; figures: Figure[]; error?: string }> = [];
  for (const module of modules) {
    if (only.length && !only.some((o) => module.title.toLowerCase().includes(o.toLowerCase()))) continue;
    process.stdout.write(`Running: ${module.title}… `);
    const started = Date.now();
    try {
      const figures = await module.run();
      results.push({ title: module.title, figures });
      console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ title: module.title, figures: [], error: message });
      console.log(`FAILED: ${message}`);
    }
  }

  printTable(results);
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30) };
  writeFileSync(join(PROJECT_ROOT, 'bench', 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
  console.log('\nWritten to bench/results.json');
  if (results.some((r) => r.error)) process.exitCode = 1;
}

function printTable(results: Array<{ title: string; figures: Figure[]; error?: string }>): void {
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
  const notes = results.flatMap((r) => r.figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`));
  if (notes.length) console.log(`\nNotes:\n${notes.join('\n')}`);
}

await main();
