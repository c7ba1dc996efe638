import { describe, expect, it } from 'vitest';
import { createHostCheck, hostName } from './host-check.ts';

describe('createHostCheck', () => {
  const check = createHostCheck(['dashboard.example.com', '*.home.example'], ['garage-pi']);

  it('accepts IP literals, localhost, the machine’s names, *.local and ALLOWED_HOSTS, with or without a port', () => {
    for (const host of [
      '192.168.1.20',
      '192.168.1.20:8080',
      '[::1]:8080',
      '[fe80::1]',
      'localhost:8080',
      'LOCALHOST',
      'garage-pi',
      'garage-pi.local:8080',
      'platz13.local',
      'dashboard.example.com',
      'Dashboard.Example.com.:443',
      'wall.home.example',
    ]) {
      expect(check(host), host).toBe(true);
    }
  });

  it('refuses any other name, a missing Host and malformed values', () => {
    for (const host of [undefined, '', 'rebind.example', 'rebind.example:8080', '127.0.0.1.rebind.example', 'local', '.local', 'home.example', 'evil-dashboard.example.com', 'garage-pi.evil', 'user@192.168.1.20', '192.168.1.20 x', '[::1']) {
      expect(check(host), String(host)).toBe(false);
    }
  });

  it('a wildcard covers names below the domain only, never a name that merely ends in the same letters', () => {
    const wildcard = createHostCheck(['*.example.com'], []);
    expect(wildcard('wall.example.com')).toBe(true);
    expect(wildcard('a.b.example.com:8080')).toBe(true);
    for (const host of ['evilexample.com', 'evil-example.com', 'example.com', 'example.com.evil', 'wall.example.com.evil']) {
      expect(wildcard(host), host).toBe(false);
    }
  });

  it('knows the machine by its name with .local too', () => {
    expect(createHostCheck([], ['garage-pi.local'])('garage-pi')).toBe(true);
  });
});

describe('hostName', () => {
  it('strips the port, brackets and a trailing dot', () => {
    expect(hostName('[::1]:80')).toBe('::1');
    expect(hostName('Platz.local.:80')).toBe('platz.local');
    expect(hostName('a b')).toBeNull();
  });
});
