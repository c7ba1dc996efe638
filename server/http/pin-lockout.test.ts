import { describe, expect, it } from 'vitest';
import { clientOf, createPinLockout } from './pin-lockout.ts';

describe('the PIN lockout', () => {
  it('locks a client after five wrong PINs within a minute, until the first of them is a minute old', () => {
    let now = 1_000_000;
    const lockout = createPinLockout({ now: () => now });
    for (let i = 0; i < 4; i++) {
      lockout.failed('192.168.1.5');
      now += 10_000;
    }
    expect(lockout.locked('192.168.1.5')).toBe(false);
    lockout.failed('192.168.1.5');
    expect(lockout.locked('192.168.1.5')).toBe(true);
    expect(lockout.locked('192.168.1.6')).toBe(false);
    // The first wrong PIN was at 1,000,000; a minute later only four remain in the window.
    now = 1_000_000 + 60_000;
    expect(lockout.locked('192.168.1.5')).toBe(false);
  });

  it('wrong PINs spread over more than a minute never lock', () => {
    let now = 0;
    const lockout = createPinLockout({ now: () => now });
    for (let i = 0; i < 20; i++) {
      lockout.failed('10.0.0.2');
      now += 15_000;
      expect(lockout.locked('10.0.0.2')).toBe(false);
    }
  });

  it('remembers a bounded number of clients, forgetting the one wrong longest ago', () => {
    const lockout = createPinLockout({ now: () => 0, maxClients: 2, attempts: 1 });
    lockout.failed('10.0.0.1');
    lockout.failed('10.0.0.2');
    lockout.failed('10.0.0.3');
    expect([lockout.locked('10.0.0.1'), lockout.locked('10.0.0.2'), lockout.locked('10.0.0.3')]).toEqual([false, true, true]);
  });
});

describe('clientOf', () => {
  it('is the IPv4 address (mapped or not), or the IPv6 /64', () => {
    expect(clientOf('192.168.1.5')).toBe('192.168.1.5');
    expect(clientOf('::ffff:192.168.1.5')).toBe('192.168.1.5');
    expect(clientOf('2001:db8:0:7::1')).toBe('2001:db8:0:7::/64');
    expect(clientOf('2001:0DB8:0000:0007:aaaa::2')).toBe('2001:db8:0:7::/64');
    expect(clientOf('::1')).toBe('0:0:0:0::/64');
  });
});
