import { describe, expect, it } from 'vitest';
import { parseCurrencyInput, parsePriceInput } from './pricing.ts';

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
