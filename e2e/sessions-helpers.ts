/**
 * Helpers for the session-history specs. Expectations are computed here, independently of the
 * app: a wide query straight to our API, filtered by the Berlin calendar month in this file.
 */
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

const ZONE = 'Europe/Berlin';
const NNBSP = /\u202f/g;

interface WireSession {
  chargingSessionId: number;
  chargingStartedTime: string;
  chargingEndedTime: string | null;
  activeEnergyConsumed: number;
}

/** `YYYY-MM` of an instant in Berlin. */
export function berlinMonth(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).formatToParts(ms);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

export function lastBerlinMonth(now: number): string {
  const [year, month] = berlinMonth(now).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export const filterTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Every session of a charger over the ~80 days before `now`, straight from our API in one big page. */
export async function allRecentSessions(request: APIRequestContext, chargerId: string, now: number): Promise<WireSession[]> {
  const query = new URLSearchParams({
    pageSize: '1000',
    pageNumber: '1',
    orderByColumn: 'chargingStartedTime',
    orderDirection: 'Descending',
    chargingStartedTimeFrom: filterTime(now - 80 * 86_400_000),
    chargingStartedTimeTo: filterTime(now + 2 * 86_400_000),
  });
  const response = await request.get(`/api/chargers/${chargerId}/chargingSession?${query}`);
  expect(response.status(), await response.text()).toBe(200);
  const answer = await response.json();
  expect(answer.pagingInfo.pageCount).toBe(1);
  return answer.content;
}

/** kWh → hundredths, rounded half up on the decimal text the charger sent (12.345 → 1235). */
export function hundredths(kwh: number): number {
  const [whole, fraction = ''] = String(kwh).split('.');
  const digits = `${fraction}000`;
  return Number(whole) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
}

/** The month's sessions and their energy in hundredths of a kWh, each rounded as shown. */
export async function expectedMonth(request: APIRequestContext, chargerId: string, month: string, now: number) {
  const sessions = (await allRecentSessions(request, chargerId, now)).filter((s) => berlinMonth(Date.parse(s.chargingStartedTime)) === month);
  const units = sessions.reduce((sum, s) => sum + hundredths(s.activeEnergyConsumed), 0);
  return { ids: sessions.map((s) => s.chargingSessionId).sort((a, b) => a - b), units };
}

export const unitsText = (units: number, decimal = '.') => `${Math.floor(units / 100)}${decimal}${String(units % 100).padStart(2, '0')}`;

/** `1,234.56 kWh` → 123456 */
export function kwhTextToUnits(text: string): number {
  return Math.round(Number(text.replace(NNBSP, ' ').replace(/kWh|,|\s/g, '')) * 100);
}

export async function download(page: Page): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
  return readFileSync((await file.path())!, 'utf8');
}


export async function readTotalUnits(page: Page): Promise<number> {
  const total = page.getByTestId('sessions-total-energy');
  await expect(total).toHaveAttribute('data-value', /\d/);
  return kwhTextToUnits((await total.textContent())!);
}

