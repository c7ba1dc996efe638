/**
 * One HTTP exchange with the charger: headers, timeout, a bounded body, and the HTTP status
 * turned into a failure. A 401 is returned, not thrown: the authenticator decides what it means.
 */
import { request, type Dispatcher } from 'undici';
import { loadTolerantTimeout } from './load-tolerant-timeout.ts';
import { redirectMessage, upstreamFailure } from './transport-errors.ts';
import { UpstreamError, type FailureScope } from './upstream-error.ts';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface ExchangeRequest {
  chargerId: string;
  baseUrl: string;
  dispatcher: Dispatcher;
  method: 'GET' | 'POST';
  path: string;
  form: string | null;
  token: string | null;
  timeoutMs: number;
  /** Scope of a bad answer (an unexpected HTTP status, an oversized body). */
  answerScope: FailureScope;
  /** Scope of a timeout or of a connection closed under this request. */
  ownScope: FailureScope;
  /** Scope of an HTTP 403: our credentials, unless the request's own content may have caused it. */
  forbiddenScope: FailureScope;
}

export async function exchange(req: ExchangeRequest): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.form !== null) headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
  let status: number;
  let location: string | undefined;
  let text: string;
  // Counted in time our event loop was free: our own load is never the charger's timeout.
  const timeout = loadTolerantTimeout(req.timeoutMs);
  try {
    const response = await request(`${req.baseUrl}${req.path}`, { method: req.method, headers, body: req.form ?? undefined, dispatcher: req.dispatcher, signal: timeout.signal });
    status = response.statusCode;
    location = [response.headers.location].flat()[0];
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      response.body.destroy();
      throw new UpstreamError('charger_bad_response', 'the charger sent an oversized answer', req.chargerId, req.answerScope);
    }
    text = await readLimited(response.body, req.chargerId, req.answerScope);
  } catch (error) {
    throw upstreamFailure(error, req.chargerId, { ownScope: req.ownScope, timeoutMs: req.timeoutMs });
  } finally {
    timeout.clear();
  }
  if (status === 401) return { status, text };
  if (status === 403) {
    throw new UpstreamError('charger_auth_failed', 'the charger refused access (HTTP 403)', req.chargerId, req.forbiddenScope);
  }
  if (status >= 300 && status < 400) {
    throw new UpstreamError('charger_bad_response', redirectMessage(status, location, req.baseUrl), req.chargerId, req.answerScope);
  }
  if (status < 200 || status >= 300) {
    throw new UpstreamError('charger_bad_response', `the charger answered HTTP ${status}`, req.chargerId, req.answerScope);
  }
  return { status, text };
}

async function readLimited(body: Dispatcher.ResponseData['body'], chargerId: string, scope: FailureScope): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new UpstreamError('charger_bad_response', 'the charger sent an oversized answer', chargerId, scope);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type JsonKind = 'object' | 'array' | 'errorCodeObject';

/**
 * Checks that the answer is JSON of the expected kind and returns it parsed. Calls forward the
 * original text, so the browser gets the charger's answer verbatim (and we skip a
 * re-serialisation); the section-level schema check happens where the answer is used.
 */
export function checkJson(text: string, expect: JsonKind, chargerId: string, scope: FailureScope): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError('charger_bad_response', 'the charger sent malformed JSON', chargerId, scope);
  }
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  if (expect === 'array' && !Array.isArray(json)) {
    throw new UpstreamError('charger_bad_response', 'the charger sent an unexpected answer (expected a list)', chargerId, scope);
  }
  if (expect !== 'array' && !isObject) {
    throw new UpstreamError('charger_bad_response', 'the charger sent an unexpected answer (expected an object)', chargerId, scope);
  }
  if (expect === 'errorCodeObject') {
    const { errorCode, errorMessage } = json as { errorCode?: unknown; errorMessage?: unknown };
    if (typeof errorCode === 'number' && errorCode !== 0) {
      const reason = typeof errorMessage === 'string' && errorMessage ? `: ${errorMessage}` : '';
      throw new UpstreamError('charger_bad_response', `the charger reported error ${errorCode}${reason}`, chargerId, scope);
    }
  }
  return json;
}
