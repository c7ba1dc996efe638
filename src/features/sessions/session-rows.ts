/**
 * Sessions as the history shows, totals and exports them.
 *
 * Rounding, decided once (docs/decisions.md): each session's energy is rounded to the digits the
 * page shows (0.01 kWh) and kept as a whole number of hundredths; every total (the range, a month,
 * a user, the CSV's total line) is the exact integer sum of those. A person adding up the rows
 * of the table or the CSV by hand gets the total to the last digit. Costs work the same way in
 * the currency's minor unit (cents): each session's cost is its shown energy times the price,
 * rounded to the cent, and every cost total is the sum of those.
 */
import type { ArchivedSession } from '../../api/archive-schemas.ts';
import { monthKeyOf } from '../../shared/time/local-calendar.ts';
import type { OffPeakWindow } from './off-peak.ts';

/** Decimals of kWh shown everywhere (table, totals, summary, CSV). */
export const ENERGY_DECIMALS = 2;
const ENERGY_SCALE = 10 ** ENERGY_DECIMALS;

export interface Pricing {
  pricePerKwh: number;
  /** ISO 4217, e.g. `EUR`. */
  currency: string;
  /** A second price for a time of day (local), e.g. 22:00–06:00; absent: one price. */
  offPeak?: { pricePerKwh: number; window: OffPeakWindow } | null;
}

/** How a session's energy splits into off-peak and the rest. */
export interface EnergySplit {
  /** 0–1, the off-peak share of the session's energy. */
  share: number;
  /** True when estimated by charging time (no power profile for the session). */
  estimated: boolean;
}

export interface ChargerRef {
  id: string;
  name: string;
}

export interface SessionRow {
  /** Unique across chargers: `<chargerId>:<sessionId>`. */
  key: string;
  chargerId: string;
  chargerName: string;
  id: number;
  connectorId: number | null;
  started: number;
  /** Null while running. */
  ended: number | null;
  running: boolean;
  /**
   * Time the car was plugged in, whole seconds (so far, while running): the charger's own
   * `timeSpentCharging`, which despite its name includes every pause. Rounded here, once, so the
   * table, the CSV rows and every total agree.
   */
  pluggedInSeconds: number | null;
  /** Time power actually flowed, whole seconds, from the archived power profile; null without one. */
  chargingSeconds: number | null;
  /**
   * Energy in hundredths of a kWh, as shown (so far, while running); null when the charger says
   * neither the energy nor both meter readings: shown as "—", left out of every total (which say
   * how many they leave out), never a zero that looks like data.
   */
  energyUnits: number | null;
  maxPowerKw: number | null;
  userId: number | null;
  /** "Jürgen Müller"; null when the session has no user. */
  userName: string | null;
  /** Number printed on the card, e.g. `0055`. */
  cardNumber: string | null;
  /** The card's UID. */
  identificationCode: string | null;
  mode: string | null;
  stopReason: string | null;
  status: string | null;
  /** Off-peak part of `energyUnits` (same unit); null without an off-peak price. */
  offPeakUnits: number | null;
  /** The off-peak part was estimated by charging time. */
  offPeakEstimated: boolean;
  /** In the currency's minor unit (cents); null without a price, and while `costPending`. */
  costMinor: number | null;
  /** The off-peak split waits for the session's power profile: off-peak part and cost not known yet. */
  costPending: boolean;
}

/**
 * Rounds `value × 10^decimals` half away from zero to an integer, on the decimal value people
 * read: 1.005 kWh is 1.01, although the double nearest 1.005 × 100 is 100.4999…
 */
export function roundScaled(value: number, decimals: number): number {
  const scaled = Number((value * 10 ** decimals).toPrecision(12));
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
}

/** Digits after the decimal point of a currency (EUR 2, JPY 0); 2 for unknown codes. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}
const digitsCache = new Map<string, number>();

/** The session's energy in kWh: the charger's own figure, else its meter readings (mWh); null when neither is there. */
function energyKwh(session: ArchivedSession): number | null {
  if (session.energyKWh !== null) return session.energyKWh;
  if (session.meterStart !== null && session.meterEnd !== null && session.meterEnd >= session.meterStart) {
    return (session.meterEnd - session.meterStart) / 1_000_000;
  }
  return null;
}

/** When the session began: charging start, else the plug-in (a session that never charged). */
export function sessionStart(session: Pick<ArchivedSession, 'startedAt' | 'pluggedInAt'>): number | null {
  return session.startedAt ?? session.pluggedInAt;
}

const wholeSeconds = (seconds: number | null) => (seconds === null ? null : Math.round(seconds));

