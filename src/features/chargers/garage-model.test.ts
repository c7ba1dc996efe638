import { describe, expect, it } from 'vitest';
import generalStatusJson from '../../../contract/fixtures/general-status.json' with { type: 'json' };
import { ApiError } from '../../api/api-error.ts';
import { snapshotFromStatus } from '../../../test-support/snapshot-from-status.ts';
import {
  clusterTotals,
  deriveConnection,
  sortByName,
  tileExtraLines,
  tileModelOf,
  totalsInputOf,
  type ChargerReading,
  type TotalsInput,
} from './garage-model.ts';

/** The recorded answer from the charger notes, with the first connector's live values replaced. */
function status(onlineData: Record<string, unknown>, extra: (json: any) => void = () => {}) {
  const json = structuredClone(generalStatusJson) as any;
  Object.assign(json.evses[0].connectors[0].onlineData, onlineData);
  extra(json);
  return snapshotFromStatus(json);
}

describe('sortByName', () => {
  const chargers = ['Platz 13', 'Platz 4', 'platz 24', 'Platz 10', 'Platz 9', 'Ärztehaus', 'Zufahrt'].map((name, i) => ({ id: `c${i}`, name }));

  it('orders parking spaces the way people count, not as text', () => {
    expect(sortByName(chargers, 'en-GB').map((c) => c.name)).toEqual(['Ärztehaus', 'Platz 4', 'Platz 9', 'Platz 10', 'Platz 13', 'platz 24', 'Zufahrt']);
  });

  it('sorts German umlauts where Germans expect them and leaves the input alone', () => {
    const copy = [...chargers];
    expect(sortByName(chargers, 'de-DE')[0]!.name).toBe('Ärztehaus');
    expect(chargers).toEqual(copy);
  });

  it('breaks ties between equal names by id, so the order is stable', () => {
    const twins = [
      { id: 'b', name: 'Platz 1' },
      { id: 'a', name: 'Platz 1' },
    ];
    expect(sortByName(twins, 'en').map((c) => c.id)).toEqual(['a', 'b']);
  });
});

describe('tileModelOf', () => {
  it('shows an idle connector without the last session’s energy', () => {
    // The notes' answer: Available, yet consumedEnergy still holds the last session's 62.8 kWh.
    const model = tileModelOf(status({}));
    expect(model.connectors).toEqual([{ key: '1-1', label: '1', state: { kind: 'available', raw: 'Available', reason: null, sessionOpen: false }, powerKw: 0, sessionKwh: null }]);
    expect(model.powerKw).toBe(0);
  });

  it('shows the session energy while a session runs, also when the car pauses', () => {
    expect(tileModelOf(status({ status: 'Charging', power: 7.361, consumedEnergy: 12.3456 })).connectors![0]).toMatchObject({ powerKw: 7.4, sessionKwh: 12.3 });
    expect(tileModelOf(status({ status: 'SuspendedEV', power: 0, consumedEnergy: 40.01 })).connectors![0]!.sessionKwh).toBe(40);
    expect(tileModelOf(status({ status: 'Finishing', power: 0 })).connectors![0]!.sessionKwh).toBeNull();
  });

  it('keeps a status it has never seen, counting it as a session when power flows', () => {
    expect(tileModelOf(status({ status: 'WaitingForGridCapacity', power: 3.1 })).connectors![0]).toMatchObject({ state: { kind: 'unknown', raw: 'WaitingForGridCapacity' }, sessionKwh: 62.8 });
    expect(tileModelOf(status({ status: 'WaitingForGridCapacity', power: 0 })).connectors![0]!.sessionKwh).toBeNull();
    expect(tileModelOf(status({ status: 'Preparing', power: 2 })).connectors![0]!.sessionKwh).toBeNull();
  });

  it('lists every connector of a charger with two and sums their power', () => {
    const model = tileModelOf(
      status({ status: 'Charging', power: 7.3 }, (json) => {
        const second = structuredClone(json.evses[0].connectors[0]);
        second.connectorId = 1;
        second.onlineData = { ...second.onlineData, status: 'Charging', power: 3.7 };
        json.evses.push({ evseId: 2, evseCode: '2', connectors: [second] });
      }),
    );
    expect(model.connectors!.map((c) => [c.key, c.label, c.state.kind, c.powerKw])).toEqual([
      ['1-1', '1', 'charging', 7.3],
      ['2-1', '2', 'charging', 3.7],
    ]);
    expect(model.powerKw).toBe(11);
  });

  it('a tile’s total is the sum of its connector rows as shown', () => {
    const model = tileModelOf(
      status({ status: 'Charging', power: 3.36 }, (json) => {
        const second = structuredClone(json.evses[0].connectors[0]);
        second.onlineData = { ...second.onlineData, status: 'Charging', power: 3.36 };
        json.evses.push({ evseId: 2, evseCode: '2', connectors: [second] });
      }),
    );
    expect(model.connectors!.map((c) => c.powerKw)).toEqual([3.4, 3.4]);
    expect(model.powerKw).toBe(6.8); // not 6.7, the raw 6.72 rounded
  });

  it('says which field is wrong when the evses section cannot be read', () => {
    const model = tileModelOf(status({}, (json) => (json.evses = [{ evseId: 'one', connectors: 5 }])));
    expect(model.connectors).toBeNull();
    expect(model.problem).toMatch(/^evses\[0\]\.evseId/);
  });

  it('rounds to what the tile shows, so an unchanged display is an equal model', () => {
    expect(tileModelOf(status({ status: 'Charging', power: 7.361, consumedEnergy: 12.31 }))).toEqual(
      tileModelOf(status({ status: 'Charging', power: 7.379, consumedEnergy: 12.34 })),
    );
  });
});

