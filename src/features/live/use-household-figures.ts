/**
 * Where the live view's money and day/month figures come from. One seam: the price is the
 * server's (`/api/chargers` pricing) and today's / this month's energy is unknown ("—") until the
 * archive's hooks for settings and energy per day are wired in here; the card reads only these
 * two hooks, so that swap touches this file alone.
 */
import { useQuery } from '@tanstack/react-query';
import { chargersQuery } from '../../api/queries.ts';

export interface LivePrice {
  pricePerKwh: number | null;
  currency: string;
}

export function useLivePrice(): LivePrice {
  const { data } = useQuery({ ...chargersQuery(), select: (d) => d.pricing ?? null });
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

/** Today's and this month's energy of one charger. */
export function useEnergyTotals(chargerId: string): EnergyTotals {
  void chargerId;
  return UNKNOWN;
}