export function costOf(energyUnits: number, pricing: Pricing | null, offPeakUnits: number | null = null): number | null {
  if (!pricing) return null;
  // kWh × price × 10^digits, from the shown (rounded) energy; the off-peak part at its price.
  const off = pricing.offPeak && offPeakUnits !== null ? offPeakUnits : 0;
  const amount = (energyUnits - off) * pricing.pricePerKwh + off * (pricing.offPeak?.pricePerKwh ?? 0);
  return roundScaled(amount / ENERGY_SCALE, currencyDigits(pricing.currency));
}

/**
 * `split` is how the session's energy divides at an off-peak price: by its profile or estimated,
 * `'pending'` while its profile is being read (then the row has no off-peak part and no cost yet,
 * rather than a different figure that changes once the profile is there).
 */
export function toRow(session: ArchivedSession, charger: ChargerRef, pricing: Pricing | null, split: EnergySplit | 'pending' | null = null): SessionRow {
  const kwh = energyKwh(session);
  const energyUnits = kwh === null ? null : roundScaled(kwh, ENERGY_DECIMALS);
  const costPending = energyUnits !== null && Boolean(pricing?.offPeak) && split === 'pending';
  const known = split === 'pending' ? null : split;
  // The off-peak part in the same whole hundredths, so the two parts add up to the row exactly.
  const offPeakUnits = pricing?.offPeak && known && energyUnits !== null ? Math.round(energyUnits * Math.min(1, Math.max(0, known.share))) : null;
  const name = [session.user?.firstName, session.user?.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const running = session.endedAt === null;
  return {
    key: `${charger.id}:${session.id}`,
    chargerId: charger.id,
    chargerName: charger.name,
    id: session.id,
    connectorId: session.connectorId,
    started: sessionStart(session) ?? 0,
    ended: session.endedAt,
    running,
    pluggedInSeconds: wholeSeconds(session.pluggedInSeconds),
    chargingSeconds: wholeSeconds(session.activeChargingSeconds),
    energyUnits,
    maxPowerKw: session.maxPowerKW,
    userId: session.user?.id ?? null,
    userName: name || null,
    cardNumber: session.card?.number ?? null,
    identificationCode: session.card?.code ?? null,
    mode: session.mode,
    stopReason: running ? null : session.stopReason,
    status: session.status,
    offPeakUnits,
    offPeakEstimated: offPeakUnits !== null && known !== null && known.estimated,
    costMinor: costPending || energyUnits === null ? null : costOf(energyUnits, pricing, offPeakUnits),
    costPending,
  };
}

/** Energy units as a kWh number for Intl (exact to the shown digits). */
export function unitsToKwh(units: number): number {
  return units / ENERGY_SCALE;
}

// ---------------------------------------------------------------------------------------------
// Filters

export interface RowFilter {
  /** `<userId>`, `<chargerId>:<userId>` (combined history), or `none` (sessions without a user). */
  user: string | null;
  /** A card's UID. */
  card: string | null;
  /** A raw stop reason. */
  stop: string | null;
}

export const NO_USER = 'none';

export function userKeyOf(row: SessionRow, combined: boolean): string {
  if (row.userId === null) return NO_USER;
  return combined ? `${row.chargerId}:${row.userId}` : String(row.userId);
}

export function matchesFilter(row: SessionRow, filter: RowFilter): boolean {
  if (filter.user) {
    if (filter.user === NO_USER) {
      if (row.userId !== null) return false;
    } else {
      const [chargerId, userId] = filter.user.includes(':') ? filter.user.split(':', 2) : [null, filter.user];
      if (String(row.userId) !== userId || (chargerId !== null && row.chargerId !== chargerId)) return false;
    }
  }
  if (filter.card && row.identificationCode !== filter.card) return false;
  if (filter.stop && row.stopReason !== filter.stop) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Sorting and paging (over the complete, cut set: see docs/decisions.md)

export const SORT_KEYS = ['started', 'ended', 'plugged', 'duration', 'energy', 'power', 'charger'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

const sortValue: Record<SortKey, (row: SessionRow) => number | string | null> = {
  started: (r) => r.started,
  ended: (r) => r.ended,
  plugged: (r) => r.pluggedInSeconds,
  duration: (r) => r.chargingSeconds,
  energy: (r) => r.energyUnits,
  power: (r) => r.maxPowerKw,
  charger: (r) => r.chargerName,
};

/** Like the charger (SQL Server): NULLs first ascending, last descending; ties newest first. */
export function sortRows(rows: readonly SessionRow[], key: SortKey, direction: SortDirection): SessionRow[] {
  const value = sortValue[key];
  const sign = direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true });
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    let order: number;
    if (va === null || vb === null) order = va === vb ? 0 : va === null ? -1 : 1;
    else if (typeof va === 'string' || typeof vb === 'string') order = collator.compare(String(va), String(vb));
    else order = va - vb;
    return sign * order || b.started - a.started || a.chargerId.localeCompare(b.chargerId) || b.id - a.id;
  });
}

