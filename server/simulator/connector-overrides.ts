/**
 * Forced connector states (`setConnector`, `POST /_sim/connectors`): a test pins a connector to
 * `Charging`, `Faulted`, an unknown status… and generalStatus shows it instead of the model's
 * state. History and power profile stay the model's.
 */
import { overrideKey, type ConnectorOverride, type OverrideEntry, type Overrides } from './status-json.ts';

export class ConnectorOverrides {
  private readonly entries = new Map<string, OverrideEntry>();

  constructor(
    private readonly chargerIds: ReadonlySet<string>,
    private readonly connectorsPerCharger: number,
    private readonly now: () => number,
  ) {}

  /** What generalStatus reads. */
  get current(): Overrides {
    return this.entries;
  }

  /** Forces a connector's live state; null = back to the model. */
  set(chargerId: string, connectorId: number, state: ConnectorOverride | null): void {
    if (!this.chargerIds.has(chargerId)) throw new RangeError(`unknown charger "${chargerId}"`);
    if (!Number.isInteger(connectorId) || connectorId < 1 || connectorId > this.connectorsPerCharger) {
      throw new RangeError(`connectorId must be 1..${this.connectorsPerCharger}`);
    }
    const key = overrideKey(chargerId, connectorId);
    if (state === null) this.entries.delete(key);
    // A changed state keeps its start: a forced session goes on counting energy.
    else this.entries.set(key, { state: { ...state }, since: this.entries.get(key)?.since ?? this.now() });
  }

  /** The override of one connector, if any. */
  get(chargerId: string, connectorId: number): ConnectorOverride | null {
    return this.entries.get(overrideKey(chargerId, connectorId))?.state ?? null;
  }

  /** Back to the model for the connectors matching what is given (all without either). */
  clear(chargerId?: string, connectorId?: number): void {
    for (const key of [...this.entries.keys()]) {
      const [id, connector] = key.split('#');
      if (chargerId !== undefined && id !== chargerId) continue;
      if (connectorId !== undefined && Number(connector) !== connectorId) continue;
      this.entries.delete(key);
    }
  }
}
