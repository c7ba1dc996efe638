/**
 * The control routes under `/_sim/` (same port, never part of the charger API): the state of the
 * simulated garage, the request counters, fault injection and forced connector states, for tests
 * and demos that drive the simulator over HTTP. The same operations exist in-process on
 * `RunningSimulator`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { isObject } from './charger-routes.ts';
import type { SimulatorContext } from './context.ts';
import { STATUS_NAME_SETS } from './charger-styles.ts';
import type { ConnectorAddress } from './connector-overrides.ts';
import { CHARGER_ENDPOINTS, MALFORMED_SECTIONS } from './faults.ts';
import { generalStatusJson } from './status-json.ts';
import { MAX_STATUS_LENGTH } from './unknown-status.ts';

const booleanPatch = z.optional(z.nullable(z.boolean()));
const faultBodySchema = z.strictObject({
  charger: z.optional(z.string()),
  endpoint: z.optional(z.enum(CHARGER_ENDPOINTS)),
  down: booleanPatch,
  latencyMs: z.optional(z.nullable(z.int().check(z.minimum(0), z.maximum(600_000)))),
  http500: booleanPatch,
  malformedJson: booleanPatch,
  malformedSection: z.optional(z.union([z.enum(MALFORMED_SECTIONS), z.literal(false), z.null()])),
  unknownEnums: booleanPatch,
  errorCode: z.optional(z.nullable(z.int())),
  errorMessage: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
  expireTokens: z.optional(z.boolean()),
});
const clearFaultsSchema = z.object({ charger: z.optional(z.string()), endpoint: z.optional(z.enum(CHARGER_ENDPOINTS)) });
const connectorBodySchema = z.strictObject({
  charger: z.optional(z.string()),
  /** Without evseId: the connector's ordinal on the charger (default 1); with it: that EVSE's connector. */
  connectorId: z.optional(z.int().check(z.minimum(1))),
  evseId: z.optional(z.int().check(z.minimum(1))),
  // Long enough for the long unknown names a layout must survive.
  status: z.string().check(z.minLength(1), z.maxLength(MAX_STATUS_LENGTH)),
  power: z.optional(z.number().check(z.minimum(0), z.maximum(400))),
  faultEventType: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  faultEventDescription: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
  statusOnly: z.optional(z.boolean()),
});
const clearConnectorsSchema = z.object({
  charger: z.optional(z.string()),
  // From the query string too, where it is text.
  connectorId: z.optional(z.pipe(z.coerce.number(), z.int().check(z.minimum(1)))),
  evseId: z.optional(z.pipe(z.coerce.number(), z.int().check(z.minimum(1)))),
});
const optionsBodySchema = z.strictObject({
  statusNames: z.union([z.enum(STATUS_NAME_SETS), z.record(z.string(), z.enum(STATUS_NAME_SETS))]),
});

/** `connectorId` alone is the ordinal on the charger; with `evseId` it is that EVSE's connector. */
function addressOf(body: { connectorId?: number | undefined; evseId?: number | undefined }): ConnectorAddress | undefined {
  if (body.evseId !== undefined) return body.connectorId === undefined ? { evseId: body.evseId } : { evseId: body.evseId, connectorId: body.connectorId };
  return body.connectorId;
}

export function registerControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { faults } = ctx;
  /** DELETE takes its criteria from the query string or a JSON body. */
  const criteria = (query: unknown, body: unknown) => ({ ...(query as object), ...(isObject(body) ? body : {}) });

  app.get('/_sim/state', async () => stateJson(ctx));
  app.get('/_sim/stats', async () => ctx.stats.snapshot());
  app.post('/_sim/stats/reset', async () => ctx.stats.reset());

  app.get('/_sim/faults', async () => ({ faults: faults.rules() }));
  app.post('/_sim/faults', async (req, reply) => {
    const parsed = faultBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const { expireTokens, ...patch } = parsed.data;
    try {
      const changes = Object.keys(patch).filter((key) => key !== 'charger' && key !== 'endpoint');
      if (changes.length > 0) faults.set(patch);
      if (expireTokens) faults.expireTokens(patch.charger);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    ctx.log(`faults: ${JSON.stringify(faults.rules())}`);
    return { faults: faults.rules() };
  });
  app.delete('/_sim/faults', async (req, reply) => {
    const parsed = clearFaultsSchema.safeParse(criteria(req.query, req.body));
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    return { faults: faults.clear(parsed.data.charger, parsed.data.endpoint) };
  });

  app.post('/_sim/connectors', async (req, reply) => {
    const parsed = connectorBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const { charger, connectorId, evseId, ...state } = parsed.data;
    try {
      ctx.overrides.set(charger ?? ctx.specs[0]!.id, addressOf({ connectorId, evseId }) ?? 1, state);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    return stateJson(ctx);
  });
  app.delete('/_sim/connectors', async (req, reply) => {
    const parsed = clearConnectorsSchema.safeParse(criteria(req.query, req.body));
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    try {
      ctx.overrides.clear(parsed.data.charger, addressOf(parsed.data));
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    return stateJson(ctx);
  });

  // The options a test may change while a page is open: so far, the status names.
  app.post('/_sim/options', async (req, reply) => {
    const parsed = optionsBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    try {
      ctx.styles.setStatusNames(parsed.data.statusNames);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    return stateJson(ctx);
  });
}

/** `GET /_sim/state`: sim time, seed, clock, cluster limits, each connector's state, fault rules. */
function stateJson(ctx: SimulatorContext) {
  const { model, options } = ctx;
  const at = ctx.now();
  return {
    now: at,
    nowIso: new Date(at).toISOString(),
    clockRate: options.clockRate,
    seed: options.seed,
    timeZone: options.timeZone,
    historyStart: new Date(model.historyStartMs).toISOString(),
    ...model.variety.describe(),
    cluster: { maxCurrentA: model.clusterMaxA, loadGuardMaxA: model.loadGuardMaxA },
    chargers: ctx.specs.map((spec) => {
      const numbering = ctx.styles.numberingOf(spec.id);
      const statusNames = ctx.styles.statusNamesOf(spec.id);
      const status = generalStatusJson({ model, charger: spec, now: at, overrides: ctx.overrides.current, allChargersConnected: true, numbering, statusNames });
      return {
        id: spec.id,
        name: spec.name,
        baseUrl: `${ctx.url}/c/${spec.id}`,
        profileToTime: ctx.profileToTimeOf(spec.id),
        connectorNumbering: numbering,
        statusNames,
        connectors: status.evses
          .flatMap((evse) => evse.connectors.map((connector) => ({ evse, connector })))
          .map(({ evse, connector }, index) => ({
            evseId: evse.evseId,
            connectorId: connector.connectorId,
            // The power profile's measure: connectors counted across the EVSEs, in order.
            series: `connector${index + 1}`,
            status: connector.onlineData?.status ?? null,
            powerKW: connector.onlineData?.power ?? null,
            override: ctx.overrides.get(spec.id, index + 1),
          })),
      };
    }),
    faults: ctx.faults.rules(),
  };
}
