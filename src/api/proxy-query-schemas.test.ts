import { describe, expect, it } from 'vitest';
import { powerProfileQuerySchema, sessionFilterSchema } from './proxy-query-schemas.ts';

describe('power profile query', () => {
  it('validates the query', () => {
    const ok = { fromTime: '2022-10-08T02:49:36.989Z', toTime: '2022-10-08T08:50:46.895Z', measure: 'connector1,building,cluster' };
    expect(powerProfileQuerySchema.safeParse(ok).success).toBe(true);
    expect(powerProfileQuerySchema.safeParse({ ...ok, measure: 'connector1,../etc' }).success).toBe(false);
    expect(powerProfileQuerySchema.safeParse({ ...ok, toTime: ok.fromTime, fromTime: ok.toTime }).success).toBe(false);
    expect(powerProfileQuerySchema.safeParse({ ...ok, fromTime: '2021-01-01T00:00:00Z' }).success).toBe(false);
    expect(powerProfileQuerySchema.safeParse({ ...ok, extra: '1' }).success).toBe(false);
  });
});

describe('session filter', () => {
  it('keeps exactly the fields given, with the charger names', () => {
    const filter = sessionFilterSchema.parse({ pageSize: '10', chargingStartedTimeFrom: '2022-10-05 00:00:00', identificationCode: '' });
    expect(filter).toEqual({ pageSize: '10', chargingStartedTimeFrom: '2022-10-05 00:00:00', identificationCode: '' });
  });
  it('refuses unknown fields and odd values', () => {
    expect(sessionFilterSchema.safeParse({ url: 'http://evil' }).success).toBe(false);
    expect(sessionFilterSchema.safeParse({ pageSize: '0' }).success).toBe(false);
    expect(sessionFilterSchema.safeParse({ orderByColumn: 'password' }).success).toBe(false);
    expect(sessionFilterSchema.safeParse({ chargingStartedTimeFrom: '2022-10-05' }).success).toBe(false);
  });
});
