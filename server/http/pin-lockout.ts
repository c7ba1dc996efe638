/**
 * Wrong admin PINs are counted per client: five in a minute lock that client for the rest of the
 * minute, and nobody else. One lock for all would let any tablet (or a stranger on the LAN) keep
 * the owner out by typing wrong PINs. A client is its address as Fastify resolved it (through
 * TRUST_PROXY); an IPv6 client is its /64, since one device picks new addresses inside it at will.
 */
import { isIP } from 'node:net';

export interface PinLockoutOptions {
  attempts?: number;
  windowMs?: number;
  now?: () => number;
  /** Most clients remembered; the oldest is forgotten beyond it, so a flood of addresses cannot grow memory. */
  maxClients?: number;
}

export function createPinLockout(options: PinLockoutOptions = {}) {
  const { attempts = 5, windowMs = 60_000, now = Date.now, maxClients = 10_000 } = options;
  /** Times of the wrong PINs within the window, by client; Map order is the order clients were last wrong. */
  const wrong = new Map<string, number[]>();
  const recent = (key: string, at: number) => (wrong.get(key) ?? []).filter((t) => at - t < windowMs);

  return {
    /** Whether this client has used up its wrong PINs for now. */
    locked(address: string): boolean {
      const key = clientOf(address);
      const times = recent(key, now());
      if (times.length === 0) wrong.delete(key);
      return times.length >= attempts;
    },
    failed(address: string): void {
      const key = clientOf(address);
      const at = now();
      const times = [...recent(key, at), at];
      wrong.delete(key);
      wrong.set(key, times);
      if (wrong.size > maxClients) wrong.delete(wrong.keys().next().value!);
    },
  };
}
export type PinLockout = ReturnType<typeof createPinLockout>;

/** An IPv4 address as it is (also when IPv4-mapped), an IPv6 address as its /64. */
export function clientOf(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : group.toLowerCase().replace(/^0+(?=.)/, '')));
}
