/**
 * Security headers (CSP and the rest, by @fastify/helmet) on every answer, including the ones
 * written outside Fastify's hooks: malformed URLs and malformed HTTP.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';

const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Recharts and React set inline style attributes.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      // The wake-lock fallback plays a tiny muted video from a data URL.
      mediaSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
      // No upgrade-insecure-requests: tablets reach us on plain http:// LAN addresses.
    },
  },
  // HSTS would lock LAN users out of plain http after a single https visit.
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, HELMET_OPTIONS);
}

/**
 * The headers helmet sets, for answers written before any hook runs. Read once from a throwaway
 * instance with the same options, so the two sets can never drift apart.
 */
export async function securityHeaderSet(): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, HELMET_OPTIONS);
  probe.get('/', (_request, reply) => reply.send('probe'));
  const response = await probe.inject('/');
  await probe.close();
  const skip = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  return Object.fromEntries(
    Object.entries(response.headers)
      .filter(([name, value]) => !skip.has(name) && typeof value === 'string')
      .map(([name, value]) => [name, value as string]),
  );
}
