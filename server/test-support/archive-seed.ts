/**
 * An archive at the size of the longest legal history queries, written through the archive's own
 * writers (so everything kept on write is kept): years of 5-minute power (building, cluster,
 * connector 1), a session a day, every past day answered, the sessions' backfill complete. For
 * load tests and benchmarks; the charger is never asked.
 */
import { addDays, formatIsoDate, localDateOf } from '../../src/shared/time/local-calendar.ts';
import type { ChargingSession } from '../../contract/session-schemas.ts';
import { dayFromKey, nextDay } from '../archive/local-days.ts';
import { createPowerWriter, type PowerPoint } from '../archive/power-writer.ts';
import { createSessionWriter } from '../archive/session-writer.ts';
import { openArchiveStore } from '../archive/store.ts';
import { mulberry32 } from '../simulator/random.ts';

export interface SeedOptions {
  chargerId: string;
  zone: string;
  /** The seeded history ends with the day before this instant's day. */
  end: number;
  powerDays: number;
  sessionDays: number;
}

export function seedArchive(path: string, options: SeedOptions): { points: number; sessions: number } {
  const store = openArchiveStore(path);
  try {
    const power = createPowerWriter(store);
    const sessions = createSessionWriter(store);
    const rnd = mulberry32(7);
    const today = localDateOf(options.end, options.zone);
    let points = 0;
    let day = dayFromKey(formatIsoDate(addDays(today, -options.powerDays)), options.zone)!;
    for (let d = 0; d < options.powerDays; d++, day = nextDay(day, options.zone)) {
      const arrive = day.startMs + (17 + Math.floor(rnd() * 4)) * 3_600_000;
      const leave = arrive + (1 + Math.floor(rnd() * 6)) * 3_600_000;
      const kw = Math.round((4 + rnd() * 7) * 1e5) / 1e5;
      const dayPoints: PowerPoint[] = [];
      for (let t = day.startMs; t < day.endMs; t += 300_000) {
        const car = t >= arrive && t < leave ? kw : 0;
        dayPoints.push({ t, values: { connector1: car, cluster: car, building: Math.round((0.3 + rnd() * 2 + car) * 1e8) / 1e8 } });
      }
      power.write(options.chargerId, dayPoints, [{ day: day.key, points: dayPoints.length }]);
      points += dayPoints.length;
    }

    const written: ChargingSession[] = [];
    let meter = 1_000_000_000;
    day = dayFromKey(formatIsoDate(addDays(today, -options.sessionDays)), options.zone)!;
    for (let d = 0; d < options.sessionDays; d++, day = nextDay(day, options.zone)) {
      const started = day.startMs + (17 + rnd() * 4) * 3_600_000;
      const ended = started + (1 + rnd() * 6) * 3_600_000;
      const energy = Math.round((5 + rnd() * 50) * 1e5) / 1e5;
      written.push({
        chargingSessionId: d + 1,
        connectorId: 1,
        identificationCode: '74592454',
        vehicleConnectedTime: started - 2000,
        chargingStartedTime: started,
        chargingEndedTime: ended,
        vehicleDisconnectedTime: ended + 600_000,
        timeSpentCharging: Math.round((ended - started) / 1000),
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
      } as ChargingSession);
      if (written.length === 500) sessions.write(options.chargerId, written.splice(0));
    }
    sessions.write(options.chargerId, written);
    const charger = store.chargerKey(options.chargerId);
    const progress = store.db.prepare('INSERT INTO progress (charger, key, value) VALUES (?, ?, ?) ON CONFLICT (charger, key) DO UPDATE SET value = excluded.value');
    store.write(() => {
      progress.run(charger, 'sessionsComplete', '1');
      progress.run(charger, 'sessionsSyncedAt', String(options.end));
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    return { points, sessions: options.sessionDays };
  } finally {
    store.close();
  }
}
