/**
 * Bytes a tablet downloads on its first load, as our server sends them to a plain-http tablet
 * (which accepts gzip, not Brotli): index.html and every script and stylesheet it loads before
 * anything lazy, fetched from our server and counted as they arrive, compressed. The same for the
 * stack floor (bench/stack-floor/: React DOM, React, TanStack Query, Zod mini and wouter, built
 * with the app's Vite config and served by the same server): what the app sends beyond it is ours.
 * And the whole build, every script and stylesheet as sent.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { DIST_DIR } from '../server/paths.ts';
import { startServer } from '../server/start.ts';
import { buildLikeTheApp } from './app-config-build.ts';
import { round, type BenchModule, type Figure } from './harness.ts';

const BEYOND_FLOOR_KB = 30;
const FIRST_LOAD_KB = 105;
const WHOLE_BUILD_KB = 250;
/** What Chromium sends over plain http (Brotli only over https). */
const PLAIN_HTTP_ENCODINGS = 'gzip, deflate';

/** Files index.html loads before anything lazy: the entry, modulepreloads and stylesheets. */
export function initialAssets(indexHtml: string): string[] {
  const refs = [...indexHtml.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

/** Body bytes of one GET as they came over the wire (not decompressed). */
function bytesAsSent(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': PLAIN_HTTP_ENCODINGS } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`GET ${url} answered ${response.statusCode}`));
        return;
      }
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, encoding: String(response.headers['content-encoding'] ?? 'identity') }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

interface Sent {
  kb: number;
  files: Array<{ path: string; kb: number; encoding: string }>;
}

/** Serves `distDir` with our server and fetches `/` and the given assets as a tablet would. */
async function sentBy(distDir: string, assets: (indexHtml: string) => string[]): Promise<Sent> {
  const server = await startServer({ env: { SIMULATOR_SEED: '7' }, distDir, port: 0, host: '127.0.0.1' });
  try {
    const paths = ['', ...assets(readFileSync(join(distDir, 'index.html'), 'utf8'))];
    const files: Sent['files'] = [];
    for (const path of paths) {
      const { bytes, encoding } = await bytesAsSent(`${server.url}/${path}`);
      files.push({ path: path || 'index.html', kb: bytes / 1024, encoding });
    }
    return { kb: files.reduce((sum, f) => sum + f.kb, 0), files };
  } finally {
    await server.close();
  }
}

const list = (sent: Sent) => sent.files.map((f) => `${f.path} ${round(f.kb, 1)} KB ${f.encoding}`).join(', ');

export const bundleBench: BenchModule = {
  title: 'First load as sent, beyond the stack floor',
  async run(): Promise<Figure[]> {
    const floorDir = await buildLikeTheApp('stack-floor');
    const app = await sentBy(DIST_DIR, initialAssets);
    const floor = await sentBy(floorDir, initialAssets);
    const allAssets = () => readdirSync(join(DIST_DIR, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `assets/${f}`);
    const whole = await sentBy(DIST_DIR, allAssets);
    const beyond = app.kb - floor.kb;
    return [
      {
        name: 'first load as sent beyond the stack floor (React DOM, React, TanStack Query, Zod mini, wouter)',
        value: round(beyond),
        unit: 'KB',
        target: `≤ ${BEYOND_FLOOR_KB} KB`,
        pass: beyond <= BEYOND_FLOOR_KB,
        note: `${round(app.kb)} KB (the app) − ${round(floor.kb)} KB (the stack floor, bench/stack-floor/ built with the app's Vite config), both fetched from our server with accept-encoding "${PLAIN_HTTP_ENCODINGS}" as a plain-http tablet asks, body bytes as received`,
      },
      {
        name: 'first load as sent, whole (live view, before the chart chunk)',
        value: round(app.kb),
        unit: 'KB',
        target: `≤ ${FIRST_LOAD_KB} KB`,
        pass: app.kb <= FIRST_LOAD_KB,
        note: list(app),
      },
      {
        name: 'stack floor as sent (the reference)',
        value: round(floor.kb),
        unit: 'KB',
        target: 'info',
        pass: null,
        note: list(floor),
      },
      {
        name: 'whole build as sent (every script and stylesheet, and index.html)',
        value: round(whole.kb),
        unit: 'KB',
        target: `≤ ${WHOLE_BUILD_KB} KB`,
        pass: whole.kb <= WHOLE_BUILD_KB,
        note: `${whole.files.length - 1} files`,
      },
    ];
  },
};
