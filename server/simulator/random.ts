/**
 * Seeded randomness without global state: every random value in the simulator is derived from a
 * hash of (seed, stream, key...), so any day or 5-minute step can be recomputed on its own and
 * comes out the same, whatever was computed before it.
 */

/** A 32-bit avalanche mix (the finaliser of splitmix32/murmur3). */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Folds an integer of up to 53 bits (negative allowed) into the running hash. */
function fold(h: number, value: number): number {
  const lo = value >>> 0;
  const hi = Math.floor(value / 4_294_967_296) >>> 0;
  return mix(mix((h ^ lo) >>> 0) ^ hi);
}

/** Hash of up to four integers; fixed arity because it runs in per-step loops. */
export function hash4(a: number, b: number, c = 0, d = 0): number {
  return mix(fold(fold(fold(fold(0x9e3779b9, a), b), c), d));
}

/** A float in [0, 1) from a hash. */
export function unit4(a: number, b: number, c = 0, d = 0): number {
  return hash4(a, b, c, d) / 4_294_967_296;
}

export type Rng = () => number;

/** mulberry32: a tiny, fast PRNG, good enough for a plausible household and deterministic. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Roughly normal (Irwin-Hall of 4), bounded to about ±3.5 sigma, so clamps rarely bite. */
export function gauss(rng: Rng): number {
  return (rng() + rng() + rng() + rng() - 2) * Math.sqrt(3);
}

/** Stream ids: one per kind of randomness, so adding a draw in one place never shifts another. */
export const STREAM = {
  household: 1,
  schedule: 2,
  baseDay: 3,
  baseStep: 4,
  draw: 5,
  voltage: 6,
  gap: 7,
  vacation: 8,
  users: 9,
  ticks: 10,
  wifi: 11,
  spike: 12,
  charger: 13,
  startless: 14,
  unknownEnergy: 15,
} as const;
