/**
 * The look of a connector's fault notice, shared by the notice and its stand-in while its words
 * load: in the card's own scale (src/index.css, "Connector card"), red for a fault, amber for a
 * warning, neutral once the values are stale (old news is not an alarm).
 */
import type { ConnectorFault } from '../../../contract/snapshot.ts';

export const FAULT_BOX = 'card-fault card-small mt-[0.4em] rounded-xl px-[0.7em] py-[0.3em] text-surface';

export function faultColour(fault: ConnectorFault, stale: boolean): string {
  return stale ? 'bg-idle' : fault.severity === 'fault' ? 'bg-error' : 'bg-warn';
}
