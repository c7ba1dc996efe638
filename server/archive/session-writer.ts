/**
 * Sessions into the archive: one row per charger and session id, replaced while the session runs
 * and kept once it is final (`Finished` with an end), so writing the same session twice is one row.
 * Its active charging time is counted from the archived power as it is written.
 */
import type { ChargingSession } from '../../contract/session-schemas.ts';
import { SESSION_SLOTS } from './migrations.ts';
import type { ArchiveStore } from './store.ts';

export function isFinal(session: ChargingSession): boolean {
  return session.chargingSessionStatus === 'Finished' && session.chargingEndedTime !== null;
}

export function createSessionWriter(store: ArchiveStore) {
  const upsert = store.db.prepare(`
    INSERT INTO sessions (charger, id, connector, started, ended, plugged, unplugged, energy, plugged_seconds, max_power,
      meter_start, meter_end, status, stop_reason, mode, user_id, first_name, last_name, card_code, card_number, card_type, final)
    VALUES (@charger, @id, @connector, @started, @ended, @plugged, @unplugged, @energy, @pluggedSeconds, @maxPower,
      @meterStart, @meterEnd, @status, @stopReason, @mode, @userId, @firstName, @lastName, @cardCode, @cardNumber, @cardType, @final)
    ON CONFLICT (charger, id) DO UPDATE SET
      connector = excluded.connector, started = excluded.started, ended = excluded.ended, plugged = excluded.plugged,
      unplugged = excluded.unplugged, energy = excluded.energy, plugged_seconds = excluded.plugged_seconds,
      max_power = excluded.max_power, meter_start = excluded.meter_start, meter_end = excluded.meter_end,
      status = excluded.status, stop_reason = excluded.stop_reason, mode = excluded.mode, user_id = excluded.user_id,
      first_name = excluded.first_name, last_name = excluded.last_name, card_code = excluded.card_code,
      card_number = excluded.card_number, card_type = excluded.card_type, final = excluded.final
    WHERE sessions.final = 0 OR excluded.final = 1
  `);
  const refreshSlots = store.db.prepare(`UPDATE sessions SET (slots, active_slots) = ${SESSION_SLOTS} WHERE charger = ? AND id = ?`);
  const connectorsOf = store.db.prepare<[number], { connector: number }>('SELECT DISTINCT connector FROM sessions WHERE charger = ? AND connector IS NOT NULL');
  /** Connectors each charger's sessions ran on (by charger key): asked for every power read, changed only by writes. */
  const connectors = new Map<number, Set<number>>();
  const startSpan = store.db.prepare<[number], { oldest: number | null; newest: number | null }>(
    'SELECT min(started) AS oldest, max(started) AS newest FROM sessions WHERE charger = ? AND started IS NOT NULL',
  );
  const openSince = store.db.prepare<[number, number], { started: number }>('SELECT started FROM sessions WHERE charger = ? AND started >= ? AND final = 0 ORDER BY started');

  return {
    /** Upserts the sessions in one transaction; undefined when the disk is full. */
    write(chargerId: string, sessions: readonly ChargingSession[]): number | undefined {
      const charger = store.chargerKey(chargerId);
      const written = store.write(() => {
        for (const s of sessions) {
          upsert.run(row(charger, s));
          refreshSlots.run(charger, s.chargingSessionId);
        }
        return sessions.length;
      });
      if (written !== undefined) connectors.delete(charger);
      return written;
    },
    /** Connectors the charger's archived sessions ran on. */
    connectors(chargerId: string): number[] {
      const charger = store.chargerKey(chargerId);
      let known = connectors.get(charger);
      if (!known) {
        known = new Set(connectorsOf.all(charger).map((r) => r.connector));
        connectors.set(charger, known);
      }
      return [...known];
    },
    /** The oldest and newest archived charging start (epoch ms); null before the first session. */
    startSpan(chargerId: string): { oldest: number | null; newest: number | null } {
      return startSpan.get(store.chargerKey(chargerId)) ?? { oldest: null, newest: null };
    },
    /** Starts of archived sessions not yet final that started at or after `sinceMs`, oldest first. */
    openStarts(chargerId: string, sinceMs: number): number[] {
      return openSince.all(store.chargerKey(chargerId), sinceMs).map((r) => r.started);
    },
  };
}
export type SessionWriter = ReturnType<typeof createSessionWriter>;

function row(charger: number, s: ChargingSession) {
  const pluggedSeconds =
    s.timeSpentCharging ?? (s.vehicleConnectedTime !== null && s.vehicleDisconnectedTime !== null ? Math.round((s.vehicleDisconnectedTime - s.vehicleConnectedTime) / 1000) : null);
  const card = s.userIdentification;
  return {
    charger,
    id: s.chargingSessionId,
    connector: s.connectorId,
    started: s.chargingStartedTime,
    ended: s.chargingEndedTime,
    plugged: s.vehicleConnectedTime,
    unplugged: s.vehicleDisconnectedTime,
    energy: s.activeEnergyConsumed,
    pluggedSeconds,
    maxPower: s.maxSessionPower,
    meterStart: s.meterValueStart,
    meterEnd: s.meterValueEnd,
    status: s.chargingSessionStatus,
    stopReason: s.chargingSessionStopReason,
    mode: s.chargingMode,
    userId: s.user?.UserId ?? s.userId,
    firstName: s.user?.FirstName ?? null,
    lastName: s.user?.LastName ?? null,
    cardCode: card?.identificationCode ?? s.identificationCode,
    cardNumber: card?.number ?? null,
    cardType: card?.userIdentificationType ?? null,
    final: isFinal(s) ? 1 : 0,
  };
}
