/**
 * The calendar's energy for the snapshot, read exactly as `/power?step=1d` answers it (the archive
 * first, the charger for what it lacks, at the archive's lowest priority), so the live card's
 * "today" and the chart's day are one number.
 */
import type { Archive } from '../archive/archive.ts';
import { ARCHIVE_CLIENT, type HistoryClient } from '../archive/charger-reader.ts';
import { powerOf } from '../archive/history.ts';
import type { PowerResponseWire } from '../../src/api/archive-schemas.ts';
import type { DailyEnergyReader } from './energy-periods.ts';

/** The charger's energy in one step: its connectors' series summed (not building or cluster). */
export function connectorsKwh(energyKWh: Readonly<Record<string, number>>): number | null {
  let sum: number | null = null;
  for (const [series, kwh] of Object.entries(energyKWh)) if (/^connector\d+$/.test(series)) sum = (sum ?? 0) + kwh;
  return sum;
}

/**
 * Until the archive's first fill of a charger has run, the archive alone: the live card must not
 * compete with the backfill for the charger's history connection (what it lacks then is unknown,
 * and said so, for the minute or two the fill takes).
 */
const ARCHIVE_ONLY: HistoryClient = {
  chargingSession: () => Promise.reject(new Error('the archive is still being filled')),
  powerProfile: () => Promise.reject(new Error('the archive is still being filled')),
};

export function archiveEnergyReader(archive: Archive, clients: ReadonlyMap<string, HistoryClient>, zoneOf: (chargerId: string) => string): DailyEnergyReader {
  return async (chargerId, fromMs, toMs) => {
    const charger = clients.get(chargerId);
    if (!charger) throw new Error(`no client for charger ${chargerId}`);
    const client = (archive.filler(chargerId)?.fills ?? 0) > 0 ? charger : ARCHIVE_ONLY;
    const body = await powerOf({ archive, chargerId, client, zone: zoneOf(chargerId), now: toMs, request: ARCHIVE_CLIENT }, fromMs, toMs, '1d');
    // The route's own answer, as JSON (the reader threads build it); a month of days is small.
    const answer = JSON.parse(body.toString('utf8')) as PowerResponseWire;
    return {
      days: answer.points.map((point) => ({ start: typeof point.time === 'number' ? point.time : Date.parse(point.time), kwh: connectorsKwh(point.energyKWh) })),
      complete: answer.complete,
    };
  };
}
