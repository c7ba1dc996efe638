/**
 * The history as a CSV file that opens right in the user's spreadsheet:
 * German: `;` between fields, decimal comma, UTF-8 with a BOM (Excel needs it to read UTF-8),
 * German headers; English: RFC 4180 (`,`, CRLF, quotes doubled). Numbers carry no thousands
 * separators, so every spreadsheet reads them as numbers.
 *
 * Energies and costs are written from the same whole hundredths (and cents) the page shows, and
 * the total line is their sum: the CSV's total is the page's total to the last digit.
 */
import type { Lang } from '../../shared/i18n/i18n.tsx';
import { wallMs } from '../../shared/time/local-calendar.ts';
import { currencyDigits, ENERGY_DECIMALS, type SessionRow, type Totals } from './session-rows.ts';

export interface CsvText {
  headers: {
    charger: string;
    session: string;
    started: string;
    ended: string;
    pluggedIn: string;
    duration: string;
    energy: string;
    maxPower: string;
    offPeakEnergy: string;
    user: string;
    cardNumber: string;
    cardUid: string;
    mode: string;
    stopReason: string;
    status: string;
    cost: (currency: string) => string;
  };
  total: (sessions: number) => string;
  running: string;
  /** Readable mode, stop reason and status (unknown values humanised, never dropped). */
  mode: (value: string | null) => string;
  stopReason: (value: string | null) => string;
  status: (value: string | null) => string;
}

export interface CsvOptions {
  lang: Lang;
  /** The user's zone: times are written as local wall-clock times. */
  zone: string;
  /** The combined history: a charger column first. */
  combined: boolean;
  /** Set when there is a price: then a cost column. */
  currency: string | null;
  /** An off-peak price is set: then an off-peak energy column after the energy. */
  offPeak?: boolean;
}

export function csvDialect(lang: Lang): { separator: string; decimal: string; bom: string } {
  return lang === 'de' ? { separator: ';', decimal: ',', bom: '\uFEFF' } : { separator: ',', decimal: '.', bom: '' };
}

