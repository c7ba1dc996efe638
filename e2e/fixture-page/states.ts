/**
 * The display's states as snapshots, for the layout tests: the named ones the wall display must
 * handle, and a seeded generator of random ones (names up to 60 characters, numbers up to the
 * limits the card promises to fit, every state kind and combination).
 */
import type { ChargerSnapshot, ConnectorSnapshot } from '../../contract/snapshot.ts';
import { STATE_KINDS, type StateKind } from '../../contract/state-vocabulary.ts';
import { connectorFixture, snapshotFixture, FIXTURE_READ_AT } from '../../test-support/snapshot-fixtures.ts';
import { mulberry32 } from '../../server/simulator/random.ts';

const UNREACHABLE = { code: 'charger_unreachable', message: 'the charger refused the connection', since: FIXTURE_READ_AT };
const LONG_NAME = 'WaitingForTheGridOperatorsPermissionToResumeChargingNow';
const DAY_MS = 86_400_000;

/** Each state the display must show well, at every size, in both languages and themes. */
export const NAMED_STATES: Record<string, () => ChargerSnapshot> = {
  idle: () => snapshotFixture({ connectors: [connectorFixture({ kind: 'available' })] }),
  charging: () => snapshotFixture({ connectors: [connectorFixture({ kind: 'charging', powerKw: 11, energyKwh: 23.4 })] }),
  fault: () => snapshotFixture({ connectors: [connectorFixture({ kind: 'fault', fault: { severity: 'fault', type: 'GroundFailure', text: 'Residual current detected (RCD), the contactor opened and the session was interrupted' } })] }),
  warning: () => snapshotFixture({ connectors: [connectorFixture({ kind: 'charging', fault: { severity: 'warning', type: 'HighTemperature', text: 'Connector temperature above 70 °C, power reduced' } })] }),
  stale: () => snapshotFixture({ connectors: [connectorFixture({ kind: 'charging' })], problem: UNREACHABLE, ageMs: 65_000 }),
  'fault then stale': () =>
    snapshotFixture({
      connectors: [connectorFixture({ kind: 'fault', fault: { severity: 'fault', type: 'GroundFailure', text: 'Residual current detected (RCD)' } })],
      problem: UNREACHABLE,
      ageMs: 90_000,
    }),
  'two connectors': () =>
    snapshotFixture({
      connectors: [connectorFixture({ kind: 'charging', connectorId: 1, powerKw: 7.4, energyKwh: 185.9 }), connectorFixture({ kind: 'paused_by_charger', connectorId: 2, powerKw: 0, energyKwh: 494.2 })],
    }),
  'two EVSEs': () =>
    snapshotFixture({
      connectors: [
        connectorFixture({ kind: 'charging', evseId: 1, connectorId: 1, number: 1, label: '1' }),
        connectorFixture({ kind: 'unknown', raw: LONG_NAME, evseId: 2, connectorId: 1, number: 2, label: '2', fault: { severity: 'warning', type: 'OverCurrentFailure', text: 'Vehicle drew more than its allowed current on L2' } }),
      ],
    }),
  'long unknown state': () => snapshotFixture({ connectors: [connectorFixture({ kind: 'unknown', raw: LONG_NAME, powerKw: 3.2 })] }),
  'four-digit numbers': () =>
    snapshotFixture({
      connectors: [connectorFixture({ kind: 'charging', powerKw: 350, energyKwh: 99_999.9, costSoFar: 9_999.99 })],
      energy: { today: { kwh: 1_234.5, cost: 395.04 }, month: { kwh: 99_999.9, cost: 9_999.99 } },
    }),
  'day-old stale': () => snapshotFixture({ connectors: [connectorFixture({ kind: 'paused_by_car' })], problem: UNREACHABLE, ageMs: 26 * 3_600_000 }),
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function randomSnapshots(count: number, seed = 20_261_207): ChargerSnapshot[] {
  const next = mulberry32(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const amount = (max: number, decimals: number) => {
    // Spread over the orders of magnitude: 0.x, x, xx, … up to max.
    const value = Math.min(max, 10 ** (next() * Math.log10(max)) * next() * 1.2);
    return Math.round(value * 10 ** decimals) / 10 ** decimals;
  };
  const name = () => {
    const length = 1 + Math.floor(next() * 60);
    let word = 'X';
    while (word.length < length) word += next() < 0.15 ? pick([...LETTERS]).toUpperCase() : pick([...LETTERS]);
    return word;
  };
  const snapshots: ChargerSnapshot[] = [];
  for (let i = 0; i < count; i++) {
    const connectors: ConnectorSnapshot[] = [];
    const n = next() < 0.7 ? 1 : 2;
    for (let c = 1; c <= n; c++) {
      const kind: StateKind = pick(STATE_KINDS);
      const withFault = next() < 0.25;
      connectors.push(
        connectorFixture({
          kind,
          ...(kind === 'unknown' ? { raw: name() } : {}),
          connectorId: c,
          powerKw: next() < 0.1 ? null : amount(350, 2),
          energyKwh: next() < 0.1 ? null : amount(99_999.9, 1),
          costSoFar: next() < 0.1 ? null : amount(9_999.99, 2),
          ...(withFault || kind === 'fault' ? { fault: { severity: kind === 'fault' ? 'fault' : 'warning', type: next() < 0.8 ? name() : null, text: next() < 0.8 ? `${name()} ${name()} ${name()}` : null } } : {}),
        }),
      );
    }
    const stale = next() < 0.3;
    snapshots.push(
      snapshotFixture({
        connectors,
        ...(stale ? { problem: UNREACHABLE, ageMs: Math.floor(next() * 3 * DAY_MS) } : {}),
        energy: { today: { kwh: amount(9_999.9, 1), cost: amount(9_999.99, 2) }, month: { kwh: amount(99_999.9, 1), cost: amount(9_999.99, 2) } },
      }),
    );
  }
  return snapshots;
}
