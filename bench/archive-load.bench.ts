/**
 * Whether history reads stall the live display: our server with a filled archive (20 years of one
 * charger's sessions, 3,700 days of its 5-minute power: bench/archive-fill.ts) in a process of its
 * own (bench/archive-load-server.ts), in front of a simulated charger that runs in the benchmark's
 * process (as a real charger runs on a device of its own, so its answers do not wait for the
 * server's event loop as an embedded simulator's would), while 10 and then 40 clients
 * loop the largest queries the routes accept (every session of 20 years; 3,700 days of power by
 * day), each client from its own loopback address like a separate tablet on the LAN. Meanwhile:
 *
 * - a client of `/api/events` notes when each charger event arrives: the longest gap, against the
 *   status interval (the page turns stale after 2.5 intervals; the target is under 1.5);
 * - `GET /api/chargers/:id/generalStatus` goes out every 200 ms on a fixed schedule, whether or
 *   not the previous one has its answer, and each answer's time counts from when its request was
 *   due: a server that stalls for 8 s shows 40 slow answers, not one (no coordinated omission);
 *   its p95.
 *
 * The figures are whatever the server does: a server that answers history on the thread that
 * serves the stream shows the stall, one that moves that work elsewhere shows it gone. The load
 * lasts BENCH_ARCHIVE_LOAD_SECONDS per client count (60 s; 5 s in quick mode, on a small archive).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { dayAt } from '../server/archive/local-days.ts';
import { startSimulator } from '../server/simulator/simulator.ts';
import { rssMiB, startChildServer } from './child-server.ts';
import { median, percentile, round, runs, seconds, sleep, type BenchModule, type Figure } from './harness.ts';

const ZONE = 'Europe/Berlin';
const CLIENT_COUNTS = [10, 40];
/** The power route's longest range by day (MAX_POWER_SPAN_MS['1d']). */
const POWER_DAYS = 3700;
const SESSION_YEARS = 20;
const STATUS_PROBE_EVERY_MS = 200;
const GAP_TARGET_INTERVALS = 1.5;
const STATUS_P95_TARGET_MS = 100;

interface StreamWatch {
  /** Arrival of each charger event (status, errors), performance.now() ms. */
  arrivals: number[];
  names: Map<string, number>;
  close(): void;
}

