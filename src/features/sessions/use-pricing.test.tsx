/** @vitest-environment jsdom */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePricing } from './use-pricing.ts';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

describe('usePricing', () => {
  it('hands out the same pricing object until the stored price or the server default changes', () => {
    const hook = renderHook(({ price }: { price: number | null }) => usePricing({ pricePerKwh: price, currency: 'EUR' }), { initialProps: { price: 0.3 } });
    const first = hook.result.current.pricing;
    expect(first).toEqual({ pricePerKwh: 0.3, currency: 'EUR' });
    // The sessions page renders every minute and passes a new defaults object each time.
    hook.rerender({ price: 0.3 });
    expect(hook.result.current.pricing).toBe(first);
    hook.rerender({ price: 0.31 });
    expect(hook.result.current.pricing).toEqual({ pricePerKwh: 0.31, currency: 'EUR' });

    act(() => hook.result.current.save({ pricePerKwh: 0.4, currency: 'EUR', offPeak: { pricePerKwh: 0.2, window: { from: 1320, to: 360 } } }));
    const saved = hook.result.current.pricing;
    expect(hook.result.current.source).toBe('browser');
    hook.rerender({ price: 0.31 });
    expect(hook.result.current.pricing).toBe(saved);
  });
});
