import { describe, expect, it } from 'vitest';
import { generalStatusSchema, loginResponseSchema, powerProfileSchema, readPowerKw } from './charger-schemas.ts';
import { chargingSessionPageSchema } from './session-schemas.ts';
import generalStatusJson from './fixtures/general-status.json' with { type: 'json' };
import chargingSessionJson from './fixtures/charging-session.json' with { type: 'json' };
import powerProfileJson from './fixtures/power-profile.json' with { type: 'json' };

const clone = <T>(value: T): T => structuredClone(value);

describe('generalStatus', () => {
  it('parses the documented example answer (contract/fixtures)', () => {
    const status = generalStatusSchema.parse(generalStatusJson);
    const connector = status.evses[0]!.connectors[0]!;
    expect(connector.onlineData?.status).toBe('Available');
    expect(connector.onlineData?.chargingDuration).toBe(86400 + 12 * 3600 + 44 * 60 + 26);
    expect(connector.onlineData?.reserverdTime).toBeNull(); // 0001-01-01 = no value
    expect(connector.onlineData?.totalOperatingTme).toBe(11 * 86400 + 17 * 3600 + 2 * 60 + 14);
    expect(connector.onlineData?.plannedDepartureTime).toBe(Date.UTC(2022, 9, 7, 5, 30));
    expect(connector.lastSession?.energyConsumed).toBe(62.83263);
    expect(connector.lastSession?.chargingEndedTime).toBe(Date.UTC(2022, 9, 7, 9, 22, 18, 738));
    expect(status.powerManagement?.loadGuard?.buildingTotalPower).toBe(1.5322);
    expect(status.powerManagement?.cluster?.maxCurrentL1).toBe(25);
    expect(status.wifi?.linkQuality).toBe(81);
    expect(status.chargerTotalOperatingTime).toBe(8170 * 86400 + 12 * 3600 + 32 * 60 + 4);
  });

  it('keeps an unknown status and unknown fields without failing', () => {
    const json = clone(generalStatusJson) as Record<string, unknown> & typeof generalStatusJson;
    json.evses[0]!.connectors[0]!.onlineData.status = 'SuspendedByCosmicRays';
    (json as Record<string, unknown>).firmwareVersion = '5.1.2';
    const status = generalStatusSchema.parse(json);
    expect(status.evses[0]!.connectors[0]!.onlineData?.status).toBe('SuspendedByCosmicRays');
  });

  it('accepts nulls everywhere the charger may send them', () => {
    const json = clone(generalStatusJson) as any;
    const c = json.evses[0].connectors[0];
    for (const key of Object.keys(c.onlineData)) if (key !== 'status') c.onlineData[key] = null;
    c.lastSession = null;
    json.powerManagement = { loadGuard: null, cluster: null };
    json.gsm = null;
    json.wifi = { isInstalled: null, isEnabled: null, linkIsUp: null, linkQuality: null };
    json.authorization = null;
    json.centralSystem = null;
    json.chargerTotalOperatingTime = null;
    json.latestFaults = null;
    const status = generalStatusSchema.parse(json);
    const connector = status.evses[0]!.connectors[0]!;
    expect(connector.onlineData?.power).toBeNull();
    expect(connector.onlineData?.chargingDuration).toBeNull();
    expect(connector.lastSession).toBeNull();
    expect(status.gsm).toBeNull();
    expect(status.chargerTotalOperatingTime).toBeNull();
  });

  it('reads a second EVSE with its own connector', () => {
    const json = clone(generalStatusJson) as any;
    const second = clone(json.evses[0]);
    second.evseId = 2;
    second.evseCode = '2';
    second.connectors[0].connectorId = 2;
    second.connectors[0].onlineData.status = 'Charging';
    second.connectors[0].onlineData.power = 10.688;
    json.evses.push(second);
    const status = generalStatusSchema.parse(json);
    expect(status.evses.map((e) => e.connectors[0]!.onlineData?.status)).toEqual(['Available', 'Charging']);
  });

  it('names the field when a value is malformed', () => {
    const json = clone(generalStatusJson) as any;
    json.evses[0].connectors[0].onlineData.chargingDuration = '36 hours';
    const result = generalStatusSchema.safeParse(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['evses', 0, 'connectors', 0, 'onlineData', 'chargingDuration']);
    expect(result.error?.issues[0]?.message).toContain('36 hours');
  });
});

