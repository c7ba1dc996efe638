/**
 * Home Assistant MQTT discovery: one device per charger, its entities described by retained
 * `<discovery prefix>/<component>/<unique id>/config` messages (Home Assistant's "single component"
 * discovery, understood by every version that has MQTT discovery). Each entity reads the retained
 * JSON state of its charger or connector (`state-payloads.ts`) through a value template; a `null`
 * renders as `None`, which Home Assistant shows as unknown. Entities are unavailable while our
 * server is offline (its last will) or the charger is unreachable.
 */
import type { ChargerSnapshot, ConnectorSnapshot } from '../../contract/snapshot.ts';
import { STATE_KINDS } from '../../contract/state-vocabulary.ts';
import type { MessageLanguage } from './home-config.ts';
import { connectorsOf } from './state-payloads.ts';
import { availabilityTopic, chargerEventTopic, chargerStateTopic, connectorStateTopic, idPart } from './topics.ts';

export interface DiscoveryContext {
  topicPrefix: string;
  discoveryPrefix: string;
  language: MessageLanguage;
  /** The charger's display name (CHARGER_NAME, CHARGERS_FILE). */
  chargerName: string;
  /** The energy counter is offered only where it can be kept (with the archive). */
  energyCounter: boolean;
  /** This program, as Home Assistant's `origin`. */
  origin: { name: string; sw_version: string; support_url?: string };
}

/** Event types of the notification entity, the same names as `kind` in the event's JSON. */
export const EVENT_TYPES = ['session_finished', 'fault', 'unreachable'] as const;

type Component = 'sensor' | 'binary_sensor' | 'event';

export interface DiscoveryMessage {
  topic: string;
  /** The entity's configuration; serialised as it is. */
  config: Record<string, unknown>;
}

const WORDS = {
  en: {
    reachable: 'Reachable',
    buildingPower: 'Building power',
    clusterPower: 'Cluster power',
    energyToday: 'Energy today',
    energyMonth: 'Energy this month',
    costToday: 'Cost today',
    costMonth: 'Cost this month',
    notification: 'Notification',
    connector: (label: string) => `Connector ${label}`,
    state: 'state',
    power: 'power',
    sessionEnergy: 'session energy',
    sessionDuration: 'session duration',
    sessionCost: 'session cost',
    charging: 'charging',
    fault: 'fault',
    energyTotal: 'energy',
  },
  de: {
    reachable: 'Erreichbar',
    buildingPower: 'Leistung Gebäude',
    clusterPower: 'Leistung Cluster',
    energyToday: 'Energie heute',
    energyMonth: 'Energie diesen Monat',
    costToday: 'Kosten heute',
    costMonth: 'Kosten diesen Monat',
    notification: 'Benachrichtigung',
    connector: (label: string) => `Ladepunkt ${label}`,
    state: 'Zustand',
    power: 'Leistung',
    sessionEnergy: 'Energie Ladevorgang',
    sessionDuration: 'Dauer Ladevorgang',
    sessionCost: 'Kosten Ladevorgang',
    charging: 'lädt',
    fault: 'Störung',
    energyTotal: 'Energie',
  },
} as const;

