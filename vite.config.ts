import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { gzipAsync, type ZopfliOptions } from '@gfx/zopfli';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const UNIT_TESTS = ['src/**/*.test.{ts,tsx}', 'contract/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts', 'test-support/**/*.test.ts'];
/** Unit test files that set the process's time zone (process.env.TZ), which only a process of their own may. */
const OWN_PROCESS_TESTS = ['server/archive/charger-zone-routes.test.ts'];

// The dev server forwards /api to our Node server (npm run dev starts both, server/dev.ts).
const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    // Each script and stylesheet is compressed once, at build time, as hard as it goes, and the
    // server sends the compressed file as it is (docs/architecture.md, "Static files"). Zopfli's
    // gzip is 3–4 % smaller than zlib's at any level and every browser reads it (a plain-http LAN
    // tablet accepts gzip only); Brotli is for pages served over HTTPS. index.html is left out:
    // it is small, and never cached.
    compression({
      include: /^assets\/.*\.(js|css|svg)$/,
      threshold: 1024,
      algorithms: [
        defineAlgorithm((buffer, options: ZopfliOptions) => gzipAsync(Buffer.from(buffer as Uint8Array), options).then(Buffer.from), { numiterations: 15 }),
        'brotliCompress',
      ],
      filename: (id, { algorithm }) => `${id}${algorithm === 'brotliCompress' ? '.br' : '.gz'}`,
      logLevel: 'silent',
    }),
  ],
  resolve: {
    alias: [
      {
        find: /^use-sync-external-store\/shim\/index\.js$/,
        replacement: fileURLToPath(new URL('./src/shared/react/use-sync-external-store.ts', import.meta.url)),
      },
    ],
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    // Every browser we target supports <link rel="modulepreload">; the polyfill would cost the
    // first load 0.3 KB gzip for nothing.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Chunks are reported by the benchmark; the chart chunk is loaded lazily on purpose.
    chunkSizeWarningLimit: 600,
    // Zopfli takes a few seconds over the chart chunk, on purpose (see the compression plugin);
    // Rolldown would report that as a slow plugin on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    environment: 'node',
    // The stylesheet as text (`?raw`) where a test checks it against the code it pairs with
    // (garage-grid.test.ts); Vitest otherwise hands every CSS file over empty.
    css: { include: [/src\/index\.css/] },
    setupFiles: ['test-support/vitest-setup.ts'],
    // One worker per core (Vitest's default leaves one core idle: a single worker on CI's two).
    // Tests wait for conditions, not for wall-clock time, so they hold on a busy machine; the
    // timeouts are a ceiling for a stuck test, not a pace.
    maxWorkers: availableParallelism(),
    // Worker threads start and import faster than child processes (the unit run took 70 s instead
    // of 77 s here, both without coverage). A file that sets the process's own time zone (`TZ`:
    // our server in UTC, as in a container) needs a process of its own: a thread cannot change
    // the zone its Dates use.
    projects: [
      { extends: true, test: { name: 'unit', pool: 'threads', include: UNIT_TESTS, exclude: [...configDefaults.exclude, ...OWN_PROCESS_TESTS] } },
      { extends: true, test: { name: 'own-process', pool: 'forks', include: OWN_PROCESS_TESTS } },
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // `npm run test:coverage` prints a summary (statements, branches, functions, lines); a report
    // to browse is one `--coverage.reporter=html` away. No thresholds: the figure informs, it does
    // not gate, so `npm test` (and CI) leave it out: it makes the unit run a sixth longer.
    coverage: {
      provider: 'v8',
      reporter: ['text-summary'],
      // The summary also when a test fails: it still says how much the run covered.
      reportOnFailure: true,
      include: ['src/**/*.{ts,tsx}', 'contract/**/*.ts', 'server/**/*.ts'],
      exclude: ['**/*.test.{ts,tsx}', '**/test-support/**', 'server/simulator/test-client.ts', '**/*.d.ts'],
    },
  },
});
