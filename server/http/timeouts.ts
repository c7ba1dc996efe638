/**
 * Connection timeouts, so idle or trickling clients cannot hold sockets open for ever (Fastify
 * leaves them off). Long-lived answers (the event stream) opt out per route with
 * `config: { longLived: true }`: their socket's inactivity timeout is cleared when the request
 * arrives. The other two timeouts never touch such a route: `requestTimeout` ends once the
 * request has arrived, and `keepAliveTimeout` starts only after an answer has ended.
 */
import type { ServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer stays open (a text/event-stream): exempt from the socket inactivity timeout. */
    longLived?: boolean;
  }
}

export interface ServerTimeouts {
  /** The whole request (line and headers; we take no bodies) must arrive within this; else 408. */
  requestMs: number;
  /** A socket with no traffic either way for this long is closed (a hung client or answer). */
  idleMs: number;
  /** An idle keep-alive connection between two requests is closed after this. */
  keepAliveMs: number;
  /** How often Node checks the request timeout; it fires up to this much late. */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  requestMs: 10_000,
  // Longer than any answer we wait for (the browser gives up after 15 s), so only dead sockets meet it.
  idleMs: 120_000,
  // Above the 60 s idle timeout of common reverse proxies (nginx), so the proxy closes first and
  // never sends on a connection we are closing.
  keepAliveMs: 65_000,
  checkIntervalMs: 2_000,
};

/** The options to give Fastify's constructor. */
export function timeoutOptions(timeouts: ServerTimeouts): { requestTimeout: number; connectionTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { connectionsCheckingInterval: timeouts.checkIntervalMs, headersTimeout: timeouts.requestMs },
  };
}

export function registerLongLivedExemption(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.longLived === true) request.raw.socket.setTimeout(0);
  });
}