/** Every discovery message of a charger as its snapshot shows it (its connectors, its power management). */
export function discoveryMessages(snapshot: ChargerSnapshot, context: DiscoveryContext): DiscoveryMessage[] {
  const words = WORDS[context.language];
  const chargerId = snapshot.chargerId;
  const base = `${idPart(context.topicPrefix)}_${idPart(chargerId)}`;
  const serverAvailability = { topic: availabilityTopic(context.topicPrefix) };
  const chargerTopic = chargerStateTopic(context.topicPrefix, chargerId);
  const reachableAvailability = { topic: chargerTopic, value_template: "{{ 'online' if value_json.reachable else 'offline' }}" };
  const device = { identifiers: [base], name: context.chargerName, manufacturer: 'Etrel', model: 'INCH' };

  const entity: EntityMaker = (component, suffix, fields, availability) => {
    const uniqueId = `${base}_${suffix}`;
    return {
      topic: `${context.discoveryPrefix}/${component}/${uniqueId}/config`,
      config: {
        unique_id: uniqueId,
        ...fields,
        device,
        origin: context.origin,
        availability,
        availability_mode: 'all',
      },
    };
  };
  const whileReachable = [serverAvailability, reachableAvailability];
  const measured = (name: string, template: string, deviceClass: string, unit: string, stateClass: string | null, precision?: number) => ({
    name,
    state_topic: chargerTopic,
    value_template: template,
    device_class: deviceClass,
    unit_of_measurement: unit,
    ...(stateClass ? { state_class: stateClass } : {}),
    ...(precision === undefined ? {} : { suggested_display_precision: precision }),
  });

  const currency = snapshot.pricing.currency;
  const messages: DiscoveryMessage[] = [
    entity(
      'binary_sensor',
      'reachable',
      {
        name: words.reachable,
        state_topic: chargerTopic,
        value_template: "{{ 'ON' if value_json.reachable else 'OFF' }}",
        device_class: 'connectivity',
        entity_category: 'diagnostic',
        json_attributes_topic: chargerTopic,
        json_attributes_template: '{{ {"problem": value_json.problem} | tojson }}',
      },
      // Its own state is the charger's reachability: only our server's absence hides it.
      [serverAvailability],
    ),
    entity('sensor', 'energy_today', measured(words.energyToday, '{{ value_json.energy_today_kwh }}', 'energy', 'kWh', 'total_increasing', 2), whileReachable),
    entity('sensor', 'energy_month', measured(words.energyMonth, '{{ value_json.energy_month_kwh }}', 'energy', 'kWh', 'total_increasing', 1), whileReachable),
    entity('sensor', 'cost_today', measured(words.costToday, '{{ value_json.cost_today }}', 'monetary', currency, 'total', 2), whileReachable),
    entity('sensor', 'cost_month', measured(words.costMonth, '{{ value_json.cost_month }}', 'monetary', currency, 'total', 2), whileReachable),
    entity(
      'event',
      'notification',
      { name: words.notification, state_topic: chargerEventTopic(context.topicPrefix, chargerId), event_types: [...EVENT_TYPES] },
      [serverAvailability],
    ),
  ];
  const pm = snapshot.powerManagement.ok ? snapshot.powerManagement.data : null;
  if (pm?.loadGuard) messages.push(entity('sensor', 'building_power', measured(words.buildingPower, '{{ value_json.building_kw }}', 'power', 'kW', 'measurement', 2), whileReachable));
  if (pm?.cluster) messages.push(entity('sensor', 'cluster_power', measured(words.clusterPower, '{{ value_json.cluster_kw }}', 'power', 'kW', 'measurement', 2), whileReachable));

  for (const connector of connectorsOf(snapshot)) messages.push(...connectorEntities(chargerId, connector, context, entity, whileReachable, currency));
  return messages;
}

type EntityMaker = (component: Component, suffix: string, fields: Record<string, unknown>, availability: unknown[]) => DiscoveryMessage;

function connectorEntities(
  chargerId: string,
  connector: ConnectorSnapshot,
  context: DiscoveryContext,
  entity: EntityMaker,
  availability: unknown[],
  currency: string,
): DiscoveryMessage[] {
  const words = WORDS[context.language];
  const state = connectorStateTopic(context.topicPrefix, chargerId, connector.key);
  const name = (what: string) => `${words.connector(connector.label)} ${what}`;
  const suffix = (what: string) => `c${idPart(connector.key)}_${what}`;
  const sensor = (what: string, label: string, field: string, deviceClass: string, unit: string, stateClass: string, precision?: number) =>
    entity(
      'sensor',
      suffix(what),
      {
        name: name(label),
        state_topic: state,
        value_template: `{{ value_json.${field} }}`,
        device_class: deviceClass,
        unit_of_measurement: unit,
        state_class: stateClass,
        ...(precision === undefined ? {} : { suggested_display_precision: precision }),
      },
      availability,
    );

  const messages = [
    entity(
      'sensor',
      suffix('state'),
      {
        name: name(words.state),
        state_topic: state,
        value_template: '{{ value_json.state }}',
        device_class: 'enum',
        options: [...STATE_KINDS],
        json_attributes_topic: state,
        json_attributes_template: '{{ {"state_raw": value_json.state_raw, "state_text": value_json.state_text} | tojson }}',
      },
      availability,
    ),
    sensor('power', words.power, 'power_kw', 'power', 'kW', 'measurement', 2),
    sensor('session_energy', words.sessionEnergy, 'session_energy_kwh', 'energy', 'kWh', 'total_increasing', 2),
    sensor('session_duration', words.sessionDuration, 'session_seconds', 'duration', 's', 'measurement'),
    sensor('session_cost', words.sessionCost, 'session_cost', 'monetary', currency, 'total', 2),
    entity(
      'binary_sensor',
      suffix('charging'),
      { name: name(words.charging), state_topic: state, value_template: "{{ 'ON' if value_json.charging else 'OFF' }}", device_class: 'battery_charging' },
      availability,
    ),
    entity(
      'binary_sensor',
      suffix('fault'),
      {
        name: name(words.fault),
        state_topic: state,
        value_template: "{{ 'ON' if value_json.fault else 'OFF' }}",
        device_class: 'problem',
        json_attributes_topic: state,
        json_attributes_template: '{{ (value_json.fault or {}) | tojson }}',
      },
      availability,
    ),
  ];
  if (context.energyCounter) messages.push(sensor('energy_total', words.energyTotal, 'energy_total_kwh', 'energy', 'kWh', 'total_increasing', 2));
  return messages;
}
