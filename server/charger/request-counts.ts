/**
 * How many requests went to a charger and how many failed, per endpoint (the login counted as
 * its own), since the server started: what `/metrics` shows as upstream requests and failures.
 */
import type { Endpoint } from './upstream-error.ts';

export type CountedEndpoint = Endpoint | 'login';

export interface EndpointCount {
  endpoint: CountedEndpoint;
  requests: number;
  failures: number;
}

export class RequestCounts {
  private readonly counts = new Map<CountedEndpoint, EndpointCount>();

  request(endpoint: CountedEndpoint): void {
    this.entry(endpoint).requests += 1;
  }

  failure(endpoint: CountedEndpoint): void {
    this.entry(endpoint).failures += 1;
  }

  all(): EndpointCount[] {
    return [...this.counts.values()].map((count) => ({ ...count }));
  }

  private entry(endpoint: CountedEndpoint): EndpointCount {
    let count = this.counts.get(endpoint);
    if (!count) {
      count = { endpoint, requests: 0, failures: 0 };
      this.counts.set(endpoint, count);
    }
    return count;
  }
}
