/**
 * A real MQTT broker for the tests: Debian's mosquitto on a free loopback port with a generated
 * configuration (CI installs it). `restart()` stops it and starts it again on the same port, with
 * nothing kept (no persistence): what a broker restart loses, the publisher must send again.
 * `subscriber()` is a plain MQTT.js client that records what arrives.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';

/** Why the broker tests cannot run here, or null. */
export function mosquittoMissing(): string | null {
  return existsSync(MOSQUITTO) ? null : `${MOSQUITTO} is not installed (apt-get install mosquitto); the MQTT tests need a real broker`;
}

export interface Broker {
  port: number;
  url: string;
  /** Stops the broker; `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startBroker(options: { username?: string; password?: string; port?: number } = {}): Promise<Broker> {
  const dir = mkdtempSync(join(tmpdir(), 'inch-mosquitto-'));
  const port = options.port ?? (await freePort());
  // Run as root (CI), mosquitto would switch to its own user, who cannot read our temporary files.
  const lines = [`listener ${port} 127.0.0.1`, 'persistence false', 'log_dest none', `user ${userInfo().username}`];
  if (options.username && options.password) {
    const passwords = join(dir, 'passwords');
    writeFileSync(passwords, '');
    const made = spawnSync(MOSQUITTO_PASSWD, ['-b', passwords, options.username, options.password]);
    if (made.status !== 0) throw new Error(`mosquitto_passwd failed: ${made.stderr.toString()}`);
    lines.push('allow_anonymous false', `password_file ${passwords}`);
  } else {
    lines.push('allow_anonymous true');
  }
  const configPath = join(dir, 'mosquitto.conf');
  writeFileSync(configPath, `${lines.join('\n')}\n`);

  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn(MOSQUITTO, ['-c', configPath], { stdio: 'ignore' });
    child = proc;
    await waitFor(() => accepts(port), `mosquitto to listen on ${port}`);
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Received {
  topic: string;
  payload: string;
  retain: boolean;
}

/** A client that records every message on `topics` (retained ones first, as the broker sends them). */
export async function subscriber(url: string, topics: string[], auth: { username?: string; password?: string } = {}): Promise<{ client: MqttClient; messages: Received[]; latest(topic: string): Received | undefined; close(): Promise<void> }> {
  // MQTT 5, so a subscription may ask for each message's retain flag as published: otherwise a
  // retained message published after the subscription arrives without the flag, and whether a test
  // sees it set would depend on which came first on a busy machine.
  const client = mqtt.connect(url, { reconnectPeriod: 200, protocolVersion: 5, ...auth });
  const messages: Received[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload: payload.toString(), retain: packet.retain }));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(topics, { qos: 1, rap: true });
  return {
    client,
    messages,
    latest: (topic) => messages.findLast((m) => m.topic === topic),
    close: () => client.endAsync(true),
  };
}

/** Waits for a condition, asking every 20 ms; fails after `timeoutMs` (a ceiling, not a pace). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
