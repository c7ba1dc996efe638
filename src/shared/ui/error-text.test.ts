import { describe, expect, it } from 'vitest';
import { errorHeadline } from './error-text.ts';

describe('errorHeadline', () => {
  it('names the reason by kind, then by code', () => {
    expect(errorHeadline({ kind: 'network', message: 'x' }, 'en')).toBe('Dashboard server unreachable');
    expect(errorHeadline({ kind: 'server', code: 'charger_timeout', message: 'x' }, 'de')).toBe('Ladestation antwortet nicht');
    expect(errorHeadline({ message: 'x' }, 'en')).toBe('Something went wrong');
  });

  it('does not take a code like "toString" for one of its own', () => {
    for (const code of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(errorHeadline({ kind: 'server', code, message: 'x' }, 'en')).toBe('Something went wrong');
    }
  });
});
