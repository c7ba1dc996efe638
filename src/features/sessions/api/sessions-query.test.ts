import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArchivedSession, SessionsResponse } from '../../../api/archive-schemas.ts';
import { archivedSessionsQuery, isSettled, pieceDays, SESSIONS_SETTLE_MS, uniqueSessions } from './sessions-query.ts';

const BERLIN = 'Europe/Berlin';
const march = { startMs: Date.parse('2026-02-28T23:00:00Z'), endMs: Date.parse('2026-03-31T22:00:00Z') };
const session = (id: number, endedAt: number | null = 1, energyKWh = 10): ArchivedSession => ({
  id,
  connectorId: 1,
  startedAt: march.startMs + id * 3_600_000,
  endedAt,
  pluggedInAt: null,
  unpluggedAt: null,
  energyKWh,
  activeChargingSeconds: null,
  pluggedInSeconds: null,
  maxPowerKW: null,
  meterStart: null,
  meterEnd: null,
  user: null,
  card: null,
  stopReason: null,
  status: null,
  mode: null,
});
const answer = (sessions: ArchivedSession[], complete = true): SessionsResponse => ({ sessions, complete, source: 'archive' });

afterEach(() => vi.unstubAllGlobals());

describe('the sessions query', () => {
  it('asks the archive route for the piece’s local days and parses the answer', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(path);
      return Response.json({ sessions: [{ id: 7, startedAt: '2026-03-05T19:00:00Z', endedAt: null, energyKWh: 3.2 }], complete: false, source: 'mixed' });
    });
    const data = await new QueryClient().fetchQuery(archivedSessionsQuery('platz13', march, BERLIN));
    expect(asked).toEqual(['/api/chargers/platz13/sessions?from=2026-03-01&to=2026-03-31']);
    expect(data.complete).toBe(false);
    expect(data.source).toBe('mixed');
    expect(data.sessions[0]).toMatchObject({ id: 7, startedAt: Date.parse('2026-03-05T19:00:00Z'), endedAt: null, energyKWh: 3.2, user: null });
    expect(archivedSessionsQuery('platz13', march, BERLIN).queryKey).toEqual(['charger', 'platz13', 'sessions', '2026-03-01', '2026-03-31']);
  });

  it('the piece is local days of the zone, `to` inclusive', () => {
    expect(pieceDays(march, BERLIN)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(pieceDays(march, 'UTC')).toEqual({ from: '2026-02-28', to: '2026-03-31' });
  });

  it('a piece is settled only when it is over, complete and nothing in it runs', () => {
    const late = march.endMs + SESSIONS_SETTLE_MS;
    expect(isSettled(march, answer([session(1)]), late)).toBe(true);
    expect(isSettled(march, answer([session(1)]), late - 1)).toBe(false);
    expect(isSettled(march, answer([session(1, null)]), late)).toBe(false);
    // Part of it could be read neither from the archive nor the charger: asked again.
    expect(isSettled(march, answer([session(1)], false), late)).toBe(false);
    expect(isSettled(march, undefined, late)).toBe(false);
  });

  it('de-duplicates sessions in one place, the newer read winning', () => {
    const joined = uniqueSessions([[session(1, null, 4), session(2)], [session(1, 5, 9), session(3)]]);
    expect(joined.map((s) => [s.id, s.energyKWh])).toEqual([
      [1, 9],
      [2, 10],
      [3, 10],
    ]);
  });
});
