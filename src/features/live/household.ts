/**
 * The household's questions, answered from the live status: when did this session start and what
 * has it cost so far (the card's). Whether the installer's corner needs a look is `attention.ts`,
 * the strip's (a lazy chunk).
 */

/**
 * The session's start: the time of the reading minus the duration the charger reported with it.
 * Null without a duration (no session, or a charger that does not say).
 */
export function sessionStartMs(readingAt: number, chargingSeconds: number | null | undefined): number | null {
  if (chargingSeconds == null || readingAt <= 0) return null;
  return readingAt - chargingSeconds * 1000;
}

/** Cost of `kwh` at a flat price; null when either is unknown (shown as "—", never as 0). */
export function costOf(kwh: number | null | undefined, pricePerKwh: number | null | undefined): number | null {
  if (kwh == null || pricePerKwh == null) return null;
  return kwh * pricePerKwh;
}
