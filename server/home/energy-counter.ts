/**
 * Each connector's energy counter for Home Assistant's Energy dashboard (`total_increasing`, kWh):
 * the charger's own meter, as the archived sessions' `meterValueStart`/`meterValueEnd` (mWh) tell
 * it, plus the energy of the session running now. Home Assistant counts every rise of this value
 * as energy used, so it must never fall and never jump by energy that was not used:
 *
 * - it is first published once a finished session has told the meter (a first value of 0 that
 *   became the meter's 12 000 kWh would count as 12 000 kWh used in that hour);
 * - a session whose `meterValueStart` is below the meter as the sessions before left it means the
 *   meter started again (replaced, reset): the difference goes into a persistent offset;
 * - between a session's end and its final copy in the archive (up to one fill interval), or when
 *   the running session is already archived, the value holds at the highest one published, which
 *   is persisted: neither a restart nor a late archive takes it back.
 *
 * The archived sessions carry the charger's connector number, which is the snapshot's connector `number` while connector ids are unique within the charger.
 */
import type { ConnectorSnapshot } from '../../contract/snapshot.ts';
import type { ArchiveStore } from '../archive/store.ts';

/** A meter this much below where it stood has started again (not rounding). */
const RESET_TOLERANCE_KWH = 0.01;
/** A running session that began this soon after the last archived one ended may be that one. */
const SAME_SESSION_MS = 60_000;

interface CounterRow {
  offset_kwh: number;
  meter_kwh: number | null;
  cursor: number | null;
  last_end: number | null;
  published_kwh: number | null;
}

interface SessionRow {
  started: number;
  ended: number | null;
  meter_start: number | null;
  meter_end: number | null;
  energy: number | null;
}

export class EnergyCounter {
  private readonly rows = new Map<string, CounterRow>();
  private readonly read;
  private readonly save;
  private readonly finished;

  constructor(private readonly store: ArchiveStore) {
    this.read = store.db.prepare<[number, number], CounterRow>('SELECT offset_kwh, meter_kwh, cursor, last_end, published_kwh FROM energy_counters WHERE charger = ? AND connector = ?');
    this.save = store.db.prepare(`
      INSERT INTO energy_counters (charger, connector, offset_kwh, meter_kwh, cursor, last_end, published_kwh)
      VALUES (@charger, @connector, @offset_kwh, @meter_kwh, @cursor, @last_end, @published_kwh)
      ON CONFLICT (charger, connector) DO UPDATE SET offset_kwh = excluded.offset_kwh, meter_kwh = excluded.meter_kwh,
        cursor = excluded.cursor, last_end = excluded.last_end, published_kwh = excluded.published_kwh`);
    this.finished = store.db.prepare<[number, number, number], SessionRow>(
      'SELECT started, ended, meter_start, meter_end, energy FROM sessions WHERE charger = ? AND connector = ? AND final = 1 AND started > ? ORDER BY started, id',
    );
  }

  /** The connector's counter with this snapshot's running session, kWh; null until its meter is known. */
  update(chargerId: string, connector: ConnectorSnapshot): number | null {
    const charger = this.store.chargerKey(chargerId);
    const key = `${charger}/${connector.number}`;
    const before = this.rows.get(key) ?? this.read.get(charger, connector.number) ?? { offset_kwh: 0, meter_kwh: null, cursor: null, last_end: null, published_kwh: null };
    const row = { ...before };

    for (const session of this.finished.all(charger, connector.number, row.cursor ?? Number.MIN_SAFE_INTEGER)) {
      fold(row, session);
    }
    if (row.meter_kwh !== null) {
      const value = row.offset_kwh + row.meter_kwh + this.running(connector, row);
      const rounded = Math.round(value * 1000) / 1000;
      if (row.published_kwh === null || rounded > row.published_kwh) row.published_kwh = rounded;
    }
    if (!sameRow(before, row)) {
      // A full disk keeps the old row: the value published from memory stays, the next write catches up.
      this.store.write(() => this.save.run({ charger, connector: connector.number, ...row }));
    }
    this.rows.set(key, row);
    return row.published_kwh;
  }

  /** The running session's energy, unless the archive already holds it as finished. */
  private running(connector: ConnectorSnapshot, row: CounterRow): number {
    const session = connector.state.sessionOpen ? connector.session : null;
    const energy = session?.energyKwh ?? 0;
    if (!(energy > 0)) return 0;
    const started = session?.startedAt ? Date.parse(session.startedAt) : Number.NaN;
    if (row.last_end !== null && Number.isFinite(started) && started <= row.last_end + SAME_SESSION_MS) return 0;
    return energy;
  }
}

function fold(row: CounterRow, session: SessionRow): void {
  const start = meterKwh(session.meter_start);
  const end = meterKwh(session.meter_end);
  if (start !== null && end !== null && end >= start) {
    if (row.meter_kwh !== null && start < row.meter_kwh - RESET_TOLERANCE_KWH) row.offset_kwh += row.meter_kwh - start;
    row.meter_kwh = end;
  } else if (session.energy !== null && session.energy >= 0 && row.meter_kwh !== null) {
    // A session without meter values still moved the meter by its energy.
    row.meter_kwh += session.energy;
  }
  row.cursor = session.started;
  row.last_end = session.ended ?? session.started;
}

/** mWh → kWh; a missing or impossible reading is no reading. */
function meterKwh(mwh: number | null): number | null {
  return mwh !== null && Number.isFinite(mwh) && mwh >= 0 ? mwh / 1_000_000 : null;
}

function sameRow(a: CounterRow, b: CounterRow): boolean {
  return a.offset_kwh === b.offset_kwh && a.meter_kwh === b.meter_kwh && a.cursor === b.cursor && a.last_end === b.last_end && a.published_kwh === b.published_kwh;
}
