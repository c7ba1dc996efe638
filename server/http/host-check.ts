/**
 * DNS rebinding: a web page on the internet can point its own domain at this server's LAN
 * address, and the visitor's browser then treats our answers as that page's own (session
 * history with names and RFID UIDs, read by a stranger's script). Such a request still carries
 * the stranger's domain in `Host`, so we answer only requests addressed to a name of ours: an IP
 * literal, `localhost`, this machine's host name (with or without `.local`), any `*.local` mDNS
 * name, and the names in ALLOWED_HOSTS (a reverse proxy's public name, say).
 */
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sendError } from './error-reply.ts';

export type HostCheck = (host: string | undefined) => boolean;

/**
 * `allowedHosts`: exact names, or `*.example.com` for every name below example.com.
 * `machineNames` defaults to this machine's host name.
 */
export function createHostCheck(allowedHosts: readonly string[], machineNames: readonly string[] = [hostname()]): HostCheck {
  const exact = new Set<string>(['localhost']);
  /** Domains whose every sub-name is ours (`*.example.com` → `example.com`), kept without the wildcard's dot. */
  const domains: string[] = ['local', 'localhost'];
  for (const name of machineNames.map(normalise).filter(Boolean)) {
    exact.add(name);
    exact.add(name.endsWith('.local') ? name.slice(0, -'.local'.length) : `${name}.local`);
  }
  for (const entry of allowedHosts.map(normalise)) {
    if (entry.startsWith('*.')) domains.push(entry.slice('*.'.length));
    else if (entry) exact.add(entry);
  }
  return (host) => {
    const name = host === undefined ? null : hostName(host);
    if (!name) return false;
    return isIP(name) !== 0 || exact.has(name) || domains.some((domain) => isBelow(name, domain));
  };
}

/**
 * `wall.example.com` is below `example.com`; `evilexample.com` is not: the label boundary (the dot)
 * is part of the comparison, and a name of the empty label (`.example.com`) is not a name.
 */
function isBelow(name: string, domain: string): boolean {
  return name.length > domain.length + 1 && name.endsWith(`.${domain}`);
}

/** The name part of a Host header (`[::1]:8080` → `::1`, `Platz.local.:80` → `platz.local`); null when malformed. */
export function hostName(host: string): string | null {
  const text = host.trim();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i.exec(text);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/i.exec(text);
  return plain ? normalise(plain[1]!) : null;
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Refuses every request (API, static files, unknown paths) whose Host, or whose absolute-form
 * request target (`GET http://name/… HTTP/1.1`, which takes precedence over Host), is not ours.
 * Registered after the security headers, so the refusal carries them too.
 */
export function registerHostCheck(app: FastifyInstance, check: HostCheck): void {
  app.addHook('onRequest', async (request, reply) => {
    const target = request.raw.url ?? '';
    const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(target)?.[1];
    const host = authority ?? request.headers.host;
    if (check(host)) return;
    const shown = host === undefined ? '' : (hostName(host) ?? '');
    return sendError(
      reply,
      'host_not_allowed',
      shown
        ? `this server does not answer for the host name "${shown.slice(0, 80)}"; if you reach it by that name, add it to ALLOWED_HOSTS`
        : 'this request names no host this server answers for; use its address or host name, or add the name to ALLOWED_HOSTS',
    );
  });
}
