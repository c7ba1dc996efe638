/**
 * Request counters, per charger and for the whole simulator: what the tests and benchmarks read
 * to prove how many requests reached the charger, how many were in flight at once, and how many
 * bytes its answers carried.
 */
import { performance } from 'node:perf_hooks';
import type { ChargerEndpoint } from './faults.ts';

export interface EndpointCounts {
  webOperatorLogin: number;
  generalStatus: number;
  chargingSession: number;
  powerProfile: number;
  /** Unknown paths under the charger's /api. */
  other: number;
}

export interface ChargerStats {
  requests: EndpointCounts;
  /** Body bytes of the charger's answers per endpoint, as sent (headers not counted). */
  bytes: EndpointCounts;
  total: number;
  /** Successful logins. */
  logins: number;
  failedLogins: number;
  /** 401 answers. */
  unauthorized: number;
  inFlight: number;
  maxInFlight: number;
}

export interface SimulatorStats {
  chargers: Record<string, ChargerStats>;
  totalRequests: number;
  logins: number;
  /** Requests in flight on the whole server (charger and control routes). */
  inFlight: number;
  maxInFlight: number;
  /** Real ms since the stats were (re)set. */
  sinceMs: number;
}

type LiveStats = SimulatorStats & { startedAt: number };

/** Something that fires 'close' once, whatever happens: the raw response of a request. */
interface Closable {
  once(event: 'close', listener: () => void): unknown;
}

export class StatsRecorder {
  private stats: LiveStats;

  constructor(private readonly chargerIds: readonly string[]) {
    this.stats = this.fresh();
  }

  reset(): SimulatorStats {
    this.stats = this.fresh();
    return this.snapshot();
  }

  snapshot(): SimulatorStats {
    const { startedAt, ...rest } = structuredClone(this.stats);
    return { ...rest, sinceMs: Math.round(performance.now() - startedAt) };
  }

  /** Any request to the simulator; in flight until its response closes. */
  request(response: Closable): void {
    const counted = this.stats;
    counted.inFlight++;
    counted.maxInFlight = Math.max(counted.maxInFlight, counted.inFlight);
    // Counted against the stats it started in, even if they are reset meanwhile.
    response.once('close', () => counted.inFlight--);
  }

  /** A request to a charger's API (endpoint null: an unknown path); returns that charger's counters. */
  chargerRequest(chargerId: string, endpoint: ChargerEndpoint | null, response: Closable): ChargerStats {
    const counters = this.stats.chargers[chargerId]!;
    counters.requests[endpoint ?? 'other']++;
    counters.total++;
    this.stats.totalRequests++;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    response.once('close', () => counters.inFlight--);
    return counters;
  }

  /** The body of an answer to a charger request, as it goes out. */
  answered(counters: ChargerStats, endpoint: ChargerEndpoint | null, bytes: number): void {
    counters.bytes[endpoint ?? 'other'] += bytes;
  }

  login(counters: ChargerStats): void {
    counters.logins++;
    this.stats.logins++;
  }

  /** Seeds the trace id of a 400 answer, like ASP.NET's differs per request. */
  get totalRequests(): number {
    return this.stats.totalRequests;
  }

  private fresh(): LiveStats {
    const chargers: Record<string, ChargerStats> = {};
    for (const id of this.chargerIds) {
      chargers[id] = {
        requests: { webOperatorLogin: 0, generalStatus: 0, chargingSession: 0, powerProfile: 0, other: 0 },
        bytes: { webOperatorLogin: 0, generalStatus: 0, chargingSession: 0, powerProfile: 0, other: 0 },
        total: 0,
        logins: 0,
        failedLogins: 0,
        unauthorized: 0,
        inFlight: 0,
        maxInFlight: 0,
      };
    }
    return { chargers, totalRequests: 0, logins: 0, inFlight: 0, maxInFlight: 0, sinceMs: 0, startedAt: performance.now() };
  }
}
