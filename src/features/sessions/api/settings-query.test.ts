import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/api-error.ts';
import { needsPin, pricingOf, settingsBody, settingsKey, settingsQuery } from './settings-query.ts';

afterEach(() => vi.unstubAllGlobals());

describe('the settings query', () => {
  it('reads GET /api/settings and parses it', async () => {
    vi.stubGlobal('fetch', async (path: string) => {
      expect(path).toBe('/api/settings');
      return Response.json({ pricePerKWh: 0.35, currency: 'EUR', offPeak: { pricePerKWh: 0.22, from: '22:00', to: '06:00' }, isDefault: false, pinRequired: true, writable: true });
    });
    const data = await new QueryClient().fetchQuery(settingsQuery());
    expect(data).toMatchObject({ pricePerKWh: 0.35, pinRequired: true });
  });

  it('turns the server’s settings into the history’s pricing and back', () => {
    const server = { pricePerKWh: 0.35, currency: 'EUR', offPeak: { pricePerKWh: 0.22, from: '22:00', to: '06:30' } };
    const pricing = pricingOf(server)!;
    expect(pricing).toEqual({ pricePerKwh: 0.35, currency: 'EUR', offPeak: { pricePerKwh: 0.22, window: { from: 22 * 60, to: 6 * 60 + 30 } } });
    expect(settingsBody(pricing, 'EUR')).toEqual(server);
    expect(pricingOf({ pricePerKWh: null, currency: 'CHF', offPeak: null })).toBeNull();
    expect(settingsBody(null, 'CHF')).toEqual({ pricePerKWh: null, currency: 'CHF', offPeak: null });
  });

  it('names a set of settings by its values', () => {
    const a = pricingOf({ pricePerKWh: 0.35, currency: 'EUR', offPeak: null });
    expect(settingsKey(a, 'EUR', false)).toBe(settingsKey(pricingOf({ pricePerKWh: 0.35, currency: 'EUR', offPeak: null }), 'EUR', false));
    expect(settingsKey(a, 'EUR', false)).not.toBe(settingsKey(pricingOf({ pricePerKWh: 0.36, currency: 'EUR', offPeak: null }), 'EUR', false));
    expect(settingsKey(a, 'EUR', false)).not.toBe(settingsKey(a, 'EUR', true));
  });

  it('knows the server’s answer for a missing or wrong PIN', () => {
    expect(needsPin(new ApiError('server', 'forbidden', 'the admin PIN is required', 403))).toBe(true);
    expect(needsPin(new ApiError('server', 'archive_off', 'off', 409))).toBe(false);
    expect(needsPin(new Error('x'))).toBe(false);
  });
});
