import { describe, expect, it } from 'vitest';
import { inDimWindow, parseDimWindow } from './use-night-dim.ts';

const at = (h: number, m = 0) => new Date(2026, 10, 30, h, m);

describe('night dimming window', () => {
  it('reads HH:MM-HH:MM and refuses anything else', () => {
    expect(parseDimWindow('22:00-06:00')).toEqual({ from: 22 * 60, to: 6 * 60 });
    expect(parseDimWindow('7:30-8:00')).toEqual({ from: 450, to: 480 });
    for (const bad of [null, '', '22-06', '25:00-06:00', '22:00-22:00', '22:61-06:00']) expect(parseDimWindow(bad)).toBeNull();
  });

  it('runs over midnight, from inclusive to exclusive', () => {
    const night = parseDimWindow('22:00-06:00')!;
    expect(inDimWindow(night, at(22))).toBe(true);
    expect(inDimWindow(night, at(2))).toBe(true);
    expect(inDimWindow(night, at(6))).toBe(false);
    expect(inDimWindow(night, at(12))).toBe(false);
    const noon = parseDimWindow('12:00-13:00')!;
    expect(inDimWindow(noon, at(12, 30))).toBe(true);
    expect(inDimWindow(noon, at(13))).toBe(false);
  });
});
