/**
 * Live updates pushed by the server: 100 screens, each subscribed to all 50 chargers of a garage,
 * for 60 s. The server runs in a process of its own (bench/push-server.ts), so its memory is its
 * own; the screens are plain HTTP clients here that parse the event stream.
 *
 * - Upstream load: generalStatus requests per charger per status interval, counted by the
 *   simulator. The collector asks once per interval however many screens listen.
 * - Push latency: for each reading, from when the server received the charger's answer
 *   (`receivedAt` in the event) until the last of the 100 screens has it (same machine, same clock).
 * - Server memory: resident set size of the server process with 200 streams open.
 */
import { request, type ClientRequest } from 'node:http';
import { loadavg } from 'node:os';
import { rssMiB, startChildServer } from './child-server.ts';
import { percentile, round, runs, type BenchModule, type Figure } from './harness.ts';

const CHARGERS = 50;
const SCREENS = 100;
const INTERVAL_MS = 5_000;
const STREAMS_FOR_MEMORY = 200;

interface ServerInfo {
  url: string;
  simUrl: string;
  chargers: string[];
  pid: number;
}

/** Opens one screen's stream; `onEvent` gets each event's name, data and arrival time. */
function openScreen(url: string, onEvent: (name: string, data: { chargerId: string; receivedAt?: string }, at: number) => void): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream answered ${response.statusCode}`));
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) onEvent(name, JSON.parse(data) as { chargerId: string; receivedAt?: string }, at);
        }
      });
      response.on('error', () => {});
      resolve(req);
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(): Promise<Figure[]> {
  const RUN_MS = runs(60_000, 10_000);
  const { info, stop } = await startChildServer<ServerInfo>('push-server.ts', [String(CHARGERS)]);
  const requests: ClientRequest[] = [];
  try {
    const streamUrl = `${info.url}/api/events?chargers=${info.chargers.join(',')}`;
    // Per reading (charger + receivedAt): how many screens have it, and the latest arrival.
    const deliveries = new Map<string, { screens: number; last: number; receivedAt: number }>();
    let counting = false;
    const onEvent = (name: string, data: { chargerId: string; receivedAt?: string }, at: number) => {
      if (!counting || (name !== 'status' && name !== 'fresh') || !data.receivedAt) return;
      const key = `${data.chargerId}@${data.receivedAt}`;
      const entry = deliveries.get(key) ?? { screens: 0, last: 0, receivedAt: Date.parse(data.receivedAt) };
      entry.screens += 1;
      entry.last = Math.max(entry.last, at);
      deliveries.set(key, entry);
    };
    for (let i = 0; i < SCREENS; i++) requests.push(await openScreen(streamUrl, onEvent));
    // Settle into the cadence (first readings, logins), then count from a clean slate.
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
    await fetch(`${info.simUrl}/_sim/stats/reset`, { method: 'POST' });
    counting = true;
    await new Promise((resolve) => setTimeout(resolve, RUN_MS));
    counting = false;
    const stats = (await (await fetch(`${info.simUrl}/_sim/stats`)).json()) as { chargers: Record<string, { requests: { generalStatus: number } }> };

    const expected = RUN_MS / INTERVAL_MS;
    const perCharger = info.chargers.map((id) => stats.chargers[id]?.requests.generalStatus ?? 0);
    const worst = perCharger.reduce((max, n) => Math.max(max, Math.abs(n - expected)), 0);
    const meanPerInterval = perCharger.reduce((a, b) => a + b, 0) / perCharger.length / expected;
    // Only readings that reached every screen within the run count for the latency.
    const complete = [...deliveries.values()].filter((d) => d.screens === SCREENS);
    const latencies = complete.map((d) => d.last - d.receivedAt);

    // Memory with 200 streams: 100 more screens join.
    for (let i = SCREENS; i < STREAMS_FOR_MEMORY; i++) requests.push(await openScreen(streamUrl, () => {}));
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
    const rss = rssMiB(info.pid);

    return [
      {
        name: `upstream generalStatus per charger per ${INTERVAL_MS / 1000} s interval (${SCREENS} screens × ${CHARGERS} chargers, ${RUN_MS / 1000} s)`,
        value: round(meanPerInterval, 2),
        unit: '',
        target: `1 (each charger ${expected} ± 1 over the run)`,
        pass: worst <= 1,
        note: `per charger over the run: min ${Math.min(...perCharger)}, max ${Math.max(...perCharger)} (expected ${expected})`,
      },
      {
        name: `push latency, collector receipt to all ${SCREENS} screens, p50`,
        value: round(percentile(latencies, 50), 0),
        unit: 'ms',
        target: '≤ 100 ms',
        pass: percentile(latencies, 50) <= 100,
        note: `${complete.length} readings reached all ${SCREENS} screens; the screens (parsing ${SCREENS * CHARGERS} events per interval) run in the benchmark's process, the server in its own; load average ${loadavg()[0]!.toFixed(1)} at the end`,
      },
      {
        name: `push latency, collector receipt to all ${SCREENS} screens, p95`,
        value: round(percentile(latencies, 95), 0),
        unit: 'ms',
        target: '≤ 1000 ms (aim ≤ 100 ms)',
        pass: percentile(latencies, 95) <= 1000,
      },
      {
        name: `server RSS with ${STREAMS_FOR_MEMORY} open event streams (${CHARGERS} chargers)`,
        value: round(rss, 0),
        unit: 'MiB',
        target: 'bounded (info)',
        pass: null,
        note: 'the whole server process, embedded simulator of 50 chargers included',
      },
    ];
  } finally {
    for (const req of requests) req.destroy();
    await stop();
  }
}

export const pushBench: BenchModule = { title: 'Push: event streams for 100 screens', run };
