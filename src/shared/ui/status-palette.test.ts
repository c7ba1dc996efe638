/**
 * The status palette as people with the common red–green deficiencies see it: the theme tokens of
 * src/index.css, in both themes, through the model of Chromium's deuteranopia and protanopia
 * emulation (test-support/colour-difference.ts). The states a household must tell apart differ by
 * at least DISTINGUISHABLE_DE2000 in every vision, each in its own family (charging green,
 * warnings amber, faults red, off grey), and every status colour keeps WCAG AA as text and under
 * text. e2e/status-colour-blind.spec.ts measures the same on Chromium's pixels.
 */
import { describe, expect, it } from 'vitest';
import stylesheet from '../../index.css?raw';
import { contrastRatio, colourDifference, DISTINGUISHABLE_DE2000, parseHex, simulateVisionDeficiency, toLch, type Rgb, type VisionDeficiency } from '../../../test-support/colour-difference.ts';
import { STALE_STYLE, STATUS_STYLE, WARNING_STYLE, type StatusStyle } from './status-style.ts';

function tokensOf(block: string): Record<string, Rgb> {
  return Object.fromEntries(Array.from(block.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)).map((m) => [m[1]!, parseHex(m[2]!)]));
}

const darkBlock = /@theme \{([^}]*)\}/.exec(stylesheet)?.[1] ?? '';
const lightBlock = /\[data-theme='light'\] \{([^}]*)\}/.exec(stylesheet)?.[1] ?? '';
const THEMES = { dark: tokensOf(darkBlock), light: { ...tokensOf(darkBlock), ...tokensOf(lightBlock) } };
const VISIONS: VisionDeficiency[] = ['none', 'deuteranopia', 'protanopia'];

/** The token behind a style's class: `bg-charging` → charging, `border-l-idle` → idle. */
const tokenOf = (className: string) => className.replace(/^(bg|border-l|text)-/, '');

/** The pairs of states that must look different, and the part of each that shows it. */
const PAIRS: Array<[string, StatusStyle, string, StatusStyle]> = [
  ['charging', STATUS_STYLE.charging, 'stale', STALE_STYLE],
  ['charging', STATUS_STYLE.charging, 'unavailable', STATUS_STYLE.unavailable],
  ['fault', STATUS_STYLE.fault, 'paused_by_charger', STATUS_STYLE.paused_by_charger],
  ['fault', STATUS_STYLE.fault, 'a warning', WARNING_STYLE],
];

describe('the status palette', () => {
  it('has the tokens of both themes', () => {
    for (const tokens of Object.values(THEMES)) for (const name of ['charging', 'warn', 'error', 'idle', 'ok', 'panel', 'panel-raised', 'surface']) expect(tokens[name], name).toBeDefined();
  });

  for (const [theme, tokens] of Object.entries(THEMES)) {
    for (const vision of VISIONS) {
      it(`tells the states apart in the ${theme} theme, ${vision === 'none' ? 'with normal vision' : `under ${vision}`}: pill and edge`, () => {
        const seen = (className: string) => simulateVisionDeficiency(tokens[tokenOf(className)]!, vision);
        const found: string[] = [];
        for (const [a, styleA, b, styleB] of PAIRS) {
          for (const part of ['fill', 'edge'] as const) {
            const difference = colourDifference(seen(styleA[part]), seen(styleB[part]));
            if (difference < DISTINGUISHABLE_DE2000) found.push(`${a} vs ${b}, ${part}: ΔE00 ${difference.toFixed(1)}`);
          }
        }
        expect(found).toEqual([]);
      });
    }

    it(`keeps each family in the ${theme} theme: charging green, warnings amber, faults red, off grey`, () => {
      const lch = (name: string) => toLch(tokens[name]!);
      expect(lch('charging').h).toBeGreaterThan(130);
      expect(lch('charging').h).toBeLessThan(180);
      expect(lch('warn').h).toBeGreaterThan(65);
      expect(lch('warn').h).toBeLessThan(95);
      expect(lch('error').h).toBeGreaterThan(20);
      expect(lch('error').h).toBeLessThan(50);
      for (const name of ['charging', 'warn', 'error']) expect(lch(name).c, name).toBeGreaterThan(30);
      expect(lch('idle').c).toBeLessThan(20);
    });

    it(`keeps WCAG AA in the ${theme} theme: status colours as text on the panel and the page, and under text on a pill`, () => {
      for (const name of ['charging', 'ok', 'warn', 'error']) {
        expect(contrastRatio(tokens[name]!, tokens.panel!), `${name} on the panel`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(tokens[name]!, tokens.surface!), `${name} on the page`).toBeGreaterThanOrEqual(4.5);
      }
      for (const style of [STATUS_STYLE.charging, STATUS_STYLE.available, STATUS_STYLE.paused_by_charger, STATUS_STYLE.fault, STATUS_STYLE.unavailable, STALE_STYLE]) {
        expect(contrastRatio(tokens[tokenOf(style.fill)]!, tokens[tokenOf(style.onFill)]!), `${style.onFill} on ${style.fill}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