/** A client of /api/events that keeps the arrival time of every event but the build's. */
function watchStream(url: string): Promise<StreamWatch> {
  return new Promise((resolve, reject) => {
    const watch: StreamWatch = { arrivals: [], names: new Map(), close: () => req.destroy() };
    const req = httpRequest(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the event stream answered ${response.statusCode}`));
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          if (!name || name === 'build') continue;
          watch.arrivals.push(performance.now());
          watch.names.set(name, (watch.names.get(name) ?? 0) + 1);
        }
      });
      response.on('error', () => {});
      resolve(watch);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A client of its own: its own connections, from its own loopback address (a tablet of its own). */
const clientAgent = (n: number, connections = 2) => new Agent({ connections, connect: { localAddress: `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}` } });

/** One GET; its time counts from `due` (default: now). */
async function timedGet(agent: Agent, url: string, due = performance.now()): Promise<{ ms: number; status: number; bytes: number }> {
  const response = await request(url, { dispatcher: agent });
  const body = await response.body.arrayBuffer();
  return { ms: performance.now() - due, status: response.statusCode, bytes: body.byteLength };
}

interface ServerInfo {
  url: string;
  chargerId: string;
  intervalMs: number;
  pid: number;
  powerRows: number;
  sessions: number;
  fillSeconds: number;
}

interface LoadResult {
  clients: number;
  seconds: number;
  longestGapMs: number;
  events: number;
  eventNames: string;
  status: number[];
  statusErrors: number;
  sessions: number[];
  power: number[];
  otherAnswers: Map<number, number>;
  sessionBytes: number;
  powerBytes: number;
}

async function underLoad(server: ServerInfo, clients: number, loadMs: number, urls: { sessions: string; power: string }): Promise<LoadResult> {
  const { chargerId } = server;
  const stream = await watchStream(`${server.url}/api/events?chargers=${encodeURIComponent(chargerId)}`);
  // A connection for every probe of the run: however long the server stalls, each goes out when
  // it is due instead of queueing behind unanswered ones in the client.
  const probeAgent = clientAgent(0, Math.ceil(loadMs / STATUS_PROBE_EVERY_MS) + 1);
  const agents = Array.from({ length: clients }, (_, i) => clientAgent(i + 1));
  try {
    // The stream is running (a first event) before the load starts.
    const waitUntil = performance.now() + 30_000;
    while (stream.arrivals.length === 0 && performance.now() < waitUntil) await sleep(50);
    if (stream.arrivals.length === 0) throw new Error('the event stream sent no charger event within 30 s');

    const started = performance.now();
    const deadline = started + loadMs;
    const result: LoadResult = { clients, seconds: 0, longestGapMs: 0, events: 0, eventNames: '', status: [], statusErrors: 0, sessions: [], power: [], otherAnswers: new Map(), sessionBytes: 0, powerBytes: 0 };
    const note = (status: number) => result.otherAnswers.set(status, (result.otherAnswers.get(status) ?? 0) + 1);

    const probe = (async () => {
      const answers: Array<Promise<void>> = [];
      for (let due = started; due < deadline; due += STATUS_PROBE_EVERY_MS) {
        await sleep(due - performance.now());
        answers.push(
          timedGet(probeAgent, `${server.url}/api/chargers/${encodeURIComponent(chargerId)}/generalStatus`, due).then((answer) => {
            result.status.push(answer.ms);
            if (answer.status !== 200) result.statusErrors += 1;
          }),
        );
      }
      await Promise.all(answers);
    })();
    const loops = agents.map(async (agent, i) => {
      // Half the clients start with the sessions, half with the power: both kinds from the start.
      for (let n = i; performance.now() < deadline; n++) {
        const kind = n % 2 === 0 ? 'sessions' : 'power';
        const answer = await timedGet(agent, urls[kind]);
        if (answer.status !== 200) note(answer.status);
        else if (kind === 'sessions') {
          result.sessions.push(answer.ms);
          result.sessionBytes = answer.bytes;
        } else {
          result.power.push(answer.ms);
          result.powerBytes = answer.bytes;
        }
      }
    });
    await Promise.all([probe, ...loops]);
    // The load ends when the last client has its answer; the gaps are taken over the whole of it.
    const ended = performance.now();
    const inLoad = stream.arrivals.filter((t) => t >= started && t <= ended);
    const marks = [started, ...inLoad, ended];
    result.longestGapMs = Math.max(...marks.slice(1).map((t, i) => t - marks[i]!));
    result.events = inLoad.length;
    result.eventNames = [...stream.names].map(([name, count]) => `${count} ${name}`).join(', ');
    result.seconds = (ended - started) / 1000;
    return result;
  } finally {
    stream.close();
    await Promise.all([probeAgent, ...agents].map((agent) => agent.close()));
  }
}

function isoDate(ms: number): string {
  return dayAt(ms, ZONE).key;
}

const rssOf = (pid: number) => {
  try {
    return rssMiB(pid);
  } catch {
    return Number.NaN;
  }
};

export const archiveLoadBench: BenchModule = {
  title: 'Archive load: the live stream while clients loop the largest history queries',
  async run(): Promise<Figure[]> {
    const loadMs = seconds('BENCH_ARCHIVE_LOAD_SECONDS', 60, 5) * 1000;
    const powerDays = runs(POWER_DAYS, 60);
    const sessionDays = runs(SESSION_YEARS * 365, 365);
    const dir = mkdtempSync(join(tmpdir(), 'inch-archive-load-'));
    const sim = await startSimulator({ seed: 7, timeZone: ZONE, quiet: true });
    const child = await startChildServer<ServerInfo>('archive-load-server.ts', [join(dir, 'archive.sqlite'), String(powerDays), String(sessionDays), ZONE], {
      CHARGER_URL: sim.url,
      CHARGER_EMAIL: sim.email,
      CHARGER_PASSWORD: sim.password,
    }).catch(async (error: unknown) => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
    const server = child.info;
    try {
      const { chargerId } = server;
      const now = Date.now();
      const base = `${server.url}/api/chargers/${encodeURIComponent(chargerId)}`;
      const twentyYearsAgo = new Date(now);
      twentyYearsAgo.setUTCFullYear(twentyYearsAgo.getUTCFullYear() - SESSION_YEARS);
      const urls = {
        sessions: `${base}/sessions?from=${isoDate(twentyYearsAgo.getTime() + 86_400_000)}&to=${isoDate(now)}`,
        power: `${base}/power?from=${new Date(now - POWER_DAYS * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}&step=1d`,
      };
      // Both queries answer before the load (a wrong URL fails here, not as a quiet 400 loop).
      const check = new Agent({ connections: 1 });
      for (const url of Object.values(urls)) {
        const answer = await timedGet(check, url);
        if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
      }
      await check.close();

      const { intervalMs } = server;
      const figures: Figure[] = [];
      const archiveNote = `archive: ${server.sessions} sessions over ${round(sessionDays / 365, 0)} years, ${server.powerRows} five-minute slots × 3 series over ${powerDays} days (filled in ${round(server.fillSeconds, 1)} s)`;
      for (const clients of CLIENT_COUNTS) {
        const rssBefore = rssOf(server.pid);
        const r = await underLoad(server, clients, loadMs, urls);
        const rssAfter = rssOf(server.pid);
        const others = [...r.otherAnswers].map(([status, count]) => `${count} × ${status}`).join(', ') || 'none';
        const how =
          `${clients} clients, each from its own loopback address, looping GET sessions of ${SESSION_YEARS} years (${round(r.sessionBytes / 1024, 0)} KB) and power of ${POWER_DAYS} days by day (${round(r.powerBytes / 1024, 0)} KB) for ${round(loadMs / 1000, 0)} s ` +
          `(${round(r.seconds, 1)} s until the last answer); answers: ${r.sessions.length} sessions (median ${round(median(r.sessions), 0)} ms), ${r.power.length} power (median ${round(median(r.power), 0)} ms), other statuses: ${others}; server RSS ${round(rssBefore, 0)} → ${round(rssAfter, 0)} MiB; ${archiveNote}`;
        const gapIntervals = r.longestGapMs / intervalMs;
        figures.push(
          {
            name: `event stream's longest gap while ${clients} clients loop the largest archive queries, in status intervals`,
            value: round(gapIntervals, 2),
            unit: 'intervals',
            target: `< ${GAP_TARGET_INTERVALS}`,
            pass: gapIntervals < GAP_TARGET_INTERVALS,
            note: `${round(r.longestGapMs / 1000, 1)} s against a ${intervalMs / 1000} s status interval; ${r.events} charger events during the load (${r.eventNames} on the stream in all); ${how}`,
          },
          {
            name: `status route p95 while ${clients} clients loop the largest archive queries`,
            value: round(percentile(r.status, 95), 0),
            unit: 'ms',
            target: `< ${STATUS_P95_TARGET_MS} ms`,
            pass: percentile(r.status, 95) < STATUS_P95_TARGET_MS && r.statusErrors === 0,
            note: `GET /api/chargers/:id/generalStatus every ${STATUS_PROBE_EVERY_MS} ms from a client of its own: ${r.status.length} answers, ${r.statusErrors} not 200, p50 ${round(median(r.status), 0)} ms, max ${round(Math.max(...r.status), 0)} ms`,
          },
        );
      }
      return figures;
    } finally {
      await child.stop();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
