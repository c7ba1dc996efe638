/** The electrical constants of a 3-phase wallbox on a European grid. */

const NOMINAL_VOLTS = 230;
/** IEC 61851: below 6 A a car cannot charge, so a share below that pauses the connector. */
export const MIN_CURRENT_A = 6;
/** kW per ampere on three phases at nominal voltage. */
export const KW_PER_A = (3 * NOMINAL_VOLTS) / 1000;
