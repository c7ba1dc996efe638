/**
 * Bytes a tablet downloads: the initial load (entry script, its static imports and CSS, as
 * index.html links them) and the whole build, gzip-compressed as our server sends them to a
 * plain-http tablet: the build's own .gz beside each asset, index.html compressed on the fly.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR } from '../server/paths.ts';
import { round, type BenchModule, type Figure } from './harness.ts';

const gzipKb = (path: string) => (existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : gzipSync(readFileSync(path))).length / 1024;

/** Files index.html loads before anything lazy: the entry, modulepreloads and stylesheets. */
export function initialAssets(indexHtml: string): string[] {
  const refs = [...indexHtml.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

export const bundleBench: BenchModule = {
  title: 'Bundle size',
  async run(): Promise<Figure[]> {
    const index = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
    const initial = initialAssets(index);
    const initialKb = initial.reduce((sum, file) => sum + gzipKb(join(DIST_DIR, file)), 0) + gzipSync(index).length / 1024;
    const all = readdirSync(join(DIST_DIR, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    const totalKb = all.reduce((sum, file) => sum + gzipKb(join(DIST_DIR, 'assets', file)), 0) + gzipSync(index).length / 1024;
    return [
      {
        name: 'JS+CSS gzip, initial load (live view, before the chart chunk)',
        value: round(initialKb),
        unit: 'KB',
        target: '≤ 100 KB',
        pass: initialKb <= 100,
        note: `${initial.length} files + index.html: ${initial.join(', ')}`,
      },
      {
        name: 'JS+CSS gzip, whole build',
        value: round(totalKb),
        unit: 'KB',
        target: '≤ 250 KB',
        pass: totalKb <= 250,
        note: `${all.length} files`,
      },
    ];
  },
};
