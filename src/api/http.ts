/**
 * The only place the browser calls `fetch`. Turns every failure into an ApiError and every
 * answer into checked data via a Zod schema, so query functions stay one line.
 */
import type * as z from 'zod/mini';
import { ApiError } from './api-error.ts';
import { errorBodySchema } from './server-schemas.ts';
import { describeIssue } from '../../contract/describe-issue.ts';
import { isKioskPage } from '../shared/url/kiosk-mode.ts';

/** Longer than the server's own upstream timeout (5 s), so the server's 504 arrives first. */
const REQUEST_TIMEOUT_MS = 15_000;

export async function fetchJson(path: string, signal?: AbortSignal): Promise<unknown> {
  return request(path, { headers: { accept: 'application/json' }, cache: 'no-store' }, signal);
}

/**
 * The dashboard's one write (the household's settings): a JSON body, same origin. The answer's
 * JSON is returned as it came; errors become ApiErrors as for reads (a 403 `forbidden` when the
 * admin PIN is missing or wrong, `local_only` when only the server machine may write). A page
 * opened as a kiosk display (`?kiosk=…`) sends nothing: the server cannot see the page's address,
 * so the page itself refuses (docs/decisions.md says how far that goes).
 */
export async function sendJson(path: string, method: 'PUT' | 'POST', body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<unknown> {
  if (isKioskPage()) throw new ApiError('refused', 'kiosk', 'A kiosk display does not change settings');
  return request(path, { method, headers: { accept: 'application/json', 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), cache: 'no-store' }, signal);
}

/** A write without a body (the notifications' test message): same origin, errors as for reads. */
export async function postEmpty(path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<unknown> {
  return request(path, { method: 'POST', headers: { accept: 'application/json', ...headers }, cache: 'no-store' }, signal);
}

async function request(path: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
  // Combined by hand: AbortSignal.any is missing on the older WebViews of cheap tablets.
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal: controller.signal });
  } catch (error) {
    if (signal?.aborted) throw error; // cancelled by TanStack Query, not a failure
    if (timedOut) throw timeoutError(path);
    throw new ApiError('network', 'network', 'The dashboard server cannot be reached');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  let json: unknown;
  try {
    json = response.status === 204 ? null : await response.json();
  } catch {
    throw new ApiError(
      response.ok ? 'parse' : 'network',
      response.ok ? 'parse' : 'network',
      response.ok ? 'The server sent an answer that is not JSON' : `The dashboard server answered HTTP ${response.status}`,
      response.status,
    );
  }
  if (!response.ok) {
    const body = errorBodySchema.safeParse(json);
    if (body.success) {
      const { code, message, chargerId } = body.data.error;
      throw new ApiError('server', code, message, response.status, chargerId);
    }
    throw new ApiError('network', 'network', `The dashboard server answered HTTP ${response.status}`, response.status);
  }
  return json;
}

/**
 * Our own timer ran out. An unreachable server fails fast (connection refused) and a charger that
 * fails is answered by the server within its shorter upstream timeout, so an answer this late
 * means the charger request waited at the server (behind other history queries, say): the charger
 * is the party that did not answer in time, not our server.
 */
function timeoutError(path: string): ApiError {
  const charger = /^\/api\/chargers\/([^/?]+)\/[^/?]+/.exec(path);
  if (charger) {
    const chargerId = decodeURIComponent(charger[1]!);
    return new ApiError('server', 'charger_timeout', 'The charger did not answer in time', undefined, chargerId);
  }
  return new ApiError('network', 'server_timeout', `The dashboard server did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
}

export async function fetchParsed<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  return parseOrThrow(schema, await fetchJson(path, signal));
}

export function parseOrThrow<S extends z.ZodMiniType>(schema: S, json: unknown): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) throw new ApiError('parse', 'parse', describeIssue(result.error));
  return result.data;
}
