/**
 * The household's prices, kept by the server (`GET /api/settings`, `PUT /api/settings`), so every
 * tablet shows the same costs. `useSettings` is what any view reads (the history's costs, the live
 * view's "cost so far"); `useSaveSettings` writes them, with the admin PIN when the server wants one.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/api-error.ts';
import { ADMIN_PIN_HEADER, settingsResponseSchema, type Settings, type SettingsResponse, type SettingsUpdate } from '../../../api/archive-schemas.ts';
import { fetchParsed, sendJson } from '../../../api/http.ts';
import type { OffPeakWindow } from '../off-peak.ts';
import type { Pricing } from '../session-rows.ts';
import { SETTINGS_KEY } from './settings-key.ts';

export const SETTINGS_PATH = '/api/settings';
/** Another tablet may change the price: a page shows it within this long. */
export const SETTINGS_REFRESH_MS = 60_000;

export const settingsQuery = () =>
  queryOptions({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => fetchParsed(SETTINGS_PATH, settingsResponseSchema, signal),
    refetchInterval: SETTINGS_REFRESH_MS,
    staleTime: 10_000,
    retry: 2,
  });

/** `22:00` → 1320 (the server checked the format). */
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The settings as the history prices sessions; null without a price. */
export function pricingOf(settings: Pick<SettingsResponse, 'pricePerKWh' | 'currency' | 'offPeak'>): Pricing | null {
  if (settings.pricePerKWh === null) return null;
  const offPeak = settings.offPeak
    ? { pricePerKwh: settings.offPeak.pricePerKWh, window: { from: minutesOf(settings.offPeak.from), to: minutesOf(settings.offPeak.to) } satisfies OffPeakWindow }
    : null;
  return { pricePerKwh: settings.pricePerKWh, currency: settings.currency, offPeak };
}

/** What PUT takes for a price (null: no price, keep the currency). */
export function settingsBody(pricing: Pricing | null, currency: string): Settings {
  if (!pricing) return { pricePerKWh: null, currency, offPeak: null };
  const offPeak = pricing.offPeak
    ? { pricePerKWh: pricing.offPeak.pricePerKwh, from: clockOf(pricing.offPeak.window.from), to: clockOf(pricing.offPeak.window.to) }
    : null;
  return { pricePerKWh: pricing.pricePerKwh, currency: pricing.currency, offPeak };
}

/** Names a set of settings: the same text exactly when the same values apply. */
export function settingsKey(pricing: Pricing | null, currency: string, isDefault: boolean): string {
  const offPeak = pricing?.offPeak;
  return [pricing?.pricePerKwh ?? '-', pricing?.currency ?? currency, offPeak ? `${offPeak.pricePerKwh}@${offPeak.window.from}-${offPeak.window.to}` : '-', isDefault].join('|');
}

/**
 * The price every view uses: `pricing` stays the same object while the server's settings are the
 * same (`select` on structurally shared data), so rows are priced again only when the price changes.
 */
export function useSettings() {
  const query = useQuery({ ...settingsQuery(), select: selectSettings });
  return {
    pricing: query.data?.pricing ?? null,
    currency: query.data?.currency ?? 'EUR',
    isDefault: query.data?.isDefault ?? true,
    pinRequired: query.data?.pinRequired ?? false,
    writable: query.data?.writable ?? false,
    writableFromHere: query.data?.writableFromHere ?? false,
    readOnlyReason: query.data?.readOnlyReason ?? null,
    timeZones: query.data?.timeZones ?? NO_ZONES,
    zoneWarning: query.data?.zoneWarning ?? null,
    loaded: query.data !== undefined,
    error: query.error,
  };
}

export interface ChargerZoneSetting {
  zone: string;
  /** One of ZONE_SOURCES (`settings`, `file`, `environment`, `server`); a newer server may name another. */
  source: string;
}
const NO_ZONES: Readonly<Record<string, ChargerZoneSetting>> = {};

const selectSettings = (settings: SettingsResponse) => ({
  pricing: pricingOf(settings),
  currency: settings.currency,
  isDefault: settings.isDefault,
  pinRequired: settings.pinRequired,
  writable: settings.writable,
  // A server from before these fields: whoever could reach it could write.
  writableFromHere: settings.writableFromHere ?? settings.writable,
  readOnlyReason: settings.readOnlyReason ?? (settings.writable ? null : 'archive_off'),
  timeZones: settings.timeZones ?? NO_ZONES,
  zoneWarning: settings.zoneWarning ?? null,
});

/**
 * Saves the settings (the prices, the chargers' zones, or both); `pin` goes along when the server
 * needs one. Afterwards the settings are read
 * again, so this page shows what the server now holds, as every other tablet soon will.
 */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, pin }: { body: SettingsUpdate; pin?: string | undefined }) =>
      sendJson(SETTINGS_PATH, 'PUT', body, pin ? { [ADMIN_PIN_HEADER]: pin } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsQuery().queryKey }),
  });
}

/** The server refused the write for want of the right admin PIN. */
export const needsPin = (error: unknown) => isApiError(error) && error.code === 'forbidden';
