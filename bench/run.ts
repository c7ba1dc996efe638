/**
 * `npm run bench`: builds the production bundle, runs every benchmark once, prints one table
 * (each figure beside its target, shortfalls said plainly), writes bench/results.json and puts
 * the table into the README. `npm run bench -- <name>` runs only the matching benchmarks and
 * leaves both files alone (a partial run must not replace a whole one).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { energyBarsBench } from './energy-bars.bench.ts';
import { pushBench } from './push.bench.ts';
import { archiveBench } from './archive.bench.ts';
import { liveBusyBench } from './live-busy.bench.ts';

const modules: BenchModule[] = [bundleBench, coldLoadBench, serverBench, soakBench, liveBusyBench, sessionsBench, garageBench, powerChartBench, energyBarsBench, pushBench, archiveBench];

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
  const json = `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`;
  if (only.length) {
    mkdirSync(join(PROJECT_ROOT, 'bench', 'out'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench', 'out', 'partial-results.json'), json);
    console.log('\nPartial run: written to bench/out/partial-results.json');
  } else {
    writeFileSync(join(PROJECT_ROOT, 'bench', 'results.json'), json);
    updateReadme(results, machine);
    console.log('\nWritten to bench/results.json and the README');
  }
  if (results.some((r) => r.error)) process.exitCode = 1;
}

/** The README shows the last whole run, between its bench-table markers. */
function updateReadme(results: Array<{ title: string; figures: Figure[]; error?: string }>, machine: { cpus: number; cpuModel: string; node: string }): void {
  const path = join(PROJECT_ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = results.flatMap((r) =>
    r.error
      ? [`| ${cell(r.title)} | could not run | | ${cell(r.error)} |`]
      : r.figures.map((f) => `| ${cell(f.name)} | ${f.value === null ? 'n/a' : `${f.value} ${f.unit}`.trim()} | ${cell(f.target)} | ${f.pass === null ? 'info' : f.pass ? 'meets target' : '**falls short**'} |`),
  );
  const table = [
    `Run of ${new Date().toISOString().slice(0, 10)} on ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; details and notes in \`bench/results.json\`.`,
    '',
    '| figure | measured | target | verdict |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const next = readme.replace(/<!-- bench-table -->[\s\S]*?<!-- \/bench-table -->/, `<!-- bench-table -->\n${table}\n<!-- /bench-table -->`);
  writeFileSync(path, next);
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
