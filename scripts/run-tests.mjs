// `npm test`: the build the tests run against, the unit tests, then the browser tests once at each
// moment of the clock sweep, each phase timed. The sweep's moments are the ones that used to break
// things: two minutes before and after a month's end in the chargers' zone. `E2E_CLOCK=<ISO
// instant> npm test` runs the browser tests once, at that moment instead. Tests tagged @clock-free
// read no world clock and run at the first moment only.
//
// With CI_PHASES set to a file name, each phase's line is appended there too (.ci/run's summary).
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const SWEEP = ['2026-11-30T23:58:00+01:00', '2026-12-01T00:02:00+01:00'];
const moments = process.env.E2E_CLOCK ? [process.env.E2E_CLOCK] : SWEEP;

const results = [];

function phase(name, script, env = {}, args = []) {
  console.log(`\n== ${name}`);
  const started = performance.now();
  const { status } = spawnSync('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (performance.now() - started) / 1000;
  const line = `${name.padEnd(36)} ${seconds.toFixed(1).padStart(7)} s  ${status === 0 ? 'ok' : 'FAILED'}`;
  results.push(line);
  if (process.env.CI_PHASES) appendFileSync(process.env.CI_PHASES, `${line}\n`);
  console.log(`== ${name}: ${seconds.toFixed(1)} s`);
  return status === 0;
}

let ok = phase('build', 'test:build') && phase('unit', 'test:unit');
if (ok) {
  // Every moment runs, so a failure at one still shows whether the other holds.
  // Tests tagged @clock-free (the fixture page's tests, which pin a clock of their own) give the same
  // result at every moment: they run at the first one only.
  moments.forEach((moment, i) => {
    const args = i === 0 ? [] : ['--grep-invert', '@clock-free'];
    ok = phase(`browser @ ${moment}${i === 0 ? '' : ' (not @clock-free)'}`, 'test:e2e', { E2E_CLOCK: moment }, args) && ok;
  });
}
console.log(`\n${results.join('\n')}`);
process.exit(ok ? 0 : 1);
