/**
 * A connector status name that no vocabulary knows, of any length: what a newer firmware may
 * send, and what a layout must survive (a pill that grows with its text).
 */
import type { ConnectorAddress } from './connector-overrides.ts';

/** `unknownStatus` option: a name or a length; on a charger (default the first) and connector (default 1). */
export type UnknownStatusOption =
  | string
  | number
  | {
      /** The name, or a length for a made-up name of that many characters. */
      status: string | number;
      charger?: string;
      /** The connector's ordinal on the charger (1-based across its EVSEs); default 1. */
      connectorId?: number;
      /** Names the connector by its EVSE instead (with `connectorId` as that EVSE's id). */
      evseId?: number;
    };

export const MAX_STATUS_LENGTH = 200;

const WORDS = ['Waiting', 'For', 'External', 'Load', 'Management', 'Release', 'After', 'Grid', 'Operator', 'Signal', 'Or', 'Backend', 'Tariff', 'Window', 'Confirmation'];

/**
 * A CamelCase name of exactly `length` characters, like firmware names (`WaitingForExternalLoad…`),
 * which no status vocabulary knows. One word with no spaces, the hardest case for a layout.
 */
export function unknownStatusName(length: number): string {
  if (!Number.isInteger(length) || length < 1 || length > MAX_STATUS_LENGTH) {
    throw new RangeError(`simulator: an unknown status must be 1-${MAX_STATUS_LENGTH} characters, got ${length}`);
  }
  let name = '';
  for (let w = 0; name.length < length; w++) name += WORDS[w % WORDS.length];
  return name.slice(0, length);
}

/** The option as a forced state: which charger and connector, and the name. */
export function resolveUnknownStatus(option: UnknownStatusOption, firstCharger: string): { charger: string; connector: ConnectorAddress; status: string } {
  const spec = typeof option === 'object' ? option : { status: option };
  const status = typeof spec.status === 'number' ? unknownStatusName(spec.status) : spec.status;
  if (status.trim() === '' || status.length > MAX_STATUS_LENGTH) {
    throw new RangeError(`simulator: unknownStatus must be 1-${MAX_STATUS_LENGTH} characters, got ${status.length}`);
  }
  const connector: ConnectorAddress =
    spec.evseId !== undefined ? (spec.connectorId === undefined ? { evseId: spec.evseId } : { evseId: spec.evseId, connectorId: spec.connectorId }) : (spec.connectorId ?? 1);
  return { charger: spec.charger ?? firstCharger, connector, status };
}
