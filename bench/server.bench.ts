/**
 * What our server costs and saves: how many client requests collapse into one charger request,
 * and how much latency the proxy adds compared with asking the simulator directly.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { startServer, type RunningServer } from '../server/start.ts';
import { startSimulator, type RunningSimulator } from '../server/simulator/simulator.ts';
import { median, percentile, round, runs, type BenchModule, type Figure } from './harness.ts';

const EMAIL = 'bench@example.com';
const PASSWORD = 'bench-password';

async function withSetup<T>(statusTtlMs: number, fn: (sim: RunningSimulator, server: RunningServer) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ seed: 5, email: EMAIL, password: PASSWORD, quiet: true });
  const server = await startServer({
    env: { CHARGER_URL: sim.url, CHARGER_EMAIL: EMAIL, CHARGER_PASSWORD: PASSWORD, CHARGER_NAME: 'platz13', STATUS_TTL_MS: String(statusTtlMs) },
    port: 0,
    host: '127.0.0.1',
  });
  try {
    return await fn(sim, server);
  } finally {
    await server.close();
    await sim.close();
  }
}

async function getText(dispatcher: Agent, url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await request(url, { dispatcher, headers });
  await response.body.text();
  return response.statusCode;
}

/** 20 clients, each asking again as soon as it has its answer, for `seconds`. */
async function coalescing(seconds: number, clients: number, pauseMs: number): Promise<{ client: number; upstream: number; maxInFlight: number; errors: number }> {
  return withSetup(2000, async (sim, server) => {
    const url = `${server.url}/api/chargers/platz13/generalStatus`;
    const agent = new Agent({ connections: clients });
    await getText(agent, url); // log in before counting
    sim.resetStats();
    let client = 0;
    let errors = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const status = await getText(agent, url);
          client += 1;
          if (status !== 200) errors += 1;
          if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        }
      }),
    );
    await agent.close();
    const stats = sim.stats().chargers.platz13!;
    return { client, upstream: stats.requests.generalStatus, maxInFlight: stats.maxInFlight, errors };
  });
}

async function latencies(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const agent = new Agent({ connections: 1 });
  for (let i = 0; i < 100; i++) await getText(agent, url, headers); // warm up JIT and keep-alive
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const status = await getText(agent, url, headers);
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`HTTP ${status} from ${url}`);
  }
  await agent.close();
  return times;
}

export const serverBench: BenchModule = {
  title: 'Server: coalescing and latency',
  async run(): Promise<Figure[]> {
    const seconds = runs(20, 3);
    const count = runs(2000, 200);
    const closedLoop = await coalescing(seconds, 20, 0);
    const tablets = await coalescing(seconds, 20, 5000);

    const { direct, proxied, cached } = await withSetup(0, async (sim, server) => {
      const login = await request(`${sim.url}/api/webOperatorLogin/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString(),
      });
      const { token } = (await login.body.json()) as { token: string };
      const directTimes = await latencies(`${sim.url}/api/generalStatus/`, { authorization: `Bearer ${token}` }, count);
      const proxiedTimes = await latencies(`${server.url}/api/chargers/platz13/generalStatus`, {}, count);
      return { direct: directTimes, proxied: proxiedTimes, cached: [] as number[] };
    }).then(async (r) => ({
      ...r,
      cached: await withSetup(2000, (_sim, server) => latencies(`${server.url}/api/chargers/platz13/generalStatus`, {}, count)),
    }));

    const addedP50 = median(proxied) - median(direct);
    const addedP99 = percentile(proxied, 99) - percentile(direct, 99);
    const ratio = closedLoop.client / Math.max(1, closedLoop.upstream);
    return [
      {
        name: `20 clients polling generalStatus for ${seconds} s (back to back): client : charger requests`,
        value: round(ratio, 0),
        unit: ': 1',
        target: '≥ 20 : 1',
        pass: ratio >= 20 && closedLoop.errors === 0,
        note: `${closedLoop.client} client requests, ${closedLoop.upstream} reached the simulator, ${closedLoop.errors} errors (2 s TTL + single-flight)`,
      },
      {
        name: 'most generalStatus requests in flight at the charger at once (same run)',
        value: closedLoop.maxInFlight,
        unit: '',
        target: '1',
        pass: closedLoop.maxInFlight === 1,
      },
      {
        name: `20 tablets polling every 5 s for ${seconds} s: client : charger requests`,
        value: round(tablets.client / Math.max(1, tablets.upstream), 1),
        unit: ': 1',
        target: 'info',
        pass: null,
        note: `${tablets.client} client requests, ${tablets.upstream} reached the simulator, max ${tablets.maxInFlight} in flight; at the real cadence the 2 s TTL bounds the charger to ≤ 1 request per 2 s`,
      },
      {
        name: 'latency added by our server, p50 (cache off: every request goes to the charger)',
        value: round(addedP50, 2),
        unit: 'ms',
        target: '≤ 2 ms',
        pass: addedP50 <= 2,
        note: `direct p50 ${round(median(direct), 2)} ms / p99 ${round(percentile(direct, 99), 2)} ms; through our server p50 ${round(median(proxied), 2)} ms / p99 ${round(percentile(proxied, 99), 2)} ms; ${count} sequential requests each, keep-alive, after 100 warm-up`,
      },
      {
        name: 'latency added by our server, p99 (cache off)',
        value: round(addedP99, 2),
        unit: 'ms',
        target: 'info',
        pass: null,
      },
      {
        name: 'generalStatus through our server with the 2 s cache, p50 (p99 in the notes)',
        value: round(median(cached), 2),
        unit: 'ms',
        target: 'info',
        pass: null,
        note: `p99 ${round(percentile(cached, 99), 2)} ms; ratio to direct p50 ${round(median(cached) / median(direct), 2)}`,
      },
    ];
  },
};
