/**
 * A fake charger that answers with recorded responses (contract/fixtures) and records every
 * request it receives, for tests that must see exactly what reaches the charger.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import generalStatus from '../../contract/fixtures/general-status.json' with { type: 'json' };
import chargingSession from '../../contract/fixtures/charging-session.json' with { type: 'json' };
import powerProfile from '../../contract/fixtures/power-profile.json' with { type: 'json' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface RecordingCharger {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the answer for a path (`/api/generalStatus/`), or restores the recording with null. */
  override(path: string, handler: Handler | null): void;
  close(): Promise<void>;
}

export const RECORDED_TOKEN = 'recorded-token-0123456789';

/** `tls`: answer over HTTPS with this (self-signed) key and certificate, like some chargers do. */
export async function startRecordingCharger(tls?: { key: string; cert: string }): Promise<RecordingCharger> {
  const requests: RecordedRequest[] = [];
  const overrides = new Map<string, Handler>();
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const listener: RequestListener = async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(recorded);
    const path = (req.url ?? '').split('?')[0]!;
    const override = overrides.get(path);
    if (override) return override(recorded, res);
    if (path === '/api/webOperatorLogin/') return json(res, 200, { errorCode: 0, errorMessage: '', webOperator: {}, token: RECORDED_TOKEN });
    if (req.headers.authorization !== `Bearer ${RECORDED_TOKEN}`) return json(res, 401, { message: 'Unauthorized' });
    if (path === '/api/generalStatus/') return json(res, 200, generalStatus);
    if (path === '/api/chargingSession/') return json(res, 200, chargingSession);
    if (path === '/api/powerProfile/') return json(res, 200, powerProfile);
    return json(res, 404, { message: 'Not found' });
  };
  const server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    override(path, handler) {
      if (handler) overrides.set(path, handler);
      else overrides.delete(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
