/**
 * Where notifications go: MQTT events (for Home Assistant automations), an ntfy server, a webhook
 * (JSON POST). Each target says where it delivers without its secrets (`address`: the scheme, host
 * and port only; an ntfy topic or a webhook's path can be as secret as a password) and fails with
 * a message that names no secret either.
 */
import { request } from 'undici';
import type { NotificationConfig, MessageLanguage } from './home-config.ts';
import type { NotificationEvent } from './notification-events.ts';
import { notificationPayload, renderNotification } from './notification-text.ts';
import type { PublishOptions } from './mqtt-connection.ts';
import { chargerEventTopic, testEventTopic } from './topics.ts';

export type TargetKind = 'mqtt' | 'ntfy' | 'webhook';

export interface DeliveryTarget {
  readonly kind: TargetKind;
  /** Where, for people and logs: never a credential, topic or path. */
  readonly address: string;
  deliver(event: NotificationEvent, language: MessageLanguage): Promise<void>;
}

const HTTP_TIMEOUT_MS = 10_000;

export interface MqttEventLink {
  publish(topic: string, payload: string, options: PublishOptions): Promise<void>;
}

export function deliveryTargets(config: NotificationConfig, mqtt: { link: MqttEventLink; topicPrefix: string; address: string } | null): DeliveryTarget[] {
  const targets: DeliveryTarget[] = [];
  if (config.mqttEvents && mqtt) targets.push(mqttTarget(mqtt.link, mqtt.topicPrefix, mqtt.address));
  if (config.ntfy) targets.push(ntfyTarget(config.ntfy));
  if (config.webhook) targets.push(webhookTarget(config.webhook));
  return targets;
}

function mqttTarget(link: MqttEventLink, prefix: string, address: string): DeliveryTarget {
  return {
    kind: 'mqtt',
    address,
    async deliver(event, language) {
      const topic = event.kind === 'test' ? testEventTopic(prefix) : chargerEventTopic(prefix, event.chargerId);
      // QoS 1: delivered once the broker has it.
      await link.publish(topic, JSON.stringify(notificationPayload(event, renderNotification(event, language), language)), { retain: false, qos: 1 });
    },
  };
}

function ntfyTarget(ntfy: NonNullable<NotificationConfig['ntfy']>): DeliveryTarget {
  return {
    kind: 'ntfy',
    address: new URL(ntfy.url).origin,
    async deliver(event, language) {
      const rendered = renderNotification(event, language);
      // ntfy's JSON publishing (POST to the server's root) carries any text, umlauts included.
      const body = { topic: ntfy.topic, title: rendered.title, message: rendered.message, tags: rendered.tags, priority: rendered.priority };
      await postJson(`${ntfy.url}/`, body, ntfy.token);
    },
  };
}

function webhookTarget(webhook: NonNullable<NotificationConfig['webhook']>): DeliveryTarget {
  return {
    kind: 'webhook',
    address: new URL(webhook.url).origin,
    async deliver(event, language) {
      await postJson(webhook.url, notificationPayload(event, renderNotification(event, language), language), webhook.token);
    },
  };
}

async function postJson(url: string, body: unknown, token: string | null): Promise<void> {
  let answer;
  try {
    answer = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      headersTimeout: HTTP_TIMEOUT_MS,
      bodyTimeout: HTTP_TIMEOUT_MS,
    });
  } catch (error) {
    // undici's messages name the address (`connect ECONNREFUSED 127.0.0.1:8080`), never the path.
    const code = (error as { code?: string }).code;
    throw new Error(code ? `${code}` : 'no answer', { cause: error });
  }
  await answer.body.dump();
  if (answer.statusCode < 200 || answer.statusCode > 299) throw new Error(`answered HTTP ${answer.statusCode}`);
}
