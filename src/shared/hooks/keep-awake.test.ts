import { describe, expect, it } from 'vitest';
import { chooseWakeLockMode } from './keep-awake.ts';

describe('chooseWakeLockMode', () => {
  it('uses the Screen Wake Lock API in a secure context that has it (https, localhost)', () => {
    expect(chooseWakeLockMode(true, true)).toBe('native');
  });
  it('falls back to the looping video on a plain-http LAN address, where the API is missing', () => {
    expect(chooseWakeLockMode(false, false)).toBe('video');
    // Some browsers expose navigator.wakeLock but refuse it outside a secure context.
    expect(chooseWakeLockMode(false, true)).toBe('video');
  });
  it('falls back on older browsers without the API even when secure', () => {
    expect(chooseWakeLockMode(true, false)).toBe('video');
  });
});