describe('deriveConnection', () => {
  const unreachable = new ApiError('server', 'charger_unreachable', 'connection reset', 502, 'platz4');

  it('is live with fresh data and no error', () => {
    expect(deriveConnection({ hasData: true, error: null, dataUpdatedAt: 1000, tooOld: false })).toEqual({ state: 'live' });
  });

  it('is stale, with the reason and the time of the last good data, when the latest poll failed', () => {
    expect(deriveConnection({ hasData: true, error: unreachable, dataUpdatedAt: 1000, tooOld: false })).toEqual({ state: 'stale', since: 1000, reason: unreachable });
  });

  it('is stale without a reason when answers simply stop coming', () => {
    expect(deriveConnection({ hasData: true, error: null, dataUpdatedAt: 1000, tooOld: true })).toEqual({ state: 'stale', since: 1000, reason: null });
  });

  it('is never reached when the first poll failed, and loading before any answer', () => {
    expect(deriveConnection({ hasData: false, error: unreachable, dataUpdatedAt: 0, tooOld: false })).toEqual({ state: 'never', reason: unreachable });
    expect(deriveConnection({ hasData: false, error: null, dataUpdatedAt: 0, tooOld: false })).toEqual({ state: 'loading' });
  });
});

describe('totalsInputOf', () => {
  it('reads power, the cluster limit in kW, its own total, and the building load', () => {
    const input = totalsInputOf(status({ status: 'Charging', power: 7.2 }));
    expect(input.powerKw).toBe(7.2);
    expect(input.charging).toBe(true);
    expect(input.cluster!.limitKw).toBeCloseTo(17.25, 6);
    expect(input.cluster!.reportedKw).toBe(0);
    expect(input.cluster!.allConnected).toBe(true);
    expect(input.building!.powerKw).toBeCloseTo(1.5322, 6);
    expect(input.building!.limitKw).toBeCloseTo(41.4, 6);
  });

  it('has no cluster when it is disabled and no power when evses are unreadable', () => {
    const input = totalsInputOf(status({}, (json) => ((json.powerManagement.cluster.isEnabled = false), (json.evses = 'n/a'))));
    expect(input.cluster).toBeNull();
    expect(input.powerKw).toBeNull();
  });
});

