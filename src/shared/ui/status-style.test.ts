import { describe, expect, it } from 'vitest';
import { STATE_KINDS } from '../../../contract/state-vocabulary.ts';
import { STATUS_STYLE, statusMotion, statusStyle } from './status-style.ts';
import { ICON_OF } from './StatusIcon.tsx';

describe('status styles', () => {
  it('colour charging green, a full car and a finished session green too (never amber), a held session amber, faults red', () => {
    expect(STATUS_STYLE.charging.fill).toBe('bg-charging');
    expect(STATUS_STYLE.paused_by_car.fill).toBe('bg-charging');
    expect(STATUS_STYLE.finished.fill).toBe('bg-charging');
    expect(STATUS_STYLE.paused_by_charger.fill).toBe('bg-warn');
    expect(STATUS_STYLE.fault.fill).toBe('bg-error');
    expect(STATUS_STYLE.available.fill).toBe('bg-ok');
  });

  it('give every kind its own icon, so colour is never alone', () => {
    const icons = STATE_KINDS.map((kind) => ICON_OF[kind]);
    expect(new Set(icons).size).toBe(STATE_KINDS.length);
  });

  it('turn neutral and still when stale; only live charging moves', () => {
    expect(statusStyle('charging', true).fill).toBe('bg-panel-raised');
    expect(statusMotion('charging')).toBe('status-flow');
    expect(statusMotion('charging', true)).toBe('');
    expect(statusMotion('available')).toBe('');
  });
});
