/**
 * A current limit in amperes as the power it allows, for panels that show "60 A (41.4 kW)".
 * Nominal European low voltage (230 V per phase, three phases) unless told otherwise: the
 * charger reports limits per phase in A but power in kW, and people compare kW.
 */
export const NOMINAL_VOLTS = 230;

/** kW allowed by `amps` on each of `phases` phases: phases × volts × A / 1000. */
export function ampsToKw(amps: number, phases = 3, volts = NOMINAL_VOLTS): number {
  return (phases * volts * amps) / 1000;
}

/**
 * kW allowed by three per-phase limits (L1, L2, L3), which need not be equal; a phase without a
 * limit (null, or 0, the charger's word for "none") contributes nothing. Null when no phase has one.
 */
export function phaseLimitsKw(
  limits: readonly (number | null | undefined)[],
  volts = NOMINAL_VOLTS,
): number | null {
  const known = limits.filter((a): a is number => typeof a === 'number' && Number.isFinite(a) && a > 0);
  return known.length ? known.reduce((sum, amps) => sum + ampsToKw(amps, 1, volts), 0) : null;
}
