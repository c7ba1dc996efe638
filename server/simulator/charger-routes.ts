/**
 * The charger's local web API over HTTP: `/c/<id>/api/<endpoint>` for each charger, and the first
 * charger also at `/api/<endpoint>`. Paths, methods, bearer auth, body formats, status codes and
 * headers as the real wallbox (ASP.NET behind IIS) answers them; the faults in force are applied
 * on the way.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseChargerTime } from '../../contract/charger-parse.ts';
import type { LoginResponse } from '../../contract/charger-schemas.ts';
import type { ChargerSpec } from './chargers-and-households.ts';
import type { SimulatorContext } from './context.ts';
import { CHARGER_ENDPOINTS, type ChargerEndpoint, type FaultSettings } from './faults.ts';
import { profileKw, profileTime } from './format.ts';
import { IIS_404, IIS_500, problemDetails } from './error-answers.ts';
import { truncatedJson, withMalformedSection, withUnknownEnums } from './fault-renderings.ts';
import type { ChargerStats } from './stats.ts';
import { DAY_MS } from './time-zone.ts';
import { parseSessionForm, sessionPageJson } from './session-query.ts';
import { generalStatusJson } from './status-json.ts';

const MAX_PROFILE_SPAN_MS = 400 * DAY_MS;
const ENDPOINT_METHOD: Record<ChargerEndpoint, 'GET' | 'POST'> = {
  webOperatorLogin: 'POST',
  generalStatus: 'GET',
  chargingSession: 'POST',
  powerProfile: 'GET',
};

type ChargerRequest = FastifyRequest<{ Params: { charger?: string; endpoint: string } }>;

/** An answer of the charger: a JSON body, or a validation problem (HTTP 400). */
type Answer = { body: unknown } | { problem: Record<string, string[]> };

export function registerChargerRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (req, body, done) => {
    done(null, parseMultipart(String(body), String(req.headers['content-type'] ?? '')));
  });
  // Anything else is kept as text so the charger routes can answer 415 like ASP.NET does.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));

  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).type('text/html').send(IIS_404);
  });

  // Every answer to a charger request, whatever wrote it (JSON, problem details, IIS pages, empty
  // refusals), is counted as it goes out.
  app.addHook('onSend', async (request, _reply, payload) => {
    const answering = chargerAnswers.get(request.raw);
    if (answering) ctx.stats.answered(answering.counters, answering.endpoint, payloadBytes(payload));
    return payload;
  });

  const route = (req: ChargerRequest, reply: FastifyReply) => handleCharger(ctx, req, reply);
  for (const path of ['/api/:endpoint', '/api/:endpoint/', '/c/:charger/api/:endpoint', '/c/:charger/api/:endpoint/']) {
    app.all(path, route);
  }
}

/** The charger and endpoint of each request being answered, for the byte count of its answer. */
const chargerAnswers = new WeakMap<FastifyRequest['raw'], { counters: ChargerStats; endpoint: ChargerEndpoint | null }>();

function payloadBytes(payload: unknown): number {
  if (typeof payload === 'string') return Buffer.byteLength(payload);
  if (payload instanceof Uint8Array) return payload.byteLength;
  return 0;
}

async function handleCharger(ctx: SimulatorContext, req: ChargerRequest, reply: FastifyReply): Promise<unknown> {
  const spec = req.params.charger === undefined ? ctx.specs[0] : ctx.byId.get(req.params.charger);
  if (!spec) return reply.code(404).type('text/html').send(IIS_404);
  const endpoint = CHARGER_ENDPOINTS.find((name) => name.toLowerCase() === req.params.endpoint.toLowerCase()) ?? null;
  const counters = ctx.stats.chargerRequest(spec.id, endpoint, reply.raw);
  chargerAnswers.set(req.raw, { counters, endpoint });
  void reply.header('Server', 'Microsoft-IIS/10.0').header('X-Powered-By', 'ASP.NET');

  const fault = ctx.faults.effective(spec.id, endpoint);
  let closing = false;
  if (fault.latencyMs) await sleep(fault.latencyMs, ctx.closing).catch(() => (closing = true));
  if (fault.down || closing) {
    // Unreachable (or shutting down mid-delay): no status line at all, the client sees a
    // reset connection.
    reply.hijack();
    req.raw.socket.destroy();
    return reply;
  }
  if (fault.http500) return reply.code(500).type('text/html').send(IIS_500);
  if (!endpoint) return reply.code(404).send();
  const method = ENDPOINT_METHOD[endpoint];
  if (req.method !== method) return reply.code(405).header('Allow', method).send();

  if (endpoint !== 'webOperatorLogin') {
    const denied = ctx.tokens.check(spec.id, req.headers.authorization);
    if (denied !== null) {
      counters.unauthorized++;
      return reply.code(401).header('WWW-Authenticate', denied).send();
    }
  }

  let answer: Answer;
  if (endpoint === 'webOperatorLogin' || endpoint === 'chargingSession') {
    const form = formOf(req);
    if (form === null) return reply.code(415).send();
    if (fault.errorCode) answer = { body: errorAnswer(endpoint, fault) };
    else if (endpoint === 'webOperatorLogin') answer = { body: login(ctx, spec, form, counters) };
    else answer = sessionPage(ctx, spec, form);
  } else if (endpoint === 'generalStatus') {
    answer = { body: generalStatus(ctx, spec, fault) };
  } else {
    answer = powerProfile(ctx, spec, req.query as Record<string, unknown>);
  }
  if ('problem' in answer) return sendJson(reply, problemDetails(answer.problem, ctx.stats.totalRequests), 400, fault);
  return sendJson(reply, fault.unknownEnums ? withUnknownEnums(answer.body, endpoint) : answer.body, 200, fault);
}

