/**
 * Whether the two builds `npm start` runs from (the dashboard in dist/, the server compiled to
 * dist-server/) are missing or older than the sources they are made of, and whether the dev
 * tooling that makes them is installed. Plain JavaScript: it runs before any build exists and in
 * a production install without TypeScript.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The dashboard (Vite): its entry file and what it is built from. */
export const BROWSER_BUILD = {
  name: 'the dashboard',
  script: 'build:browser',
  entry: 'dist/index.html',
  sources: ['src', 'public', 'index.html', 'vite.config.ts', 'tailwind.config.js'],
};

/** The server (tsc -p tsconfig.server.json): its entry file and what it is built from. */
export const SERVER_BUILD = {
  name: 'the server',
  script: 'build:server',
  entry: 'dist-server/server/main.js',
  sources: ['server', 'src/api', 'src/shared', 'tsconfig.server.json', 'tsconfig.base.json'],
};

/*
 * package-lock.json is not among the sources: `npm prune` and `npm ci` rewrite it without
 * changing it, which would make a production install look stale. After a dependency update,
 * `npm run build`.
 */

/** Tests are not part of either build. */
const NOT_BUILT = /\.test\.tsx?$/;

/** 'missing', 'stale' (a source is newer than the entry) or 'fresh'. */
export function buildState(root, build) {
  const entry = join(root, build.entry);
  if (!existsSync(entry)) return 'missing';
  const builtAt = statSync(entry).mtimeMs;
  return build.sources.some((source) => newestMtime(join(root, source)) > builtAt) ? 'stale' : 'fresh';
}

/** Vite and TypeScript are devDependencies: present after `npm install`, gone after `--omit=dev`. */
export function devToolingInstalled(root) {
  return ['vite', 'typescript'].every((name) => existsSync(join(root, 'node_modules', name, 'package.json')));
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return NOT_BUILT.test(path) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
