/**
 * Builds a reference page under bench/<name>/ (the bare page, the stack floor) the way the app is
 * built: the app's own Vite config (its plugins, target, and the precompressed .gz/.br beside each
 * asset), into bench/out/<name>/, never into dist/. Our server can then serve it in place of the
 * app, so a reference is sent exactly as the app is.
 */
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../server/paths.ts';

export async function buildLikeTheApp(name: string): Promise<string> {
  const outDir = join(PROJECT_ROOT, 'bench', 'out', name);
  await build({
    configFile: join(PROJECT_ROOT, 'vite.config.ts'),
    root: join(PROJECT_ROOT, 'bench', name),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
