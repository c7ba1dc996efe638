/**
 * A filled archive for the archive benches: years of a household's 5-minute power and of its
 * charging sessions, written through the archive's own writers (a day per transaction, each day
 * marked complete, as the filler writes them), so the routes answer from the archive alone.
 */
import type { ChargingSession } from '../contract/session-schemas.ts';
import type { Archive } from '../server/archive/archive.ts';
import { dayAt, nextDay, previousDay } from '../server/archive/local-days.ts';
import type { PowerPoint } from '../server/archive/power-writer.ts';
import { mulberry32 } from '../server/simulator/random.ts';

/** A household day: base load with the charger's float noise, a car charging in the evening. */
export function dayPoints(startMs: number, endMs: number, rnd: () => number): PowerPoint[] {
  const points: PowerPoint[] = [];
  const arrive = 17 + Math.floor(rnd() * 4);
  const hours = 1 + Math.floor(rnd() * 6);
  const kw = Math.round((4 + rnd() * 7) * 1e5) / 1e5;
  for (let t = startMs; t < endMs; t += 300_000) {
    const hour = new Date(t).getUTCHours();
    const charging = (hour >= arrive && hour < arrive + hours) || hour < arrive + hours - 24;
    const connector = charging ? kw : 0;
    points.push({ t, values: { connector1: connector, cluster: connector, building: Math.round((0.3 + rnd() * 2 + connector) * 1e8) / 1e8 } });
  }
  return points;
}

/** A session on about nine days in ten from `startMs`, for `days` days, numbered from 1. */
export function sessionsFrom(startMs: number, days: number, seed = 99): ChargingSession[] {
  const rnd = mulberry32(seed);
  const sessions: ChargingSession[] = [];
  let meter = 1_000_000_000;
  for (let d = 0; d < days; d++) {
    if (rnd() < 0.1) continue;
    const started = startMs + d * 86_400_000 + Math.floor(rnd() * 4 * 3_600_000);
    const energy = Math.round((5 + rnd() * 50) * 1e5) / 1e5;
    const ended = started + 13 * 3_600_000;
    sessions.push({
      chargingSessionId: d + 1,
      connectorId: 1,
      identificationCode: '74592454',
      vehicleConnectedTime: started - 2000,
      chargingStartedTime: started,
      chargingEndedTime: ended,
      vehicleDisconnectedTime: ended - 2000,
      timeSpentCharging: 13 * 3600,
      meterValueStart: meter,
      meterValueEnd: (meter += Math.round(energy * 1e6)),
      activeEnergyConsumed: energy,
      maxSessionPower: 10.9,
      chargingSessionStatus: 'Finished',
      chargingMode: 'Fast',
      selectedDepartureTime: null,
      requiredEnergy: null,
      chargingSessionStopReason: 'LocalStopUserDisconnectedCableFromVehicle',
      userId: 2,
      user: { UserId: 2, FirstName: 'Jürgen', LastName: 'Müller', Blocked: false, Deleted: false },
      userIdentification: { userIdentificationId: 1, userId: 2, userIdentificationType: 'RfidCard', userIdentificationSource: 'ChargerLocal', userIdentificationStatus: 'Active', identificationCode: '74592454', number: '0055', deleted: false },
    });
  }
  return sessions;
}

/** Writes `days` days of 5-minute power from `first` on, each marked complete; returns the rows written. */
export function fillPowerDays(archive: Archive, chargerId: string, zone: string, firstDayStartMs: number, days: number, seed: number): number {
  const rnd = mulberry32(seed);
  let rows = 0;
  let day = dayAt(firstDayStartMs, zone);
  for (let d = 0; d < days; d++, day = nextDay(day, zone)) {
    const points = dayPoints(day.startMs, day.endMs, rnd);
    archive.power.write(chargerId, points, [{ day: day.key, points: points.length }]);
    rows += points.length;
  }
  return rows;
}

/**
 * The last `days` whole days before `nowMs` (today excluded) as complete days of power, and the
 * sessions of the last `sessionDays` days, marked as the whole history read (so the sessions route
 * asks the charger only for the minutes since the last sync).
 */
export function fillPast(archive: Archive, chargerId: string, zone: string, nowMs: number, days: number, sessionDays: number): { powerRows: number; sessions: number } {
  let first = previousDay(dayAt(nowMs, zone), zone);
  for (let d = 1; d < days; d++) first = previousDay(first, zone);
  const powerRows = fillPowerDays(archive, chargerId, zone, first.startMs, days, chargerId.length * 7919);
  const sessions = sessionsFrom(nowMs - sessionDays * 86_400_000, sessionDays - 1);
  archive.sessions.write(chargerId, sessions);
  const key = archive.store.chargerKey(chargerId);
  archive.store.db
    .prepare("INSERT INTO progress (charger, key, value) VALUES (?, 'sessionsComplete', '1'), (?, 'sessionsSyncedAt', ?) ON CONFLICT (charger, key) DO UPDATE SET value = excluded.value")
    .run(key, key, String(nowMs));
  return { powerRows, sessions: sessions.length };
}
