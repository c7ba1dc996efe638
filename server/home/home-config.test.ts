import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('the home connections’ settings', () => {
  it('are all off by default', () => {
    expect(loadConfig({}).home).toMatchObject({ mqtt: null, metrics: false, notifications: { language: 'en', unreachableMinutes: 10, mqttEvents: false, ntfy: null, webhook: null } });
    expect([...loadConfig({}).home.notifications.rules]).toEqual(['session_finished', 'fault', 'unreachable']);
  });

  it('read MQTT, discovery, ntfy, the webhook and the metrics', () => {
    const { home } = loadConfig({
      MQTT_URL: 'mqtts://broker.local:8883/',
      MQTT_USERNAME: 'dash',
      MQTT_PASSWORD: 'pw',
      MQTT_TOPIC_PREFIX: 'garage/chargers',
      MQTT_DISCOVERY_PREFIX: 'off',
      NOTIFY_ON: 'fault, unreachable',
      NOTIFY_UNREACHABLE_MINUTES: '30',
      NOTIFY_LANGUAGE: 'DE',
      NTFY_URL: 'https://ntfy.example.com/',
      NTFY_TOPIC: 'garage-42',
      NTFY_TOKEN: 'tk_1',
      WEBHOOK_URL: 'http://ha.local:8123/api/webhook/abc',
      METRICS: 'on',
    });
    expect(home.mqtt).toEqual({ url: 'mqtts://broker.local:8883', username: 'dash', password: 'pw', topicPrefix: 'garage/chargers', discoveryPrefix: null });
    expect(home.notifications).toMatchObject({ language: 'de', unreachableMinutes: 30, mqttEvents: true, ntfy: { url: 'https://ntfy.example.com', topic: 'garage-42', token: 'tk_1' }, webhook: { url: 'http://ha.local:8123/api/webhook/abc', token: null } });
    expect([...home.notifications.rules]).toEqual(['fault', 'unreachable']);
    expect(home.metrics).toBe(true);
    expect(loadConfig({ MQTT_URL: 'mqtt://b.local' }).home.mqtt).toMatchObject({ topicPrefix: 'inch-dashboard', discoveryPrefix: 'homeassistant' });
    expect(loadConfig({ MQTT_URL: 'mqtt://b.local', NOTIFY_MQTT: 'off' }).home.notifications.mqttEvents).toBe(false);
  });

  it('stop start-up with one line for a wrong value, never repeating a secret', () => {
    expect(errorOf({ MQTT_URL: 'http://broker.local' })).toBe('MQTT_URL must start with mqtt:// or mqtts://');
    expect(errorOf({ MQTT_URL: 'mqtt://user:s3cret@broker.local' })).toBe('MQTT_URL must not contain a user or password; use MQTT_USERNAME/MQTT_PASSWORD');
    expect(errorOf({ MQTT_URL: 'not a url s3cret' })).not.toContain('s3cret');
    expect(errorOf({ MQTT_PASSWORD: 'pw' })).toMatch(/^MQTT_USERNAME or MQTT_PASSWORD is set but MQTT_URL is not/);
    expect(errorOf({ MQTT_URL: 'mqtt://b.local', MQTT_TOPIC_PREFIX: 'a/#' })).toMatch(/^MQTT_TOPIC_PREFIX must be topic levels/);
    expect(errorOf({ NTFY_URL: 'https://ntfy.example.com' })).toMatch(/^NTFY_URL is set but NTFY_TOPIC is not/);
    expect(errorOf({ NTFY_URL: 'https://ntfy.example.com', NTFY_TOPIC: 'a b' })).toMatch(/^NTFY_TOPIC must be/);
    expect(errorOf({ WEBHOOK_URL: 'ftp://x/secret-path' })).toBe('WEBHOOK_URL must start with http:// or https://');
    expect(errorOf({ NOTIFY_ON: 'sessions' })).toMatch(/^NOTIFY_ON must be a comma list of session_finished, fault, unreachable/);
    expect(errorOf({ NOTIFY_UNREACHABLE_MINUTES: '0' })).toMatch(/^NOTIFY_UNREACHABLE_MINUTES must be a whole number from 1 to 1440/);
    expect(errorOf({ NOTIFY_LANGUAGE: 'fr' })).toBe('NOTIFY_LANGUAGE must be en or de, not "fr"');
    expect(errorOf({ NOTIFY_MQTT: 'on' })).toMatch(/^NOTIFY_MQTT is on but MQTT_URL is not set/);
    expect(errorOf({ METRICS: 'yes please' })).toBe('METRICS must be on or off, not "yes please"');
  });
});
