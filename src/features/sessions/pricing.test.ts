import { describe, expect, it } from 'vitest';
import { effectivePricing, parseCurrencyInput, parsePriceInput, readStoredPricing } from './pricing.ts';

describe('price input', () => {
  it('takes a decimal point or comma, nothing else', () => {
    expect(parsePriceInput('0.35')).toBe(0.35);
    expect(parsePriceInput('0,35')).toBe(0.35);
    expect(parsePriceInput(' 12 ')).toBe(12);
    expect(parsePriceInput('1.000,50')).toBeNull();
    expect(parsePriceInput('-0.3')).toBeNull();
    expect(parsePriceInput('abc')).toBeNull();
    expect(parsePriceInput('')).toBeNull();
  });

  it('currency codes Intl knows, upper-cased', () => {
    expect(parseCurrencyInput('eur')).toBe('EUR');
    expect(parseCurrencyInput('CHF')).toBe('CHF');
    expect(parseCurrencyInput('EURO')).toBeNull();
    expect(parseCurrencyInput('€')).toBeNull();
  });
});

describe('which price applies', () => {
  const server = { pricePerKwh: 0.3, currency: 'EUR' };
  it('the browser’s saved price wins over the server default', () => {
    const stored = readStoredPricing(JSON.stringify({ pricePerKwh: 0.42, currency: 'CHF' }));
    expect(effectivePricing(stored, server)).toEqual({ pricing: { pricePerKwh: 0.42, currency: 'CHF', offPeak: null }, source: 'browser' });
    expect(effectivePricing(null, server)).toEqual({ pricing: { pricePerKwh: 0.3, currency: 'EUR' }, source: 'server' });
    expect(effectivePricing(null, { pricePerKwh: null, currency: 'EUR' })).toEqual({ pricing: null, source: 'none' });
  });

  it('ignores unreadable or tampered storage', () => {
    expect(readStoredPricing('{not json')).toBeNull();
    expect(readStoredPricing(JSON.stringify({ pricePerKwh: -1, currency: 'EUR' }))).toBeNull();
    expect(readStoredPricing(JSON.stringify({ pricePerKwh: 0.3, currency: 'XXXX' }))).toBeNull();
    expect(readStoredPricing(JSON.stringify({ pricePerKwh: '0.3', currency: 'EUR' }))).toBeNull();
    expect(readStoredPricing(null)).toBeNull();
  });
});

describe('the off-peak price', () => {
  it('is kept with its window, and a broken one is dropped (one price stays)', () => {
    const offPeak = { pricePerKwh: 0.22, window: { from: 22 * 60, to: 6 * 60 } };
    expect(readStoredPricing(JSON.stringify({ pricePerKwh: 0.35, currency: 'EUR', offPeak }))).toEqual({ pricePerKwh: 0.35, currency: 'EUR', offPeak });
    for (const broken of [{ ...offPeak, pricePerKwh: -1 }, { ...offPeak, window: { from: 60, to: 60 } }, { ...offPeak, window: { from: 1440, to: 0 } }, 'cheap']) {
      expect(readStoredPricing(JSON.stringify({ pricePerKwh: 0.35, currency: 'EUR', offPeak: broken }))).toEqual({ pricePerKwh: 0.35, currency: 'EUR', offPeak: null });
    }
  });
});
