import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chargerSnapshotSchema } from '../../contract/snapshot.ts';
import { parseLiveStatus } from '../../contract/live-status.ts';
import { buildSnapshot, connectorNumbers, faultOf, pauseReason, type SnapshotInput } from './build-snapshot.ts';

const FIXTURE = JSON.parse(readFileSync(new URL('../../contract/fixtures/general-status.json', import.meta.url), 'utf8')) as Record<string, unknown> & {
  evses: Array<{ evseId: number; evseCode: string; connectors: Array<Record<string, unknown> & { connectorId: number; onlineData: Record<string, unknown> }> }>;
};
const READ_AT = Date.parse('2026-06-15T17:30:00Z');

function statusWith(online: Record<string, unknown>, evses?: unknown): unknown {
  const copy = structuredClone(FIXTURE);
  copy.evses[0]!.connectors[0]!.onlineData = { ...copy.evses[0]!.connectors[0]!.onlineData, ...online };
  return evses === undefined ? copy : { ...copy, evses };
}

function build(json: unknown, overrides: Partial<SnapshotInput> = {}) {
  const snapshot = buildSnapshot({
    chargerId: 'platz13',
    zone: 'Europe/Zurich',
    reading: { receivedAt: READ_AT, live: parseLiveStatus(json) },
    failure: null,
    pricing: { pricePerKwh: 0.3, currency: 'CHF' },
    energy: { todayKwh: 12.5, monthKwh: 250 },
    now: READ_AT + 1_500,
    ...overrides,
  });
  // What the server builds is what the browser accepts.
  expect(chargerSnapshotSchema.safeParse(snapshot).success).toBe(true);
  return snapshot;
}

const firstConnector = (snapshot: ReturnType<typeof build>) => {
  if (!snapshot.connectors.ok) throw new Error(snapshot.connectors.error);
  return snapshot.connectors.data[0]!;
};

