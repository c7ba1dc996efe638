/**
 * A charger snapshot as the retained state messages MQTT carries: one JSON object per charger and
 * one per connector, with `null` where the snapshot does not know (never a zero standing in for
 * it). Nothing that changes with every reading without the values changing (the reading's time, its
 * age) is in them, so an unchanged charger publishes nothing.
 */
import type { ChargerSnapshot, ConnectorSnapshot } from '../../contract/snapshot.ts';
import { stateWord } from '../../contract/state-vocabulary.ts';
import type { MessageLanguage } from './home-config.ts';
import { faultWordsIn } from './notification-text.ts';
import { chargerStateTopic, connectorStateTopic } from './topics.ts';

export interface ChargerState {
  reachable: boolean;
  /** Why the charger is not reachable, and since when (ISO); null while it is. */
  problem: { code: string; message: string; since: string } | null;
  building_kw: number | null;
  cluster_kw: number | null;
  energy_today_kwh: number | null;
  energy_month_kwh: number | null;
  cost_today: number | null;
  cost_month: number | null;
  currency: string;
}

export interface ConnectorState {
  /** The state kind from the one vocabulary, e.g. `charging`. */
  state: string;
  /** The charger's own name for it, e.g. `SuspendedEV`; null when it sent none. */
  state_raw: string | null;
  /** The kind in the configured language. */
  state_text: string;
  /** Energy flows to the car. */
  charging: boolean;
  /** A session is open (charging or paused). */
  session_open: boolean;
  power_kw: number | null;
  session_energy_kwh: number | null;
  session_seconds: number | null;
  session_cost: number | null;
  currency: string;
  /**
   * The charger's fault as it sent it (`type`, `text`), with its name (`title`) and what to do
   * (`next_step`) in the configured language; null without one.
   */
  fault: { severity: 'fault' | 'warning'; type: string | null; text: string | null; title: string; next_step: string } | null;
  /** The connector's energy counter (never decreasing); null until its meter is known. */
  energy_total_kwh: number | null;
}

export function chargerState(snapshot: ChargerSnapshot): ChargerState {
  const pm = snapshot.powerManagement.ok ? snapshot.powerManagement.data : null;
  return {
    reachable: snapshot.reachable,
    problem: snapshot.problem,
    building_kw: pm?.loadGuard?.buildingKw ?? null,
    cluster_kw: pm?.cluster?.powerKw ?? null,
    energy_today_kwh: snapshot.energy.today.kwh,
    energy_month_kwh: snapshot.energy.month.kwh,
    cost_today: snapshot.energy.today.cost,
    cost_month: snapshot.energy.month.cost,
    currency: snapshot.pricing.currency,
  };
}

export function connectorState(connector: ConnectorSnapshot, currency: string, language: MessageLanguage, energyTotalKwh: number | null): ConnectorState {
  const session = connector.state.sessionOpen ? connector.session : null;
  return {
    state: connector.state.kind,
    state_raw: connector.state.raw,
    state_text: stateWord(connector.state, language),
    charging: connector.state.kind === 'charging',
    session_open: connector.state.sessionOpen,
    power_kw: connector.powerKw,
    session_energy_kwh: session?.energyKwh ?? null,
    session_seconds: session?.activeSeconds ?? null,
    session_cost: session?.costSoFar ?? null,
    currency,
    fault: connector.fault ? { ...connector.fault, ...faultFacts(connector.fault, language) } : null,
    energy_total_kwh: energyTotalKwh,
  };
}

/** The connectors of a snapshot, or none when that part of the reading was malformed. */
export function connectorsOf(snapshot: ChargerSnapshot): ConnectorSnapshot[] {
  return snapshot.connectors.ok ? snapshot.connectors.data : [];
}

/**
 * Every retained state message of a snapshot, topic → payload. A connector whose part of the
 * reading is missing keeps its last message (the broker holds it; the charger's `reachable` and
 * Home Assistant's availability say the values are old).
 */
export function stateMessages(
  snapshot: ChargerSnapshot,
  prefix: string,
  language: MessageLanguage,
  energyTotal: (connector: ConnectorSnapshot) => number | null,
): Map<string, string> {
  const messages = new Map<string, string>();
  messages.set(chargerStateTopic(prefix, snapshot.chargerId), JSON.stringify(chargerState(snapshot)));
  for (const connector of connectorsOf(snapshot)) {
    const payload = connectorState(connector, snapshot.pricing.currency, language, energyTotal(connector));
    messages.set(connectorStateTopic(prefix, snapshot.chargerId, connector.key), JSON.stringify(payload));
  }
  return messages;
}

function faultFacts(fault: NonNullable<ConnectorSnapshot['fault']>, language: MessageLanguage): { title: string; next_step: string } {
  const words = faultWordsIn(fault, language);
  return { title: words.title, next_step: words.nextStep };
}
