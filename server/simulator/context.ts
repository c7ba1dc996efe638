/**
 * What the simulator's routes share: the model, the clock, the tokens, the forced connector
 * states, the faults and the counters. `startSimulator` builds one and hands it to the routes.
 */
import type { ChargerSpec } from './chargers-and-households.ts';
import type { ChargerStyles } from './charger-styles.ts';
import type { ConnectorOverrides } from './connector-overrides.ts';
import type { FaultController } from './faults.ts';
import type { GarageModel, ProfileToTime } from './garage.ts';
import type { ResolvedOptions } from './options.ts';
import type { StatsRecorder } from './stats.ts';
import type { TokenStore } from './tokens.ts';

export interface SimulatorContext {
  options: ResolvedOptions;
  model: GarageModel;
  /** The chargers in garage order; the first also answers at /api/…. */
  specs: readonly ChargerSpec[];
  byId: ReadonlyMap<string, ChargerSpec>;
  /** Sim time, epoch ms. */
  now(): number;
  profileToTimeOf(chargerId: string): ProfileToTime;
  /** Each charger's connector numbering and status names. */
  styles: ChargerStyles;
  tokens: TokenStore;
  overrides: ConnectorOverrides;
  faults: FaultController;
  stats: StatsRecorder;
  /** Aborted when the simulator closes: requests waiting out a latency fault give up. */
  closing: AbortSignal;
  /** http://127.0.0.1:PORT, known once the server listens (before any request arrives). */
  url: string;
  log(line: string): void;
}
