/**
 * The production entry (`npm start` runs it compiled, from dist-server/, via scripts/start.mjs):
 * one process serving the built dashboard and the API, with the embedded simulator when no
 * charger is configured. It builds nothing and needs no dev tooling.
 */
import { networkInterfaces } from 'node:os';
import { loadConfig } from './config.ts';
import { loadEnvFile } from './env-file.ts';
import { DIST_DIR } from './paths.ts';
import { startErrorMessage, startServer } from './start.ts';

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

async function main(): Promise<void> {
  loadEnvFile();
  const loaded = loadConfig();
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