describe('clusterTotals', () => {
  const input = (powerKw: number | null, over: Partial<TotalsInput> = {}): TotalsInput => ({
    powerKw,
    charging: (powerKw ?? 0) > 0,
    cluster: { limitKw: 17.25, reportedKw: 20.5, allConnected: true },
    building: { powerKw: 23.1, limitKw: 41.4 },
    ...over,
  });
  const reading = (name: string, live: boolean, value: TotalsInput | null): ChargerReading => ({ id: name.toLowerCase(), name, live, input: value });

  it('sums every charger when all are live', () => {
    const totals = clusterTotals([reading('Platz 4', true, input(7.2)), reading('Platz 5', true, input(0)), reading('Platz 6', true, input(11))]);
    expect(totals.powerKw).toBeCloseTo(18.2, 6);
    expect(totals).toMatchObject({ counted: 3, total: 3, partial: false, missing: [], charging: 2, limitKw: 17.25, limitsDisagree: false, buildingKw: 23.1, buildingLimitKw: 41.4 });
  });

  it('leaves offline chargers out and says so: the sum is partial', () => {
    // Platz 5 is stale: its last power (11 kW) must not count as if it were now.
    const totals = clusterTotals([reading('Platz 4', true, input(7.2)), reading('Platz 5', false, input(11)), reading('Platz 6', false, null)]);
    expect(totals.powerKw).toBeCloseTo(7.2, 6);
    expect(totals).toMatchObject({ counted: 1, total: 3, partial: true, missing: ['Platz 5', 'Platz 6'], reportedKw: 20.5 });
  });

  it('counts a live charger with unreadable power as missing', () => {
    const totals = clusterTotals([reading('Platz 4', true, input(null))]);
    expect(totals).toMatchObject({ counted: 0, partial: true, missing: ['Platz 4'], limitKw: null, buildingKw: null });
  });

  it('takes the cluster limit most chargers report and flags disagreement', () => {
    const other = { cluster: { limitKw: 41.4, reportedKw: null, allConnected: false } };
    const totals = clusterTotals([reading('A', true, input(1)), reading('B', true, input(1, other)), reading('C', true, input(1))]);
    expect(totals.limitKw).toBe(17.25);
    expect(totals.limitsDisagree).toBe(true);
    expect(totals.clusterIncomplete).toBe(true);
  });

  it('adds the chargers as their tiles show them: two at 7.36 kW are 7.4 + 7.4 = 14.8', () => {
    const charging = (power: number) => status({ status: 'Charging', power });
    const statuses = [charging(7.36), charging(7.36)];
    const tiles = statuses.map((s) => tileModelOf(s).powerKw);
    expect(tiles).toEqual([7.4, 7.4]);
    const totals = clusterTotals(statuses.map((s, i) => reading(`P${i}`, true, totalsInputOf(s))));
    expect(totals.powerKw).toBe(14.8);
    // Exact, not 14.799999…: three chargers at 0.1 kW are 0.3.
    expect(clusterTotals([0.1, 0.1, 0.1].map((kw, i) => reading(`Q${i}`, true, totalsInputOf(charging(kw))))).powerKw).toBe(0.3);
  });

  it('has no limit and no building load when nobody reports one', () => {
    const totals = clusterTotals([reading('A', true, input(2, { cluster: null, building: null }))]);
    expect(totals).toMatchObject({ powerKw: 2, limitKw: null, reportedKw: null, buildingKw: null, partial: false });
  });
});

describe('tileExtraLines', () => {
  it('counts a row per connector where there are several, and the stale line’s second line', () => {
    expect(tileExtraLines(1, false)).toBe(0);
    expect(tileExtraLines(1, true)).toBe(1);
    expect(tileExtraLines(2, false)).toBe(2);
    expect(tileExtraLines(3, true)).toBe(4);
  });
});
