/**
 * The settings of the home connections (MQTT and Home Assistant discovery, notifications,
 * Prometheus metrics), read from the environment by `loadConfig` (server/config.ts) like every
 * other setting: all optional, all off unless configured, and a wrong value stops start-up with one
 * line. No message here ever repeats a password, token or a URL's user part.
 */
import { ConfigError } from '../config.ts';

export type MessageLanguage = 'en' | 'de';

export interface MqttConfig {
  /** `mqtt://host:port` or `mqtts://host:port`, without credentials. */
  url: string;
  username: string | null;
  password: string | null;
  /** Every topic of ours starts with it (`inch-dashboard`). */
  topicPrefix: string;
  /** Home Assistant's discovery prefix (`homeassistant`); null: no discovery messages. */
  discoveryPrefix: string | null;
}

export const NOTIFICATION_RULES = ['session_finished', 'fault', 'unreachable'] as const;
export type NotificationRule = (typeof NOTIFICATION_RULES)[number];

export interface NotificationConfig {
  /** The language of notifications and of Home Assistant's entity names. */
  language: MessageLanguage;
  rules: ReadonlySet<NotificationRule>;
  /** "Unreachable" is told once a charger has not answered for this long. */
  unreachableMinutes: number;
  /** Events on `<prefix>/<charger>/event` (on by default when MQTT is configured). */
  mqttEvents: boolean;
  ntfy: { url: string; topic: string; token: string | null } | null;
  webhook: { url: string; token: string | null } | null;
}

export interface HomeConfig {
  mqtt: MqttConfig | null;
  notifications: NotificationConfig;
  /** `GET /metrics` is served (METRICS=on). */
  metrics: boolean;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_TOPIC_PREFIX = 'inch-dashboard';
export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';
const DEFAULT_UNREACHABLE_MINUTES = 10;

export function parseHomeConfig(env: Env): HomeConfig {
  const mqtt = parseMqtt(env);
  const rules = parseRules(env.NOTIFY_ON);
  const notifications: NotificationConfig = {
    language: parseLanguage(env.NOTIFY_LANGUAGE),
    rules,
    unreachableMinutes: parseMinutes(env.NOTIFY_UNREACHABLE_MINUTES),
    mqttEvents: mqtt !== null && parseSwitch(env.NOTIFY_MQTT, 'NOTIFY_MQTT', true),
    ntfy: parseNtfy(env),
    webhook: parseWebhook(env),
  };
  if (env.NOTIFY_MQTT?.trim() && parseSwitch(env.NOTIFY_MQTT, 'NOTIFY_MQTT', true) && !mqtt) {
    throw new ConfigError('NOTIFY_MQTT is on but MQTT_URL is not set; set MQTT_URL, or leave NOTIFY_MQTT out');
  }
  return { mqtt, notifications, metrics: parseSwitch(env.METRICS, 'METRICS', false) };
}

function parseMqtt(env: Env): MqttConfig | null {
  const text = env.MQTT_URL?.trim();
  const username = env.MQTT_USERNAME?.trim() || null;
  const password = env.MQTT_PASSWORD || null;
  if (!text) {
    if (username || password) throw new ConfigError('MQTT_USERNAME or MQTT_PASSWORD is set but MQTT_URL is not; set MQTT_URL, e.g. mqtt://homeassistant.local:1883');
    return null;
  }
  const url = parseUrl(text, 'MQTT_URL', ['mqtt:', 'mqtts:'], 'mqtt://homeassistant.local:1883', 'MQTT_USERNAME/MQTT_PASSWORD');
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash) throw new ConfigError('MQTT_URL must be only a broker address like mqtt://homeassistant.local:1883 (no path or query)');
  if (password && !username) throw new ConfigError('MQTT_PASSWORD is set without MQTT_USERNAME');
  const topicPrefix = parseTopicPrefix(env.MQTT_TOPIC_PREFIX, 'MQTT_TOPIC_PREFIX', DEFAULT_TOPIC_PREFIX);
  const discoveryText = env.MQTT_DISCOVERY_PREFIX?.trim();
  const discoveryPrefix = discoveryText && ['off', 'false', 'no', '0'].includes(discoveryText.toLowerCase()) ? null : parseTopicPrefix(discoveryText, 'MQTT_DISCOVERY_PREFIX', DEFAULT_DISCOVERY_PREFIX);
  return { url: `${url.protocol}//${url.host}`, username, password, topicPrefix, discoveryPrefix };
}

