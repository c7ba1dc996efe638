/**
 * Our one connection to the MQTT broker (MQTT.js). It never holds anything up: connecting happens
 * in the background, a broker that is down is asked again after a pause that doubles from 1 s to a
 * minute, and a publish while disconnected fails at once instead of queueing (whoever publishes
 * keeps what the broker must hold and sends it again on `onConnect`). The broker learns our
 * availability from the last will: `offline` when this process dies without saying goodbye.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { MqttConfig } from './home-config.ts';

export interface MqttConnectionOptions {
  config: MqttConfig;
  /** Where `online`/`offline` is kept (retained). */
  availabilityTopic: string;
  log: (line: string) => void;
  /** First and longest pause before asking a broker that is down again. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Identifies us at the broker; a random one by default. */
  clientId?: string;
}

export interface PublishOptions {
  retain: boolean;
  /** 1: the broker confirms (the promise waits for it). */
  qos: 0 | 1;
}

export class MqttConnection {
  private readonly client: MqttClient;
  private readonly listeners = new Set<() => void>();
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private lastLogged: string | null = null;
  private lastErrorText: string | null = null;

  constructor(private readonly options: MqttConnectionOptions) {
    const { config } = options;
    this.backoffMs = options.minBackoffMs ?? 1_000;
    this.client = mqtt.connect(config.url, {
      clientId: options.clientId ?? `inch-dashboard-${Math.random().toString(16).slice(2, 10)}`,
      ...(config.username ? { username: config.username } : {}),
      ...(config.password ? { password: config.password } : {}),
      clean: true,
      keepalive: 30,
      connectTimeout: 10_000,
      // Reconnecting is ours (`scheduleReconnect`): MQTT.js retries at a fixed pace.
      reconnectPeriod: 0,
      // Nothing waits in memory for a broker that may be down for days.
      queueQoSZero: false,
      will: { topic: options.availabilityTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client.on('connect', () => {
      this.backoffMs = this.options.minBackoffMs ?? 1_000;
      this.lastErrorText = null;
      this.logOnce(`mqtt: connected to ${config.url}`);
      void this.publish(this.options.availabilityTopic, 'online', { retain: true, qos: 1 }).catch(() => {});
      for (const listener of [...this.listeners]) listener();
    });
    this.client.on('error', (error) => {
      // Node's messages name the address and the reason, never the credentials.
      this.lastErrorText = error.message;
    });
    this.client.on('close', () => {
      if (this.closing) return;
      this.logOnce(`mqtt: not connected to ${config.url}${this.lastErrorText ? ` (${this.lastErrorText})` : ''}; trying again, the dashboard goes on`);
      this.scheduleReconnect();
    });
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Called on every (re)connection: the broker may have lost what it held. */
  onConnect(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the broker has it (QoS 1) or it was written (QoS 0); rejects when not connected. */
  publish(topic: string, payload: string, options: PublishOptions): Promise<void> {
    if (!this.client.connected) return Promise.reject(new Error('not connected to the MQTT broker'));
    return new Promise((resolve, reject) => {
      this.client.publish(topic, payload, { qos: options.qos, retain: options.retain }, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Says `offline` and leaves; a broker that does not answer is not waited for long. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.client.connected) {
      await Promise.race([this.publish(this.options.availabilityTopic, 'offline', { retain: true, qos: 1 }).catch(() => {}), delay(2_000)]);
    }
    await Promise.race([this.client.endAsync(), delay(2_000).then(() => this.client.endAsync(true))]).catch(() => {});
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closing) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 60_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closing && !this.client.connected) this.client.reconnect();
    }, wait);
    this.reconnectTimer.unref();
  }

  /** Only changes are logged: a broker down for a week is one line, not one per attempt. */
  private logOnce(line: string): void {
    if (line === this.lastLogged) return;
    this.lastLogged = line;
    this.options.log(line);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
