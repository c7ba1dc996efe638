/**
 * Our MQTT topics, named in one place (the README lists them for people writing automations):
 *
 * - `<prefix>/status`: `online` / `offline` (retained; `offline` is the last will)
 * - `<prefix>/<charger>/state`: the charger as JSON (retained)
 * - `<prefix>/<charger>/connector/<key>/state`: a connector as JSON (retained)
 * - `<prefix>/<charger>/event`: notifications as JSON (not retained)
 * - `<prefix>/event`: the settings screen's test message (not retained)
 */
export function availabilityTopic(prefix: string): string {
  return `${prefix}/status`;
}

export function chargerStateTopic(prefix: string, chargerId: string): string {
  return `${prefix}/${chargerId}/state`;
}

export function connectorStateTopic(prefix: string, chargerId: string, connectorKey: string): string {
  return `${prefix}/${chargerId}/connector/${connectorKey}/state`;
}

export function chargerEventTopic(prefix: string, chargerId: string): string {
  return `${prefix}/${chargerId}/event`;
}

export function testEventTopic(prefix: string): string {
  return `${prefix}/event`;
}

/** What unique ids and discovery topics are made of: letters, digits, `_` and `-` only. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_');
}
