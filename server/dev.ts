/**
 * `npm run dev`: the API server (with the simulator unless a charger is configured) plus Vite's
 * dev server with hot reload, which forwards /api to it.
 */
import { createServer } from 'vite';
import { loadEnvFile } from './env-file.ts';
import { PROJECT_ROOT } from './paths.ts';
import { startErrorMessage, startServer, type RunningServer } from './start.ts';

let api: RunningServer;
try {
  loadEnvFile();
  api = await startServer({ distDir: null, port: Number(process.env.API_PORT ?? 8787), host: '127.0.0.1', log: console.log });
} catch (error) {
  // Like `npm start`: one line that says what to fix, not a stack trace.
  console.error(startErrorMessage(error, 'API_PORT'));
  process.exit(1);
}
process.env.API_TARGET = api.url;
const vite = await createServer({ root: PROJECT_ROOT, server: { host: process.env.HOST ?? '0.0.0.0' } });
await vite.listen();
vite.printUrls();
const stop = async () => {
  await vite.close();
  await api.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
