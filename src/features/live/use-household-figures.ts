/**
 * Where the live view's money and day/month figures come from. The card reads only these hooks.
 *
 * - The price is the server's settings (`GET /api/settings`, the one price every screen shows),
 *   sharing the settings' cache entry with the other views, so a saved price shows here at once;
 *   until they are in, the default from `/api/chargers`.
 * - Today's and this month's energy are the archive's daily energy in the charger's days
 *   (`household-reads.ts`), read every 5 minutes and again when a session ends.
 *
 * The reads are a chunk of their own (`household-reads.ts`: the archive's schemas, the power route,
 * the settings' parsing), imported by the query functions once the view is on screen, so the
 * first load carries only these hooks. Unknown stays null ("—"): before the answer, without an
 * archive (`ARCHIVE=off`: the settings say `writable: false`), or without a day in the answer.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { chargersQuery } from '../../api/queries.ts';
import { SETTINGS_KEY } from '../sessions/api/settings-key.ts';
import type { EnergySoFar } from './household-reads.ts';

const reads = () => import('./household-reads.ts');

/** Today's energy changes slowly and the archive takes in a new day's energy every 5 minutes. */
export const HOUSEHOLD_REFRESH_MS = 5 * 60_000;
/** After a failed read, try again sooner. */
const RETRY_MS = 30_000;
/** As the settings' own query (`settingsQuery`): another tablet may change the price. */
const SETTINGS_REFRESH_MS = 60_000;

export interface LivePrice {
  pricePerKwh: number | null;
  currency: string;
}

interface SettingsFigures extends LivePrice {
  /** False on a server without an archive: there are no days to add up. */
  archive: boolean;
}

/** The settings' cache entry, read through the lazy chunk (the same function `settingsQuery` has). */
function useSettingsFigures(): SettingsFigures | undefined {
  const { data } = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: async (context) => (await reads()).readSettings(context),
    refetchInterval: SETTINGS_REFRESH_MS,
    staleTime: 10_000,
    retry: 2,
    select: selectSettingsFigures,
  });
  return data;
}

/**
 * One price for the live view: with an off-peak price the cost depends on when the energy flowed,
 * which the live view does not split (the history does): no cost rather than a wrong one.
 */
export function selectSettingsFigures(settings: { pricePerKWh: number | null; currency: string; offPeak: unknown; writable: boolean }): SettingsFigures {
  return { pricePerKwh: settings.offPeak ? null : settings.pricePerKWh, currency: settings.currency, archive: settings.writable };
}

export function useLivePrice(): LivePrice {
  const settings = useSettingsFigures();
  const { data } = useQuery({ ...chargersQuery(), select: (d) => d.pricing ?? null });
  if (settings) return { pricePerKwh: settings.pricePerKwh, currency: settings.currency };
  return { pricePerKwh: data?.pricePerKwh ?? null, currency: data?.currency ?? 'EUR' };
}

export interface PeriodEnergy {
  /** kWh so far in the period; null while unknown (never a zero standing in for no data). */
  kwh: number | null;
}

export interface EnergyTotals {
  today: PeriodEnergy;
  month: PeriodEnergy;
}

const UNKNOWN: EnergyTotals = { today: { kwh: null }, month: { kwh: null } };

export const householdEnergyKey = (chargerId: string) => ['charger', chargerId, 'household-energy'] as const;

const totalsOf = (energy: EnergySoFar): EnergyTotals => ({ today: { kwh: energy.todayKwh }, month: { kwh: energy.monthKwh } });

/**
 * Today's and this month's energy of one charger. `sessionEnd` changes when a session of the
 * charger ends (the connectors' last-session end times): the figures are read again then, rather
 * than up to 5 minutes later.
 */
export function useEnergyTotals(chargerId: string, sessionEnd = ''): EnergyTotals {
  const archive = useSettingsFigures()?.archive ?? false;
  const { data } = useQuery({
    queryKey: householdEnergyKey(chargerId),
    queryFn: async ({ signal }) => (await reads()).readEnergySoFar(chargerId, signal),
    enabled: archive,
    refetchInterval: (query) => (query.state.status === 'error' ? RETRY_MS : HOUSEHOLD_REFRESH_MS),
    staleTime: HOUSEHOLD_REFRESH_MS / 2,
    retry: 1,
    select: totalsOf,
  });
  const client = useQueryClient();
  const lastEnd = useRef(sessionEnd);
  useEffect(() => {
    if (lastEnd.current === sessionEnd) return;
    lastEnd.current = sessionEnd;
    void client.invalidateQueries({ queryKey: householdEnergyKey(chargerId) });
  }, [client, chargerId, sessionEnd]);
  return archive && data ? data : UNKNOWN;
}
