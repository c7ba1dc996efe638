import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.ts';

/** Reads `.env` next to package.json, if present; real environment variables win. */
export function loadEnvFile(): void {
  const path = join(PROJECT_ROOT, '.env');
  if (existsSync(path)) process.loadEnvFile(path);
}