describe('chargingSession', () => {
  it('parses the documented example answer (contract/fixtures)', () => {
    const page = chargingSessionPageSchema.parse(chargingSessionJson);
    const session = page.content[0]!;
    expect(session.chargingSessionId).toBe(34);
    expect(session.user?.FirstName).toBe('Parkplatz');
    expect(session.userIdentification?.number).toBe('0055');
    expect(session.timeSpentCharging).toBe(13 * 3600 + 15 * 60 + 54);
    expect(session.chargingStartedTime).toBe(Date.UTC(2022, 9, 6, 20, 6, 24, 61));
    // mWh: end - start = kWh x 10^6
    expect((session.meterValueEnd! - session.meterValueStart!) / 1e6).toBeCloseTo(session.activeEnergyConsumed!, 5);
    expect(page.pagingInfo).toEqual({ numOfRows: 2, pageCount: 1 });
  });

  it('accepts a running session with no end, no user and no identification', () => {
    const json = clone(chargingSessionJson) as any;
    const s = json.content[0];
    Object.assign(s, {
      chargingEndedTime: null,
      vehicleDisconnectedTime: null,
      meterValueEnd: null,
      chargingSessionStopReason: null,
      chargingSessionStatus: 'Charging',
      chargingMode: null,
      user: null,
      userIdentification: null,
      userId: null,
    });
    const session = chargingSessionPageSchema.parse(json).content[0]!;
    expect(session.chargingEndedTime).toBeNull();
    expect(session.user).toBeNull();
    expect(session.chargingMode).toBeNull();
  });

  it('parses an errorCode != 0 answer so the caller can report it', () => {
    const page = chargingSessionPageSchema.parse({ errorCode: 3, errorMessage: 'Database busy', content: null, pagingInfo: null });
    expect(page.errorCode).toBe(3);
    expect(page.errorMessage).toBe('Database busy');
    expect(page.content).toEqual([]);
  });
});

describe('login', () => {
  it('reads a token and a refusal', () => {
    expect(loginResponseSchema.parse({ errorCode: 0, errorMessage: '', webOperator: {}, token: 'abc' }).token).toBe('abc');
    const refused = loginResponseSchema.parse({ errorCode: 1, errorMessage: 'Wrong password', webOperator: null, token: null });
    expect(refused.token).toBeNull();
  });
});

describe('powerProfile', () => {
  it('parses the documented example answer (contract/fixtures) and keeps the measure keys', () => {
    const points = powerProfileSchema.parse(powerProfileJson);
    expect(points).toHaveLength(2);
    expect(points[1]).toEqual({ time: '2022-10-08T02:55:00+00:00', kW: { connector1: 0, building: 0.79635996, cluster: 0 }, unreadable: 0 });
  });

  it('reads every power value by the one rule: unusable values become null and are counted, the answer survives', () => {
    const [point] = powerProfileSchema.parse([{ time: '2022-10-08T02:55:00Z', connector1: 'NaN', building: -250, cluster: 99_999, connector2: null, connector3: 10_000 }]);
    expect(point).toEqual({ time: '2022-10-08T02:55:00Z', kW: { connector1: null, building: null, cluster: null, connector2: null, connector3: 10_000 }, unreadable: 3 });
    expect(readPowerKw(10_000.5)).toBe('bad');
    expect(readPowerKw(Number.POSITIVE_INFINITY)).toBe('bad');
    expect(readPowerKw(undefined)).toBeNull();
    expect(readPowerKw(7.4)).toBe(7.4);
  });

});