/** A topic level path of ours: no wildcards, no empty levels, not a broker's `$` topic. */
function parseTopicPrefix(text: string | undefined, name: string, fallback: string): string {
  const value = text?.trim() || fallback;
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(value) || value.length > 100) {
    throw new ConfigError(`${name} must be topic levels of letters, digits, - and _ separated by /, like ${fallback}, not "${value.slice(0, 100)}"`);
  }
  return value;
}

function parseNtfy(env: Env): NotificationConfig['ntfy'] {
  const text = env.NTFY_URL?.trim();
  const topic = env.NTFY_TOPIC?.trim();
  const token = env.NTFY_TOKEN?.trim() || null;
  if (!text) {
    if (topic || token) throw new ConfigError('NTFY_TOPIC or NTFY_TOKEN is set but NTFY_URL is not; set NTFY_URL, e.g. https://ntfy.example.com');
    return null;
  }
  const url = parseUrl(text, 'NTFY_URL', ['http:', 'https:'], 'https://ntfy.example.com', 'NTFY_TOKEN');
  if (url.search || url.hash) throw new ConfigError('NTFY_URL must be the ntfy server\u2019s address without a query, like https://ntfy.example.com');
  // The topic is the ntfy address of the messages: anyone who knows it can read them, so it is
  // treated like a password (never shown, never logged).
  if (!topic) throw new ConfigError('NTFY_URL is set but NTFY_TOPIC is not; set the ntfy topic to publish to');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(topic)) throw new ConfigError('NTFY_TOPIC must be 1 to 64 letters, digits, - or _');
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, topic, token };
}

function parseWebhook(env: Env): NotificationConfig['webhook'] {
  const text = env.WEBHOOK_URL?.trim();
  const token = env.WEBHOOK_TOKEN?.trim() || null;
  if (!text) {
    if (token) throw new ConfigError('WEBHOOK_TOKEN is set but WEBHOOK_URL is not');
    return null;
  }
  const url = parseUrl(text, 'WEBHOOK_URL', ['http:', 'https:'], 'http://homeassistant.local:8123/api/webhook/…', 'WEBHOOK_TOKEN');
  if (url.hash) throw new ConfigError('WEBHOOK_URL must not have a fragment');
  return { url: url.href, token };
}

/** A URL of one of `protocols`; never echoed when it is not one (it may hold a secret path). */
function parseUrl(text: string, name: string, protocols: readonly string[], example: string, credentialsVariable: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} is not a URL; use e.g. ${example}`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  if (url.username || url.password) throw new ConfigError(`${name} must not contain a user or password; use ${credentialsVariable}`);
  if (!url.hostname) throw new ConfigError(`${name} has no host; use e.g. ${example}`);
  return url;
}

function parseLanguage(text: string | undefined): MessageLanguage {
  const value = text?.trim().toLowerCase() || 'en';
  if (value !== 'en' && value !== 'de') throw new ConfigError(`NOTIFY_LANGUAGE must be en or de, not "${text}"`);
  return value;
}

function parseRules(text: string | undefined): ReadonlySet<NotificationRule> {
  if (text === undefined || text.trim() === '') return new Set(NOTIFICATION_RULES);
  const names = text.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (names.length === 1 && ['none', 'off'].includes(names[0]!)) return new Set();
  for (const name of names) {
    if (!(NOTIFICATION_RULES as readonly string[]).includes(name)) {
      throw new ConfigError(`NOTIFY_ON must be a comma list of ${NOTIFICATION_RULES.join(', ')} (or none), not "${name}"`);
    }
  }
  return new Set(names as NotificationRule[]);
}

function parseMinutes(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_UNREACHABLE_MINUTES;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1 || value > 1440) throw new ConfigError(`NOTIFY_UNREACHABLE_MINUTES must be a whole number from 1 to 1440, not "${text}"`);
  return value;
}

function parseSwitch(text: string | undefined, name: string, fallback: boolean): boolean {
  const value = text?.trim().toLowerCase();
  if (!value) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be on or off, not "${text}"`);
}