describe('buildSnapshot', () => {
  it('turns a charging reading into the kind, the open session with its start, energy and cost, in the charger zone', () => {
    const snapshot = build(statusWith({ status: 'Charging', power: 10.7, consumedEnergy: 12.25, chargingDuration: '01:30:00' }));
    expect(snapshot).toMatchObject({ v: 1, chargerId: 'platz13', zone: 'Europe/Zurich', readAt: '2026-06-15T17:30:00.000Z', ageMs: 1_500, reachable: true, problem: null });
    const connector = firstConnector(snapshot);
    expect(connector).toMatchObject({ key: '1-1', label: '1', series: 'connector1', number: 1, powerKw: 10.7, phases: 'L1 L2 L3', fault: null });
    expect(connector.state).toEqual({ kind: 'charging', raw: 'Charging', reason: null, sessionOpen: true });
    expect(connector.session).toEqual({
      energyKwh: 12.25,
      activeSeconds: 5400,
      pluggedInSeconds: null,
      startedAt: '2026-06-15T16:00:00.000Z',
      departureAt: '2022-10-07T05:30:00.000Z',
      costSoFar: 3.675,
    });
    expect(snapshot.energy).toEqual({ today: { kwh: 12.5, cost: 3.75 }, month: { kwh: 250, cost: 75 } });
  });

  it('keeps an idle connector’s last numbers as the last session, never as a running one', () => {
    const connector = firstConnector(build(FIXTURE));
    expect(connector.state.kind).toBe('available');
    expect(connector.session).toBeNull();
    expect(connector.lastSession).toEqual({ energyKwh: 62.83263, durationSeconds: 47754, endedAt: '2022-10-07T09:22:18.738Z', stopReason: 'LocalStopUserDisconnectedCableFromVehicle' });
  });

  it('leaves unknown energy and its cost unknown, never 0', () => {
    const connector = firstConnector(build(statusWith({ status: 'Charging', consumedEnergy: null })));
    expect(connector.session).toMatchObject({ energyKwh: null, costSoFar: null });
    const noPrice = build(statusWith({ status: 'Charging' }), { pricing: { pricePerKwh: null, currency: 'EUR' }, energy: { todayKwh: null, monthKwh: 3 } });
    expect(firstConnector(noPrice).session?.costSoFar).toBeNull();
    expect(noPrice.energy).toEqual({ today: { kwh: null, cost: null }, month: { kwh: 3, cost: null } });
  });

  it('keeps a name the vocabulary does not know, as unknown, open while power flows', () => {
    const name = 'WaitingForGridCapacityBecauseTheNeighbourhoodTransformerIsHot';
    expect(firstConnector(build(statusWith({ status: name, power: 0 }))).state).toEqual({ kind: 'unknown', raw: name, reason: null, sessionOpen: false });
    expect(firstConnector(build(statusWith({ status: name, power: 3.1 }))).state.sessionOpen).toBe(true);
  });

  it('reads Etrel’s own names through the one vocabulary', () => {
    expect(firstConnector(build(statusWith({ status: 'ChargingPausedByEv' }))).state).toMatchObject({ kind: 'paused_by_car', raw: 'ChargingPausedByEv', sessionOpen: true });
  });

  it('tells a fault from a warning by the state it comes with', () => {
    expect(firstConnector(build(statusWith({ status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Earth leakage' }))).fault).toEqual({
      severity: 'fault',
      type: 'GroundFailure',
      text: 'Earth leakage',
    });
    expect(firstConnector(build(statusWith({ status: 'Charging', faultEventType: 'HighTemperature' }))).fault).toEqual({ severity: 'warning', type: 'HighTemperature', text: null });
    expect(faultOf('fault', null, null)).toEqual({ severity: 'fault', type: null, text: null });
    expect(faultOf('available', '', '')).toBeNull();
  });

  it('gives two EVSEs that each number their connector 1 their own key, label and series', () => {
    const connector = FIXTURE.evses[0]!.connectors[0]!;
    const evses = [
      { evseId: 1, evseCode: 'A', connectors: [{ ...connector, onlineData: { ...connector.onlineData, status: 'Charging', power: 7 } }] },
      { evseId: 2, evseCode: 'B', connectors: [{ ...connector, onlineData: { ...connector.onlineData, status: 'Faulted', faultEventType: 'GroundFailure' } }] },
    ];
    const snapshot = build(statusWith({}, evses));
    if (!snapshot.connectors.ok) throw new Error('unreadable');
    expect(snapshot.connectors.data.map((c) => [c.key, c.label, c.series, c.number, c.state.kind])).toEqual([
      ['1-1', 'A', 'connector1', 1, 'charging'],
      ['2-1', 'B', 'connector2', 2, 'fault'],
    ]);
    expect(connectorNumbers([{ evseId: 1, evseCode: null, connectors: [{ connectorId: 1 }, { connectorId: 2 }] }] as never)).toEqual([1, 2]);
  });

  it('keeps a malformed section as that section’s error, the rest readable', () => {
    const snapshot = build({ ...FIXTURE, powerManagement: 'n/a' });
    expect(snapshot.powerManagement.ok).toBe(false);
    expect(snapshot.connectors.ok).toBe(true);
    expect(snapshot.connectivity).toMatchObject({ ok: true, data: { wifi: { installed: true, up: true, quality: 81 }, centralSystem: 'Disabled', authorization: 'ChargerWhitelistOnly' } });
  });

  it('keeps the last values beside a failure, and says since when it fails', () => {
    const since = READ_AT + 60_000;
    const snapshot = build(FIXTURE, { failure: { code: 'charger_unreachable', message: 'connection refused', since }, now: since + 30_000 });
    expect(snapshot).toMatchObject({ reachable: false, problem: { code: 'charger_unreachable', message: 'connection refused', since: new Date(since).toISOString() }, ageMs: 90_000 });
    expect(firstConnector(snapshot).state.kind).toBe('available');
    const never = buildSnapshot({ ...build(FIXTURE), chargerId: 'x', zone: 'UTC', reading: null, failure: { code: 'charger_timeout', message: 'late', since }, pricing: { pricePerKwh: null, currency: 'EUR' }, energy: { todayKwh: null, monthKwh: null }, now: since });
    expect(never).toMatchObject({ readAt: null, ageMs: null, reachable: false, connectors: { ok: false } });
    expect(chargerSnapshotSchema.safeParse(never).success).toBe(true);
  });

  it('names a power limit as the reason the charger pauses, where the reading shows one', () => {
    expect(firstConnector(build(statusWith({ status: 'SuspendedEVSE', targetCurrent: 0 }))).state.reason).toBe('power_limit');
    const cluster = { enabled: true, allConnected: true, powerKw: 16.9, limitKw: 17.25, phaseLimitsA: [25, 25, 25] };
    expect(pauseReason(10, { loadGuard: null, cluster })).toBe('power_limit');
    expect(pauseReason(10, { loadGuard: null, cluster: { ...cluster, powerKw: 2 } })).toBe('unknown');
    expect(firstConnector(build(statusWith({ status: 'Charging' }))).state.reason).toBeNull();
  });
});
