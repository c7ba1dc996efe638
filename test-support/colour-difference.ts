/**
 * How different two colours look, to people with normal colour vision and to those with the
 * common red–green deficiencies: CIEDE2000 between sRGB colours, and Chromium's own simulation of
 * deuteranopia and protanopia, so a palette can be checked in a unit test and the same figures
 * compared with pixels Chromium draws under its emulation (e2e/status-colour-blind.spec.ts).
 */

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];
export type VisionDeficiency = 'none' | 'deuteranopia' | 'protanopia';

/**
 * The least CIEDE2000 difference at which two states count as told apart at a glance.
 *
 * One CIEDE2000 unit is about a just-noticeable difference between two large patches seen side by
 * side. A wall display's states are not seen side by side: someone looks at one tile's edge or one
 * pill and must know whether it is the amber or the red one, the green or the grey one, from
 * memory and from across the room. Differences under 10 are commonly read as "noticeable when
 * compared", above it as obvious at a glance; 12 leaves a margin for the antialiasing and rounding
 * of pixels sampled from a screenshot. (Before the palette was changed for this, a fault's red and
 * a held session's amber were 5.9 apart under deuteranopia in the dark theme and 2.4 in the light
 * one: one colour to those who have it.)
 */
export const DISTINGUISHABLE_DE2000 = 12;

export function parseHex(hex: string): Rgb {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

const toLinear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (value: number) => {
  const v = Math.min(1, Math.max(0, value));
  return 255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);
};

/** sRGB (D65) to CIELAB (D65). */
export function toLab(rgb: Rgb): Lab {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** Lightness, chroma and hue angle (degrees) of a colour: which family it belongs to. */
export function toLch(rgb: Rgb): { l: number; c: number; h: number } {
  const [l, a, b] = toLab(rgb);
  return { l, c: Math.hypot(a, b), h: ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360 };
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** CIEDE2000 (Sharma, Wu and Dalal's formulation), kL = kC = kH = 1. */
export function deltaE2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const c1 = Math.hypot(a1, b1);
  const c2 = Math.hypot(a2, b2);
  const cBar7 = ((c1 + c2) / 2) ** 7;
  const g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (deg(Math.atan2(b, a)) + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);

  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(rad(dhp) / 2);

  const lBarP = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBarP = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBarP = (h1p + h2p) / 2;
    else hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const t = 1 - 0.17 * Math.cos(rad(hBarP - 30)) + 0.24 * Math.cos(rad(2 * hBarP)) + 0.32 * Math.cos(rad(3 * hBarP + 6)) - 0.2 * Math.cos(rad(4 * hBarP - 63));
  const dTheta = 30 * Math.exp(-(((hBarP - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lBarP - 50) ** 2) / Math.sqrt(20 + (lBarP - 50) ** 2);
  const sc = 1 + 0.045 * cBarP;
  const sh = 1 + 0.015 * cBarP * t;
  const rt = -Math.sin(rad(2 * dTheta)) * rc;
  return Math.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh));
}

/** CIEDE2000 between two sRGB colours. */
export function colourDifference(a: Rgb, b: Rgb): number {
  return deltaE2000(toLab(a), toLab(b));
}

/**
 * The matrices Chromium's `Emulation.setEmulatedVisionDeficiency` applies (Machado, Oliveira and
 * Fernandes 2009, severity 1), to linear RGB: the e2e test checks that this model gives the
 * pixels Chromium draws.
 */
const DEFICIENCY: Record<Exclude<VisionDeficiency, 'none'>, readonly (readonly [number, number, number])[]> = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
};

/** The colour as someone with that deficiency sees it (as Chromium shows it). */
export function simulateVisionDeficiency(rgb: Rgb, deficiency: VisionDeficiency): Rgb {
  if (deficiency === 'none') return rgb;
  const linear = rgb.map(toLinear);
  return DEFICIENCY[deficiency].map((row) => fromLinear(row[0] * linear[0]! + row[1] * linear[1]! + row[2] * linear[2]!)) as unknown as Rgb;
}

/** WCAG 2 contrast ratio. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const luminance = (rgb: Rgb) => {
    const [r, g, bl] = rgb.map(toLinear) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
