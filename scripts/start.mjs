/**
 * `npm start`: runs the compiled server (dist-server/), which serves the built dashboard (dist/).
 *
 * - After `npm install` (dev tooling present), whatever is missing or older than its sources is
 *   built first, so `npm install && npm start` on a fresh clone just works.
 * - In a production install (`npm ci && npm run build && npm prune --omit=dev`, or
 *   `npm ci --omit=dev` on a built tree) it runs what was built, with node alone.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BROWSER_BUILD, buildState, devToolingInstalled, SERVER_BUILD } from './build-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tooling = devToolingInstalled(root);

for (const build of [BROWSER_BUILD, SERVER_BUILD]) {
  const state = buildState(root, build);
  if (state === 'fresh') continue;
  if (tooling) {
    console.log(`Building ${build.name} (${state === 'missing' ? 'first start' : 'sources changed'})…`);
    if (!runScript(build.script)) process.exit(1);
  } else if (state === 'missing') {
    console.error(`inch-dashboard: ${build.entry} is missing and the build tools are not installed.`);
    console.error('Build first: `npm ci && npm run build` (then `npm prune --omit=dev` if you like), then `npm start`.');
    process.exit(1);
  } else {
    console.warn(`inch-dashboard: ${build.entry} is older than its sources; running it anyway (\`npm ci && npm run build\` updates it).`);
  }
}

await import(pathToFileURL(join(root, SERVER_BUILD.entry)).href);

/** `npm run <script>` with the npm that runs us (npm sets npm_execpath), else the one on PATH. */
function runScript(script) {
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', '--silent', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}
