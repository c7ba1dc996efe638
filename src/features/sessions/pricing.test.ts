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
    expect(effectivePricing(stored, server)).toEqual({ pricing: { pricePerKwh: 0.42, currency: 'CHF' }, source: 'browser' });
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
