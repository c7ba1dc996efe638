import { describe, expect, it } from 'vitest';
import { parseLiveStatus } from './live-status.ts';
import generalStatusJson from './fixtures/general-status.json' with { type: 'json' };

const clone = () => structuredClone(generalStatusJson) as any;

describe('parseLiveStatus', () => {
  it('parses every section of the recorded answer', () => {
    const status = parseLiveStatus(clone());
    expect(status.evses.ok && status.evses.data[0]!.connectors[0]!.onlineData?.status).toBe('Available');
    expect(status.powerManagement.ok && status.powerManagement.data?.cluster?.isEnabled).toBe(true);
    expect(status.connectivity.ok && status.connectivity.data.wifi?.linkQuality).toBe(81);
  });

  it('confines a malformed power-management block to its own section', () => {
    const json = clone();
    json.powerManagement = 'n/a';
    const status = parseLiveStatus(json);
    expect(status.powerManagement).toEqual({ ok: false, error: expect.stringMatching(/^powerManagement: .*object/) });
    expect(status.evses.ok).toBe(true);
    expect(status.connectivity.ok).toBe(true);
  });

  it('names the broken field inside the connectors', () => {
    const json = clone();
    json.evses[0].connectors[0].onlineData.power = 'lots';
    const status = parseLiveStatus(json);
    expect(status.evses).toEqual({ ok: false, error: expect.stringContaining('evses[0].connectors[0].onlineData.power') });
    expect(status.powerManagement.ok).toBe(true);
  });

  it('reports connectivity problems without touching the cards', () => {
    const json = clone();
    json.wifi = { linkQuality: 'good' };
    const status = parseLiveStatus(json);
    expect(status.connectivity).toEqual({ ok: false, error: expect.stringContaining('wifi.linkQuality') });
    expect(status.evses.ok).toBe(true);
  });

  it('treats a missing power-management block as none installed', () => {
    const json = clone();
    delete json.powerManagement;
    expect(parseLiveStatus(json).powerManagement).toEqual({ ok: true, data: null });
  });

  it('refuses an answer that is not an object at all', () => {
    expect(() => parseLiveStatus([1, 2])).toThrow(/not an object/);
    expect(() => parseLiveStatus(null)).toThrow(/not an object/);
  });
});
