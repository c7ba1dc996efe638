/**
 * Options a firmware decides, which may differ from charger to charger in one garage: one value
 * for every charger, or one per charger id.
 */

/** One value for every charger, or one per charger id (chargers not named get the default). */
export type PerCharger<T extends string> = T | Record<string, T>;

/**
 * A per-charger option as a lookup: checks the values and the charger ids named, and gives the
 * chargers not named `fallback`.
 */
export function perChargerOf<T extends string>(
  name: string,
  value: PerCharger<T> | undefined,
  allowed: readonly T[],
  fallback: T,
  chargerIds: readonly string[],
): (chargerId: string) => T {
  const check = (mode: unknown, what: string): T => {
    if (!allowed.includes(mode as T)) throw new RangeError(`simulator: ${what} must be ${allowed.map((a) => `"${a}"`).join(' or ')}, got "${String(mode)}"`);
    return mode as T;
  };
  if (value === undefined) return () => fallback;
  if (typeof value === 'string') {
    const mode = check(value, name);
    return () => mode;
  }
  const modes = new Map<string, T>();
  for (const [id, mode] of Object.entries(value)) {
    if (!chargerIds.includes(id)) throw new RangeError(`simulator: ${name} names unknown charger "${id}" (known: ${chargerIds.join(', ')})`);
    modes.set(id, check(mode, `${name}.${id}`));
  }
  return (chargerId) => modes.get(chargerId) ?? fallback;
}
