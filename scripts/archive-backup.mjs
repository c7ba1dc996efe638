/**
 * `npm run archive:backup [-- <target>]`: the archive's online backup (server/archive/backup.ts),
 * from the sources where the dev tooling is installed, else from the compiled server, so it works
 * in a production install without tsx as well.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { devToolingInstalled } from './build-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist-server', 'server', 'archive', 'backup.js');
const args = process.argv.slice(2);

if (devToolingInstalled(root) || !existsSync(compiled)) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server', 'archive', 'backup.ts'), ...args], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else {
  const { main } = await import(pathToFileURL(compiled).href);
  await main(args);
}
