/**
 * Forced connector states (`setConnector`, `POST /_sim/connectors`): a test pins a connector to
 * `Charging`, `Faulted`, an unknown status… and generalStatus shows it instead of the model's
 * state. History and power profile stay the model's.
 *
 * A connector is named by its ordinal on the charger (1-based across its EVSEs, which is its
 * `connectorId` with the default numbering), or by its EVSE (`{ evseId, connectorId? }`), which
 * stays unambiguous when every EVSE numbers its connector 1.
 */
import type { ConnectorNumbering } from './charger-styles.ts';
import { overrideKey, type ConnectorOverride, type OverrideEntry, type Overrides } from './status-json.ts';

export type ConnectorAddress = number | { evseId: number; connectorId?: number };

export class ConnectorOverrides {
  private readonly entries = new Map<string, OverrideEntry>();

  constructor(
    private readonly chargerIds: ReadonlySet<string>,
    private readonly connectorsPerCharger: number,
    private readonly numberingOf: (chargerId: string) => ConnectorNumbering,
    private readonly now: () => number,
  ) {}

  /** What generalStatus reads. */
  get current(): Overrides {
    return this.entries;
  }

  /** Forces a connector's live state; null = back to the model. */
  set(chargerId: string, connector: ConnectorAddress, state: ConnectorOverride | null): void {
    const ordinal = this.ordinalOf(chargerId, connector);
    const key = overrideKey(chargerId, ordinal);
    if (state === null) this.entries.delete(key);
    // A changed state keeps its start: a forced session goes on counting energy.
    else this.entries.set(key, { state: { ...state }, since: this.entries.get(key)?.since ?? this.now() });
  }

  /** The override of one connector (by ordinal), if any. */
  get(chargerId: string, ordinal: number): ConnectorOverride | null {
    return this.entries.get(overrideKey(chargerId, ordinal))?.state ?? null;
  }

  /** Back to the model for the connectors matching what is given (all without either). */
  clear(chargerId?: string, connector?: ConnectorAddress): void {
    const ordinal = chargerId !== undefined && connector !== undefined ? this.ordinalOf(chargerId, connector) : typeof connector === 'number' ? connector : connector?.evseId;
    for (const key of [...this.entries.keys()]) {
      const [id, entryOrdinal] = key.split('#');
      if (chargerId !== undefined && id !== chargerId) continue;
      if (ordinal !== undefined && Number(entryOrdinal) !== ordinal) continue;
      this.entries.delete(key);
    }
  }

  /** The connector's ordinal on its charger; a RangeError says what does not exist. */
  private ordinalOf(chargerId: string, connector: ConnectorAddress): number {
    if (!this.chargerIds.has(chargerId)) throw new RangeError(`unknown charger "${chargerId}"`);
    const count = this.connectorsPerCharger;
    if (typeof connector === 'number') {
      if (!Number.isInteger(connector) || connector < 1 || connector > count) throw new RangeError(`connectorId must be 1..${count}`);
      return connector;
    }
    const { evseId, connectorId } = connector;
    if (!Number.isInteger(evseId) || evseId < 1 || evseId > count) throw new RangeError(`evseId must be 1..${count}`);
    // One connector per EVSE: its id is the EVSE's number, or 1 where each EVSE counts from 1.
    const id = this.numberingOf(chargerId) === 'evse' ? 1 : evseId;
    if (connectorId !== undefined && connectorId !== id) throw new RangeError(`EVSE ${evseId} of ${chargerId} has connectorId ${id} only`);
    return evseId;
  }
}
