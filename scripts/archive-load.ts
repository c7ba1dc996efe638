/**
 * The live stream under archive load: a server (a child process, the embedded simulator as its
 * charger) on an archive as large as the longest legal queries read (20 years of sessions,
 * 10 years of 5-minute power), while N clients loop those queries. Reports the server's own
 * event-loop delay, the event stream's longest silence and the status route's latency.
 *
 *   npx tsx scripts/archive-load.ts [clients=10] [seconds=30]
 *
 * The archive is seeded once into the system's temp folder (about a minute) and kept for reruns.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { addDays, formatIsoDate, localDateOf } from '../src/shared/time/local-calendar.ts';

const ZONE = 'Europe/Berlin';
const CHARGER = 'platz13';
const HERE = fileURLToPath(import.meta.url);

async function serve(path: string): Promise<void> {
  const { startServer } = await import('../server/start.ts');
  const server = await startServer({
    env: { ARCHIVE_PATH: path, CHARGER_TIMEZONE: ZONE, SIMULATOR_SEED: '3', STATUS_INTERVAL_MS: '1000' },
    port: 0,
    host: '127.0.0.1',
    archiveOptions: { fill: false },
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  setInterval(() => {
    process.stdout.write(`${JSON.stringify({ loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 })}\n`);
    loop.reset();
  }, 1000).unref();
  process.on('message', () => void server.close().then(() => process.exit(0)));
}

async function seed(path: string): Promise<void> {
  const { seedArchive } = await import('../server/test-support/archive-seed.ts');
  const t0 = performance.now();
  const seeded = seedArchive(path, { chargerId: CHARGER, zone: ZONE, end: Date.now(), powerDays: 3652, sessionDays: 7300 });
  console.log(`seeded ${path}: ${seeded.points} slots, ${seeded.sessions} sessions in ${Math.round((performance.now() - t0) / 1000)} s`);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function run(clients: number, seconds: number): Promise<void> {
  const path = join(tmpdir(), 'inch-archive-load.sqlite');
  if (!existsSync(path)) await seed(path);
  const child = spawn(process.execPath, [...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', HERE, 'serve', path], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const loopMax: number[] = [];
  const url = await new Promise<string>((resolve) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const message = JSON.parse(line) as { url?: string; loopMaxMs?: number };
        if (message.url) resolve(message.url);
        if (message.loopMaxMs !== undefined) loopMax.push(message.loopMaxMs);
      }
    });
  });
  const today = localDateOf(Date.now(), ZONE);
  const sessions = `${url}/api/chargers/${CHARGER}/sessions?from=${formatIsoDate(addDays(today, -7300))}&to=${formatIsoDate(today)}`;
  const power = `${url}/api/chargers/${CHARGER}/power?from=${new Date(Date.now() - 3650 * 86_400_000).toISOString()}&to=${new Date().toISOString()}&step=1d`;
  const timed = async (target: string) => {
    const t0 = performance.now();
    const response = await fetch(target);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${target}: ${response.status}`);
    return performance.now() - t0;
  };
  console.log(`one query each, unloaded: sessions 20 years ${Math.round(await timed(sessions))} ms, power 1d 10 years ${Math.round(await timed(power))} ms`);
  loopMax.length = 0;

  const end = performance.now() + seconds * 1000;
  const queryTimes: number[] = [];
  const statusTimes: number[] = [];
  const gaps: number[] = [];
  const stream = new AbortController();
  const streaming = (async () => {
    const response = await fetch(`${url}/api/events?chargers=${CHARGER}`, { signal: stream.signal });
    let last = performance.now();
    let buffer = '';
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += Buffer.from(value).toString();
      const events = buffer.split('\n\n');
      buffer = events.pop()!;
      if (events.some((e) => e.startsWith('event: status') || e.startsWith('event: fresh'))) {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
    }
  })().catch(() => {});
  const loops = Array.from({ length: clients }, async (_, i) => {
    for (let n = i; performance.now() < end; n++) queryTimes.push(await timed(n % 2 === 0 ? sessions : power));
  });
  const status = (async () => {
    while (performance.now() < end) {
      statusTimes.push(await timed(`${url}/api/chargers/${CHARGER}/generalStatus`));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  await Promise.all([...loops, status]);
  stream.abort();
  await streaming;
  child.send('stop');
  console.log(
    JSON.stringify(
      {
        clients,
        seconds,
        queries: queryTimes.length,
        queryP50Ms: Math.round(percentile(queryTimes, 50)),
        statusP95Ms: Math.round(percentile(statusTimes, 95)),
        statusMaxMs: Math.round(Math.max(...statusTimes)),
        streamLongestGapMs: Math.round(Math.max(...gaps.slice(1))),
        serverLoopDelayMaxMs: Math.round(Math.max(...loopMax)),
      },
      null,
      2,
    ),
  );
}

const [mode, a] = process.argv.slice(2);
if (mode === 'serve') void serve(a!);
else void run(Number(mode ?? 10) || 10, Number(a ?? 30) || 30);
