/**
 * `npm start`: one process serving the built dashboard and the API, with the embedded simulator
 * when no charger is configured.
 */
import { networkInterfaces } from 'node:os';
import { loadConfig } from './config.ts';
import { buildIfNeeded } from './ensure-build.ts';
import { loadEnvFile } from './env-file.ts';
import { DIST_DIR } from './paths.ts';
import { startErrorMessage, startServer } from './start.ts';

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

async function main(): Promise<void> {
  loadEnvFile();
  // Configuration first: a typo in .env is reported at once, not after a full build.
  const loaded = loadConfig();
  await buildIfNeeded(log);
  const server = await startServer({ config: loaded, distDir: DIST_DIR, log });
  const { config, port } = server;

  const names = config.chargers.map((c) => c.name).join(', ');
  console.log('');
  console.log(server.simulator ? `inch-dashboard: no charger configured, showing the built-in simulator (${names})` : `inch-dashboard: ${config.chargers.length} charger(s): ${names}`);
  console.log('Open the dashboard at:');
  console.log(`  http://localhost:${port}/`);
  if (config.host === '0.0.0.0' || config.host === '::') {
    for (const address of lanAddresses()) console.log(`  http://${address}:${port}/   (tablets on your network)`);
  }
  console.log('');

  const stop = async (signal: string) => {
    log(`${signal} received, stopping`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => info!.address);
}

main().catch((error: unknown) => {
  console.error(startErrorMessage(error));
  process.exit(1);
});