/** Quotes a field when it has to (separator, quote, line break, edge blanks); doubles quotes. */
export function escapeField(value: string, separator: string): string {
  if (value === '') return '';
  const needsQuotes = value.includes(separator) || /["\r\n]/.test(value) || value.trim() !== value;
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text from the charger (names, cards) that a spreadsheet would run as a formula gets a leading
 * apostrophe (OWASP's advice against CSV injection); numbers are written by us and never start so.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Marks a card number or card UID as text. Spreadsheets turn anything that looks like a number into
 * one when they open a CSV, quoted or not: card `0055` became 55 and a 17-digit UID `1.2E+16`
 * (its digits lost), `1E5` became 100000 and `12-05` a date, and a reimbursement sheet then names
 * the wrong card. With a leading `#` neither Excel nor LibreOffice reads the value as a number or
 * date in either dialect, the digits stay exactly as the charger sent them, and the marker is
 * visible (docs/decisions.md). Every value gets it, not only numeric-looking ones, so a column reads
 * the same throughout; `#` also keeps a value from starting like a formula.
 */
export const TEXT_MARKER = '#';

export function markedText(value: string | null): string {
  return value ? `${TEXT_MARKER}${value}` : '';
}

/** A whole number of 10^-decimals written with `decimal`, exactly: 6283, 2 → `62.83`. */
export function fixedDecimal(scaled: number, decimals: number, decimal: string): string {
  const sign = scaled < 0 ? '-' : '';
  const abs = Math.abs(Math.round(scaled));
  if (decimals === 0) return `${sign}${abs}`;
  const factor = 10 ** decimals;
  return `${sign}${Math.floor(abs / factor)}${decimal}${String(abs % factor).padStart(decimals, '0')}`;
}

/** `13:15:54`; hours run past 24 (`36:44:26`), which spreadsheets read as a duration. */
export function hoursMinutesSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Local wall-clock time: `2026-03-01 18:05:09` (English), `01.03.2026 18:05:09` (German). */
export function localTimestamp(ms: number, zone: string, lang: Lang): string {
  const iso = new Date(wallMs(ms, zone)).toISOString(); // the wall time, written as if UTC
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19)];
  if (lang === 'de') return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)} ${time}`;
  return `${date} ${time}`;
}

export function buildSessionsCsv(rows: readonly SessionRow[], totals: Totals, options: CsvOptions, text: CsvText): string {
  const { separator, decimal, bom } = csvDialect(options.lang);
  const h = text.headers;
  const costDigits = options.currency ? currencyDigits(options.currency) : 0;
  const header = [
    ...(options.combined ? [h.charger] : []),
    h.session,
    h.started,
    h.ended,
    h.pluggedIn,
    h.duration,
    h.energy,
    ...(options.offPeak ? [h.offPeakEnergy] : []),
    h.maxPower,
    h.user,
    h.cardNumber,
    h.cardUid,
    h.mode,
    h.stopReason,
    h.status,
    ...(options.currency ? [h.cost(options.currency)] : []),
  ];
  const line = (cells: string[]) => cells.map((cell) => escapeField(cell, separator)).join(separator);
  const lines = [line(header)];
  for (const row of rows) {
    lines.push(
      line([
        ...(options.combined ? [neutralizeFormula(row.chargerName)] : []),
        String(row.id),
        localTimestamp(row.started, options.zone, options.lang),
        row.ended === null ? '' : localTimestamp(row.ended, options.zone, options.lang),
        row.pluggedInSeconds === null ? '' : hoursMinutesSeconds(row.pluggedInSeconds),
        row.chargingSeconds === null ? '' : hoursMinutesSeconds(row.chargingSeconds),
        // Unknown energy is an empty cell: a spreadsheet's SUM leaves it out, as the total line does.
        row.energyUnits === null ? '' : fixedDecimal(row.energyUnits, ENERGY_DECIMALS, decimal),
        ...(options.offPeak ? [row.offPeakUnits === null ? '' : fixedDecimal(row.offPeakUnits, ENERGY_DECIMALS, decimal)] : []),
        row.maxPowerKw === null ? '' : fixedDecimal(Math.round(row.maxPowerKw * 1000), 3, decimal),
        neutralizeFormula(row.userName ?? ''),
        markedText(row.cardNumber),
        markedText(row.identificationCode),
        text.mode(row.mode),
        row.running ? text.running : text.stopReason(row.stopReason),
        row.running ? text.running : text.status(row.status),
        ...(options.currency ? [row.costMinor === null ? '' : fixedDecimal(row.costMinor, costDigits, decimal)] : []),
      ]),
    );
  }
  // The total line: same columns, so a spreadsheet's own SUM over the column gives the same.
  const totalCells = header.map(() => '');
  const offset = options.combined ? 1 : 0;
  totalCells[0] = text.total(totals.sessions);
  totalCells[offset + 3] = hoursMinutesSeconds(totals.pluggedInSeconds);
  totalCells[offset + 4] = totals.chargingSeconds === null ? '' : hoursMinutesSeconds(totals.chargingSeconds);
  totalCells[offset + 5] = fixedDecimal(totals.energyUnits, ENERGY_DECIMALS, decimal);
  if (options.offPeak && totals.offPeakUnits !== null) totalCells[offset + 6] = fixedDecimal(totals.offPeakUnits, ENERGY_DECIMALS, decimal);
  if (options.currency && totals.costMinor !== null) totalCells[header.length - 1] = fixedDecimal(totals.costMinor, costDigits, decimal);
  lines.push(line(totalCells));
  return `${bom}${lines.join('\r\n')}\r\n`;
}

/** An ASCII file name: `sessions_platz13_2026-03-01_2026-03-31.csv`. */
export function csvFileName(stem: string, scope: string, from: string, to: string): string {
  const safe = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  return `${safe(stem)}_${safe(scope)}_${from}_${to}.csv`;
}