export interface Page<T> {
  rows: T[];
  /** 1-based, clamped to the pages that exist. */
  pageNumber: number;
  pageCount: number;
  /** Index of the first row shown, 0-based. */
  first: number;
}

export function pageOf<T>(rows: readonly T[], pageNumber: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const clamped = Math.min(Math.max(1, Math.floor(pageNumber) || 1), pageCount);
  const first = (clamped - 1) * pageSize;
  return { rows: rows.slice(first, first + pageSize), pageNumber: clamped, pageCount, first };
}

// ---------------------------------------------------------------------------------------------
// Totals and the monthly summary

export interface Totals {
  sessions: number;
  running: number;
  /** Of the sessions whose energy is known. */
  energyUnits: number;
  /** Sessions whose energy the charger does not say: left out of `energyUnits` and `costMinor`. */
  energyUnknown: number;
  /** Null without an off-peak price. */
  offPeakUnits: number | null;
  /** Sessions whose off-peak part was estimated by time. */
  offPeakEstimated: number;
  /**
   * Active charging time of the sessions that have one, seconds; null when none of them has one
   * (the time comes from the archived power profile): unknown, never a zero that looks like data.
   */
  chargingSeconds: number | null;
  /** Sessions without an active charging time (no archived profile): left out of `chargingSeconds`. */
  chargingUnknown: number;
  pluggedInSeconds: number;
  /** Null without a price. Leaves out the sessions whose cost is pending. */
  costMinor: number | null;
  /** Sessions whose off-peak split (and so cost) waits for their power profile. */
  costPending: number;
}

export function totalsOf(rows: readonly SessionRow[]): Totals {
  let energyUnits = 0;
  let energyUnknown = 0;
  let chargingSeconds: number | null = null;
  let chargingUnknown = 0;
  let pluggedInSeconds = 0;
  let costMinor: number | null = null;
  let offPeakUnits: number | null = null;
  let offPeakEstimated = 0;
  let running = 0;
  let costPending = 0;
  for (const row of rows) {
    if (row.energyUnits === null) energyUnknown++;
    else energyUnits += row.energyUnits;
    if (row.offPeakUnits !== null) offPeakUnits = (offPeakUnits ?? 0) + row.offPeakUnits;
    if (row.offPeakEstimated) offPeakEstimated++;
    if (row.chargingSeconds === null) chargingUnknown++;
    else chargingSeconds = (chargingSeconds ?? 0) + row.chargingSeconds;
    pluggedInSeconds += row.pluggedInSeconds ?? 0;
    if (row.costMinor !== null) costMinor = (costMinor ?? 0) + row.costMinor;
    if (row.running) running++;
    if (row.costPending) costPending++;
  }
  return { sessions: rows.length, running, energyUnits, energyUnknown, offPeakUnits, offPeakEstimated, chargingSeconds: rows.length === 0 ? 0 : chargingSeconds, chargingUnknown, pluggedInSeconds, costMinor, costPending };
}

export interface UserShare extends Totals {
  key: string;
  userName: string | null;
  cardNumber: string | null;
  /** Set in the combined history: users belong to a charger. */
  chargerName: string | null;
}

export interface MonthSummary extends Totals {
  /** `2026-03` */
  key: string;
  /** An instant inside the month, for formatting its name. */
  sampleMs: number;
  users: UserShare[];
}

/** Per local month, newest first, each with its users (most energy first). */
export function monthlySummary(rows: readonly SessionRow[], zone: string, combined: boolean): MonthSummary[] {
  const months = new Map<string, { sampleMs: number; rows: SessionRow[] }>();
  for (const row of rows) {
    const key = monthKeyOf(row.started, zone);
    const month = months.get(key);
    if (month) month.rows.push(row);
    else months.set(key, { sampleMs: row.started, rows: [row] });
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([key, month]) => {
      const byUser = new Map<string, SessionRow[]>();
      for (const row of month.rows) {
        // Sessions without a user are told apart by card (a guest card is still a card).
        const userKey = row.userId !== null ? userKeyOf(row, combined) : `${combined ? `${row.chargerId}:` : ''}card:${row.identificationCode ?? ''}`;
        const list = byUser.get(userKey);
        if (list) list.push(row);
        else byUser.set(userKey, [row]);
      }
      const users: UserShare[] = [...byUser.entries()]
        .map(([userKey, list]) => ({
          key: userKey,
          userName: list[0]!.userName,
          cardNumber: list[0]!.cardNumber,
          chargerName: combined ? list[0]!.chargerName : null,
          ...totalsOf(list),
        }))
        .sort((a, b) => b.energyUnits - a.energyUnits || a.key.localeCompare(b.key));
      return { key, sampleMs: month.sampleMs, users, ...totalsOf(month.rows) };
    });
}
