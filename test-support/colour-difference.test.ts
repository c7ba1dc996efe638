import { describe, expect, it } from 'vitest';
import { colourDifference, contrastRatio, deltaE2000, parseHex, simulateVisionDeficiency, toLab, toLch } from './colour-difference.ts';

describe('deltaE2000', () => {
  // Sharma, Wu and Dalal's test data for CIEDE2000 (pairs 1, 2, 7, 13, 17–20, 25).
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [61, -5, 29], 22.8977],
    [[50, 2.5, 0], [56, -27, -3], 31.903],
    [[50, 2.5, 0], [58, 24, 15], 19.4535],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  ] as const)('%j to %j is %d', (a, b, expected) => {
    expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
    expect(deltaE2000(b, a)).toBeCloseTo(expected, 4);
  });

  it('is zero for the same colour and large for opposites', () => {
    expect(colourDifference(parseHex('#1db489'), parseHex('#1db489'))).toBe(0);
    expect(colourDifference(parseHex('#000000'), parseHex('#ffffff'))).toBeCloseTo(100, 0);
  });
});

describe('colour spaces', () => {
  it('turns sRGB into CIELAB (D65) and LCh', () => {
    const [l, a, b] = toLab(parseHex('#ff0000'));
    expect(l).toBeCloseTo(53.24, 1);
    expect(a).toBeCloseTo(80.09, 1);
    expect(b).toBeCloseTo(67.2, 1);
    expect(toLch(parseHex('#ffbf00')).h).toBeCloseTo(83, 0);
  });

  it('rejects what is not #rrggbb', () => {
    expect(() => parseHex('red')).toThrow(/rrggbb/);
  });

  it('gives WCAG contrast ratios', () => {
    expect(contrastRatio(parseHex('#000000'), parseHex('#ffffff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(parseHex('#767676'), parseHex('#ffffff'))).toBeCloseTo(4.54, 2);
  });
});

describe('simulateVisionDeficiency', () => {
  it('leaves colours alone without a deficiency, and greys and blues as they are', () => {
    expect(simulateVisionDeficiency([29, 180, 137], 'none')).toEqual([29, 180, 137]);
    for (const type of ['deuteranopia', 'protanopia'] as const) {
      const grey = simulateVisionDeficiency([128, 128, 128], type);
      grey.forEach((channel) => expect(Math.abs(channel - 128)).toBeLessThanOrEqual(1));
    }
  });

  it('gives the pixels Chromium draws under its emulation (measured: a green, an amber)', () => {
    // Read from Chromium 156 screenshots of #1db489 and #e69f00 under each emulation.
    const close = (actual: readonly number[], expected: readonly number[]) => actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1.5));
    close(simulateVisionDeficiency([29, 180, 137], 'deuteranopia'), [158, 154, 140]);
    close(simulateVisionDeficiency([29, 180, 137], 'protanopia'), [175, 167, 135]);
    close(simulateVisionDeficiency([230, 159, 0], 'deuteranopia'), [202, 180, 17]);
    close(simulateVisionDeficiency([230, 159, 0], 'protanopia'), [185, 162, 0]);
  });

  it('makes red and green alike, which is what the palette must survive', () => {
    const red = parseHex('#d62728');
    const green = parseHex('#2ca02c');
    expect(colourDifference(red, green)).toBeGreaterThan(40);
    const seen = (c: readonly [number, number, number]) => simulateVisionDeficiency(c, 'deuteranopia');
    expect(colourDifference(seen(red), seen(green))).toBeLessThan(colourDifference(red, green) / 2);
  });
});
