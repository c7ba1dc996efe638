/**
 * The charger simulator: one fastify server that speaks the Etrel INCH local web API for a whole
 * garage of chargers (`/c/<id>/api/...`, the first also at `/api/...`), plus `/_sim/...` control
 * routes for tests. What it models and how to drive it: README.md next to this file.
 *
 * This file is the public face (`startSimulator`, `RunningSimulator`); the parts live in
 * - `options.ts`: the options and their defaults
 * - `garage.ts` and the files it names: the model of the garage, pure and deterministic
 * - `charger-routes.ts`: the charger's API over HTTP, answered by `status-json.ts`,
 *   `session-query.ts` + `session-json.ts`, the profile in `garage.ts`, `error-answers.ts`
 * - `tokens.ts`: login tokens; `faults.ts` + `fault-renderings.ts`: fault injection;
 *   `connector-overrides.ts`: forced connector states
 * - `control-routes.ts`: `/_sim/...`; `stats.ts`: request counters
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { registerChargerRoutes } from './charger-routes.ts';
import { ChargerStyles, type StatusNames } from './charger-styles.ts';
import { ConnectorOverrides, type ConnectorAddress } from './connector-overrides.ts';
import type { SimulatorContext } from './context.ts';
import { registerControlRoutes } from './control-routes.ts';
import { createFaultController, type FaultController } from './faults.ts';
import { GarageModel } from './garage.ts';
import { connectorNumberingOf, profileToTimeOf, resolveOptions, type SimulatorOptions } from './options.ts';
import type { PerCharger } from './per-charger.ts';
import { StatsRecorder, type SimulatorStats } from './stats.ts';
import { DAY_MS } from './time-zone.ts';
import { TokenStore } from './tokens.ts';
import { resolveUnknownStatus } from './unknown-status.ts';
import type { ConnectorOverride } from './status-json.ts';

export type { ConnectorOverride } from './status-json.ts';
export type { ConnectorAddress } from './connector-overrides.ts';
export type { ConnectorNumbering, StatusNames } from './charger-styles.ts';
export { ETREL_CONNECTOR_STATES, ETREL_STATUS_NAMES } from './charger-styles.ts';
export { unknownStatusName } from './unknown-status.ts';
export type { UnknownStatusOption } from './unknown-status.ts';
export type { ChargerEndpoint, FaultController, FaultRule, FaultSettings, MalformedSection } from './faults.ts';
export type { ProfileToTime } from './garage.ts';
export type { HeavyMonthOption, OutageOption } from './history-variety.ts';
export type { SimulatorOptions } from './options.ts';
export type { ChargerStats, EndpointCounts, SimulatorStats } from './stats.ts';

export interface SimulatedCharger {
  id: string;
  name: string;
  /** Without trailing slash, e.g. http://127.0.0.1:PORT/c/platz4 */
  baseUrl: string;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT: control routes, and charger #1 at /api/... */
  url: string;
  chargers: SimulatedCharger[];
  email: string;
  password: string;
  seed: number;
  faults: FaultController;
  stats(): SimulatorStats;
  resetStats(): void;
  /**
   * Forces a connector's live state in generalStatus; null = back to the model. The connector is
   * its ordinal on the charger (1-based across EVSEs: its connectorId with the default numbering)
   * or `{ evseId, connectorId? }`.
   */
  setConnector(chargerId: string, connector: ConnectorAddress, state: ConnectorOverride | null): void;
  /** Switches the status names generalStatus uses, for every charger or per charger id. */
  setStatusNames(names: PerCharger<StatusNames>): void;
  /** Sim time, epoch ms. */
  now(): number;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const { startTime, clockRate, seed } = resolved;
  // The global performance clock (not perf_hooks' binding), so tests can move it with fake timers.
  const realStart = performance.now();
  const now = () => Math.floor(startTime + (performance.now() - realStart) * clockRate);

  const model = new GarageModel({
    seed,
    chargers: resolved.chargers,
    connectorsPerCharger: resolved.connectorsPerCharger,
    timeZone: resolved.timeZone,
    historyStartMs: startTime - resolved.historyDays * DAY_MS,
    startMs: startTime,
    variety: {
      outages: resolved.outages,
      heavyMonths: resolved.heavyMonths,
      ...(resolved.sessionsWithoutStart === undefined ? {} : { sessionsWithoutStart: resolved.sessionsWithoutStart }),
      ...(resolved.sessionsWithUnknownEnergy === undefined ? {} : { sessionsWithUnknownEnergy: resolved.sessionsWithUnknownEnergy }),
    },
  });
  // Build the session index now so the first request is as fast as the others.
  model.ensureIndexed(startTime);
  const specs = model.chargers;
  const ids = specs.map((spec) => spec.id);
  const styles = new ChargerStyles(ids, connectorNumberingOf(resolved.connectorNumbering, ids), resolved.statusNames);
  const tokens = new TokenStore(ids, resolved.email, resolved.tokenTtlMs, resolved.staticToken);
  const closing = new AbortController();
  const ctx: SimulatorContext = {
    options: resolved,
    model,
    specs,
    byId: new Map(specs.map((spec) => [spec.id, spec])),
    now,
    profileToTimeOf: profileToTimeOf(resolved.profileToTime, ids),
    styles,
    tokens,
    overrides: new ConnectorOverrides(new Set(ids), resolved.connectorsPerCharger, styles.numberingOf, now),
    faults: createFaultController(ids, (chargerId) => tokens.expire(chargerId)),
    stats: new StatsRecorder(ids),
    closing: closing.signal,
    url: '',
    log: (line) => {
      if (!resolved.quiet) console.log(`[simulator] ${line}`);
    },
  };

  if (resolved.unknownStatus !== undefined) {
    const { charger, connector, status } = resolveUnknownStatus(resolved.unknownStatus, ids[0]!);
    try {
      ctx.overrides.set(charger, connector, { status, statusOnly: true });
    } catch (error) {
      throw new RangeError(`simulator: unknownStatus: ${(error as Error).message}`, { cause: error });
    }
  }

  const app = Fastify({ logger: false, forceCloseConnections: true, exposeHeadRoutes: false, bodyLimit: 1_048_576 });
  app.addHook('onRequest', async (_req, reply) => ctx.stats.request(reply.raw));
  registerChargerRoutes(app, ctx);
  registerControlRoutes(app, ctx);

  await app.listen({ port: resolved.port, host: resolved.host });
  ctx.url = urlOf(resolved.host, app.server.address());
  const chargers: SimulatedCharger[] = specs.map((spec) => ({ id: spec.id, name: spec.name, baseUrl: `${ctx.url}/c/${spec.id}` }));
  ctx.log(`${chargers.length} charger(s) on ${ctx.url}, seed ${seed}, clock x${clockRate}`);

  return {
    url: ctx.url,
    chargers,
    email: resolved.email,
    password: resolved.password,
    seed,
    faults: ctx.faults,
    stats: () => ctx.stats.snapshot(),
    resetStats: () => void ctx.stats.reset(),
    setConnector: (chargerId, connector, state) => ctx.overrides.set(chargerId, connector, state),
    setStatusNames: (names) => styles.setStatusNames(names),
    now,
    async close() {
      closing.abort();
      await app.close();
    },
  };
}

/** The address to reach the server at: loopback for a wildcard host, brackets for IPv6. */
function urlOf(host: string, address: AddressInfo | string | null): string {
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${urlHost}:${port}`;
}