function sendJson(reply: FastifyReply, body: unknown, status: number, fault: FaultSettings) {
  const text = JSON.stringify(body);
  return reply
    .code(status)
    .type(status === 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8')
    .send(fault.malformedJson ? truncatedJson(text) : text);
}

function login(ctx: SimulatorContext, spec: ChargerSpec, form: Record<string, string>, counters: ChargerStats): LoginResponse {
  const { email, password } = ctx.options;
  const field = (name: string) => Object.entries(form).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
  if (field('email').trim().toLowerCase() !== email.toLowerCase() || field('password') !== password) {
    counters.failedLogins++;
    return { errorCode: 3, errorMessage: 'Invalid email or password.', webOperator: null, token: null };
  }
  ctx.stats.login(counters);
  return {
    errorCode: 0,
    errorMessage: '',
    webOperator: { webOperatorId: 1, email, firstName: 'Web', lastName: 'Operator', role: 'Administrator', blocked: false },
    token: ctx.tokens.issue(spec.id),
  };
}

function sessionPage(ctx: SimulatorContext, spec: ChargerSpec, form: Record<string, string>): Answer {
  const parsed = parseSessionForm(form, ctx.model.clock);
  if ('errors' in parsed) return { problem: parsed.errors };
  return { body: sessionPageJson(ctx.model, spec, ctx.now(), parsed.query, ctx.styles.numberingOf(spec.id)) };
}

function generalStatus(ctx: SimulatorContext, spec: ChargerSpec, fault: FaultSettings): unknown {
  const allChargersConnected = ctx.specs.every((s) => !ctx.faults.isDown(s.id));
  const body = generalStatusJson({
    model: ctx.model,
    charger: spec,
    now: ctx.now(),
    overrides: ctx.overrides.current,
    allChargersConnected,
    numbering: ctx.styles.numberingOf(spec.id),
    statusNames: ctx.styles.statusNamesOf(spec.id),
  });
  return fault.malformedSection ? withMalformedSection(body, fault.malformedSection) : body;
}

function powerProfile(ctx: SimulatorContext, spec: ChargerSpec, query: Record<string, unknown>): Answer {
  const param = (name: string) => {
    const entry = Object.entries(query).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    return String(Array.isArray(entry) ? entry[0] : (entry ?? '')).trim();
  };
  const errors: Record<string, string[]> = {};
  const time = (name: string) => {
    const text = param(name);
    if (text === '') errors[name] = [`The ${name} field is required.`];
    const ms = text === '' ? null : parseChargerTime(text);
    if (text !== '' && ms === null) errors[name] = [`The value '${text}' is not valid for ${name}.`];
    return ms ?? 0;
  };
  const from = time('fromTime');
  const to = time('toTime');
  if (to - from > MAX_PROFILE_SPAN_MS) errors.toTime = ['The requested range is too long.'];
  if (Object.keys(errors).length > 0) return { problem: errors };
  const all = [...Array.from({ length: ctx.options.connectorsPerCharger }, (_, i) => `connector${i + 1}`), 'building', 'cluster'];
  const asked = param('measure')
    .split(',')
    .map((m) => m.trim().toLowerCase())
    .filter((m) => m !== '');
  const measures = asked.length === 0 ? all : asked.filter((m) => /^(connector\d+|building|cluster)$/.test(m));
  const points = ctx.model.profile(spec.index, from, to, ctx.now(), measures, ctx.profileToTimeOf(spec.id)).map((point) => {
    const out: Record<string, string | number> = { time: profileTime(point.time) };
    for (const [name, value] of point.values) out[name] = profileKw(value);
    return out;
  });
  return { body: points };
}

function errorAnswer(endpoint: ChargerEndpoint, fault: FaultSettings) {
  const errorMessage = fault.errorMessage ?? `Simulated error ${fault.errorCode}`;
  if (endpoint === 'webOperatorLogin') return { errorCode: fault.errorCode, errorMessage, webOperator: null, token: null };
  return { errorCode: fault.errorCode, errorMessage, content: null, pagingInfo: null };
}

/** The POST body as form fields; null when it is not a form (→ 415, as [FromForm] would). */
function formOf(req: FastifyRequest): Record<string, string> | null {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const body = req.body;
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) return {};
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  if (!isObject(body)) return {};
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) form[key] = String(value);
  return form;
}

/** Minimal multipart/form-data reader for text fields (what a browser's FormData sends). */
function parseMultipart(body: string, contentType: string): Record<string, string> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const fields: Record<string, string> = {};
  if (!boundary) return fields;
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('simulator closed'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('simulator closed'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
