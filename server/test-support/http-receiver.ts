/**
 * A notification receiver on a loopback port (an ntfy server or a webhook, as far as our server
 * can tell): records every request; can be stopped and started again on the same port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
}

export interface Receiver {
  port: number;
  url: string;
  requests: ReceivedRequest[];
  /** Answer with this status (500: a receiver that is up but failing). */
  status: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  let server: Server | null = null;
  const receiver: Receiver = {
    port,
    url: '',
    requests: [],
    status: 200,
    async start() {
      const next = createServer((request, response) => {
        let body = '';
        request.setEncoding('utf8');
        request.on('data', (chunk: string) => (body += chunk));
        request.on('end', () => {
          if (receiver.status >= 200 && receiver.status < 300) {
            let json: Record<string, unknown> = {};
            try {
              json = JSON.parse(body) as Record<string, unknown>;
            } catch {
              // kept as text
            }
            receiver.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, json });
          }
          response.writeHead(receiver.status, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve, reject) => {
        next.once('error', reject);
        next.listen(receiver.port, '127.0.0.1', () => resolve());
      });
      server = next;
      const address = next.address();
      receiver.port = typeof address === 'object' && address ? address.port : receiver.port;
      receiver.url = `http://127.0.0.1:${receiver.port}`;
    },
    async stop() {
      const current = server;
      server = null;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
  await receiver.start();
  return receiver;
}
