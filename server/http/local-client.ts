/**
 * Whether a request comes from the server machine itself: without ADMIN_PIN, only such a request
 * may change the settings. Its connection comes from a loopback address, the client address
 * Fastify resolved through the trusted proxies (TRUST_PROXY) is loopback too, and every forwarding
 * header names only loopback addresses. A reverse proxy on this machine forwarding a tablet's
 * request connects from loopback but names the tablet in X-Forwarded-For (or Forwarded,
 * X-Real-IP): that is not this machine, whether TRUST_PROXY names the proxy or not. A proxy that
 * forwards without saying for whom cannot be told apart from a local program; such a set-up needs
 * ADMIN_PIN (docs/architecture.md, "Settings and who may change them").
 */
import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(plain);
  return family !== 0 && LOOPBACK.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

export function isFromThisMachine(request: FastifyRequest): boolean {
  if (!isLoopback(request.socket.remoteAddress) || !isLoopback(request.ip)) return false;
  const forwarded = forwardedAddresses(request.headers);
  return forwarded !== null && forwarded.every(isLoopback);
}

/** Every address the forwarding headers name; null when one of them cannot be read (not trusted as local). */
function forwardedAddresses(headers: FastifyRequest['headers']): string[] | null {
  const addresses: string[] = [];
  const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : (value ?? ''));
  for (const part of `${text(headers['x-forwarded-for'])},${text(headers['x-real-ip'])}`.split(',')) {
    const address = part.trim();
    if (address) addresses.push(address);
  }
  const forwarded = text(headers.forwarded);
  for (const element of forwarded.split(/[,;]/)) {
    const match = /^\s*for\s*=\s*"?\[?([^\]"]*)\]?(?::\d+)?"?\s*$/i.exec(element);
    if (match) addresses.push(match[1]!);
    else if (/^\s*for\s*=/i.test(element)) return null;
  }
  return addresses.every((address) => isIP(address) !== 0) ? addresses : null;
}
