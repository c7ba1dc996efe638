import { describe, expect, it } from 'vitest';
import {
  powerQuerySchema,
  powerResponseSchema,
  sessionsResponseSchema,
  settingsBodySchema,
  timelineResponseSchema,
  type PowerResponseWire,
  type SessionsResponseWire,
} from './archive-schemas.ts';

describe('archive schemas', () => {
  it('parses a sessions answer into epoch ms and keeps unknown stop reasons', () => {
    const wire: SessionsResponseWire = {
      sessions: [
        {
          id: 34,
          connectorId: 1,
          startedAt: '2022-10-06T20:06:24.061Z',
          endedAt: '2022-10-07T09:22:18.738Z',
          pluggedInAt: '2022-10-06T20:06:21.992Z',
          unpluggedAt: '2022-10-07T09:22:16.651Z',
          energyKWh: 62.83263,
          activeChargingSeconds: 27_600,
          pluggedInSeconds: 47_754,
          maxPowerKW: 10.688,
          meterStart: 1032561897,
          meterEnd: 1095394528,
          user: { id: 2, firstName: 'Parkplatz', lastName: '13' },
          card: { code: '74592454', number: '0055', type: 'RfidCard' },
          stopReason: 'LocalStopBecauseSolarEclipse',
          status: 'Finished',
          mode: 'Fast',
        },
      ],
      complete: true,
      source: 'archive',
    };
    const parsed = sessionsResponseSchema.parse(wire);
    expect(parsed.sessions[0]!.startedAt).toBe(Date.parse('2022-10-06T20:06:24.061Z'));
    expect(parsed.sessions[0]!.stopReason).toBe('LocalStopBecauseSolarEclipse');
  });

  it('parses a power answer: kW per series (null when none) and energy per step', () => {
    const wire: PowerResponseWire = {
      step: '1d',
      series: ['connector1', 'building'],
      points: [{ time: '2026-03-01T23:00:00.000Z', kW: { connector1: 0.52, building: null }, energyKWh: { connector1: 12.5, building: 20 } }],
      energyKWh: { connector1: 12.5, building: 20 },
      complete: true,
      source: 'mixed',
    };
    const parsed = powerResponseSchema.parse(wire);
    expect(parsed.points[0]!.kW.connector1).toBe(0.52);
    expect(parsed.points[0]!.time).toBe(Date.parse('2026-03-01T23:00:00Z'));
    expect(powerResponseSchema.safeParse({ ...wire, points: [{ time: 'x', kW: {}, energyKWh: {} }] }).success).toBe(false);
  });

  it('refuses a power query whose range is too long for its step', () => {
    expect(powerQuerySchema.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', step: '5m' }).success).toBe(false);
    expect(powerQuerySchema.safeParse({ from: '2025-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z', step: '1d' }).success).toBe(true);
  });

  it('parses a timeline answer', () => {
    const parsed = timelineResponseSchema.parse({ date: '2026-03-01', events: [{ at: '2026-03-01T17:04:00Z', kind: 'plugged_in', connectorId: 1 }], source: 'archive' });
    expect(parsed.events[0]!.kind).toBe('plugged_in');
  });

  it('validates settings strictly', () => {
    expect(settingsBodySchema.safeParse({ pricePerKWh: 0.35, currency: 'EUR', offPeak: { pricePerKWh: 0.25, from: '22:00', to: '06:00' } }).success).toBe(true);
    expect(settingsBodySchema.safeParse({ pricePerKWh: -1, currency: 'EUR', offPeak: null }).success).toBe(false);
    expect(settingsBodySchema.safeParse({ pricePerKWh: 0.3, currency: 'EUR', offPeak: null, extra: 1 }).success).toBe(false);
    expect(settingsBodySchema.safeParse({ pricePerKWh: 0.3, currency: 'EUR', offPeak: { pricePerKWh: 0.2, from: '22:00', to: '22:00' } }).success).toBe(false);
  });
});
