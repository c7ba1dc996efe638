import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test-support/parse-csv.ts';
import type { ChargingSessionWire } from '../../../contract/session-schemas.ts';
import { fromCharger } from '../../../test-support/archived-session.ts';
import chargingSessionJson from '../../../contract/fixtures/charging-session.json' with { type: 'json' };
import { buildSessionsCsv, csvFileName, escapeField, fixedDecimal, hoursMinutesSeconds, localTimestamp, markedText, neutralizeFormula, type CsvText } from './csv.ts';
import { toRow, totalsOf } from './session-rows.ts';

const base = chargingSessionJson.content[0] as unknown as ChargingSessionWire;
const text: CsvText = {
  headers: {
    charger: 'Charger',
    session: 'Session',
    started: 'Started',
    ended: 'Ended',
    pluggedIn: 'Plugged-in time',
    duration: 'Charging time',
    energy: 'Energy (kWh)',
    maxPower: 'Max power (kW)',
    offPeakEnergy: 'Off-peak energy (kWh)',
    user: 'User',
    cardNumber: 'Card',
    cardUid: 'Card UID',
    mode: 'Mode',
    stopReason: 'Stop reason',
    status: 'Status',
    cost: (c) => `Cost (${c})`,
  },
  total: (n) => `Total (${n} sessions)`,
  running: 'Running',
  mode: (v) => v ?? '',
  stopReason: (v) => (v === 'LocalStopUserDisconnectedCableFromVehicle' ? 'Cable unplugged' : (v ?? '')),
  status: (v) => v ?? '',
};


const platz = { id: 'platz13', name: 'Platz 13' };
const sessions = [
  { ...base, chargingSessionId: 1, activeEnergyConsumed: 10.005, user: { UserId: 2, FirstName: 'Jürgen', LastName: 'Müller' } },
  { ...base, chargingSessionId: 2, activeEnergyConsumed: 20.004, user: { UserId: 3, FirstName: 'Anna-Lena', LastName: 'Schäfer, "Lenchen"' } },
  { ...base, chargingSessionId: 3, activeEnergyConsumed: 1.5, user: { UserId: 4, FirstName: 'Semi;colon', LastName: 'Multi\nLine' } },
  { ...base, chargingSessionId: 4, activeEnergyConsumed: 2.25, chargingEndedTime: null, user: { UserId: 5, FirstName: '=HYPERLINK("x")', LastName: '' } },
].map((s) => toRow(fromCharger(s), platz, { pricePerKwh: 0.35, currency: 'EUR' }));
const totals = totalsOf(sessions);

describe('CSV fields', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(escapeField('Müller', ',')).toBe('Müller');
    expect(escapeField('Schäfer, "Lenchen"', ',')).toBe('"Schäfer, ""Lenchen"""');
    expect(escapeField('Schäfer, "Lenchen"', ';')).toBe('"Schäfer, ""Lenchen"""'); // the quotes still need quoting
    expect(escapeField('a,b', ';')).toBe('a,b');
    expect(escapeField('a;b', ';')).toBe('"a;b"');
    expect(escapeField('two\nlines', ',')).toBe('"two\nlines"');
    expect(escapeField('cr\rhere', ',')).toBe('"cr\rhere"');
    expect(escapeField(' padded', ',')).toBe('" padded"');
  });

  it('writes decimals exactly, with the comma in German', () => {
    expect(fixedDecimal(6283, 2, ',')).toBe('62,83');
    expect(fixedDecimal(6283, 2, '.')).toBe('62.83');
    expect(fixedDecimal(5, 2, ',')).toBe('0,05');
    expect(fixedDecimal(123456789, 2, ',')).toBe('1234567,89'); // no thousands separator
    expect(fixedDecimal(-150, 2, '.')).toBe('-1.50');
    expect(fixedDecimal(450, 0, ',')).toBe('450');
  });

  it('durations past a day and local times in the user’s zone', () => {
    expect(hoursMinutesSeconds(86400 + 12 * 3600 + 44 * 60 + 26)).toBe('36:44:26');
    expect(hoursMinutesSeconds(5)).toBe('0:00:05');
    const at = Date.parse('2026-03-29T01:30:00Z'); // 03:30 CEST, just after the clocks went forward
    expect(localTimestamp(at, 'Europe/Berlin', 'en')).toBe('2026-03-29 03:30:00');
    expect(localTimestamp(at, 'Europe/Berlin', 'de')).toBe('29.03.2026 03:30:00');
  });

  it('keeps spreadsheets from running names as formulas', () => {
    expect(neutralizeFormula('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutralizeFormula('@cmd')).toBe("'@cmd");
    expect(neutralizeFormula('Anna-Lena')).toBe('Anna-Lena');
  });
});

describe('the history CSV', () => {
  it('English: RFC 4180 with commas, CRLF, no BOM; names survive a round trip', () => {
    const csv = buildSessionsCsv(sessions, totals, { lang: 'en', zone: 'Europe/Berlin', combined: false, currency: 'EUR' }, text);
    expect(csv.startsWith('Session,Started,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv, ',');
    expect(rows).toHaveLength(1 + 4 + 1);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    const user = rows[0]!.indexOf('User');
    expect(rows.slice(1, 5).map((r) => r[user])).toEqual(['Jürgen Müller', 'Anna-Lena Schäfer, "Lenchen"', 'Semi;colon Multi\nLine', `'=HYPERLINK("x")`]);
    expect(rows[1]).toContain('2022-10-06 22:06:24'); // 20:06 UTC in Berlin summer time
    expect(rows[4]![rows[0]!.indexOf('Ended')]).toBe('');
    expect(rows[4]![rows[0]!.indexOf('Status')]).toBe('Running');
    expect(rows[1]![rows[0]!.indexOf('Stop reason')]).toBe('Cable unplugged');
  });

  it('German: BOM, semicolons, decimal commas; the total line is the sum of the rows', () => {
    const csv = buildSessionsCsv(sessions, totals, { lang: 'de', zone: 'Europe/Berlin', combined: false, currency: 'EUR' }, text);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1), ';');
    const energy = rows[0]!.indexOf('Energy (kWh)');
    const cost = rows[0]!.indexOf('Cost (EUR)');
    const body = rows.slice(1, -1);
    expect(body.map((r) => r[energy])).toEqual(['10,01', '20,00', '1,50', '2,25']);
    const total = rows.at(-1)!;
    expect(total[0]).toBe('Total (4 sessions)');
    expect(total[energy]).toBe('33,76');
    const sumOf = (column: number) => body.reduce((sum, r) => sum + Math.round(Number(r[column]!.replace(',', '.')) * 100), 0);
    expect(sumOf(energy)).toBe(3376);
    expect(sumOf(cost)).toBe(Math.round(Number(total[cost]!.replace(',', '.')) * 100));
    expect(rows[1]![rows[0]!.indexOf('Started')]).toBe('06.10.2022 22:06:24');
    expect(rows[1]![rows[0]!.indexOf('Max power (kW)')]).toBe('10,688');
  });

  it('the combined history has a charger column first; no price, no cost column', () => {
    const mixed = [...sessions, toRow(fromCharger({ ...base, chargingSessionId: 9 }), { id: 'platz4', name: 'Platz 4' }, null)];
    const csv = buildSessionsCsv(mixed, totalsOf(mixed), { lang: 'en', zone: 'UTC', combined: true, currency: null }, text);
    const rows = parseCsv(csv, ',');
    expect(rows[0]![0]).toBe('Charger');
    expect(rows[0]).not.toContain('Cost (EUR)');
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(['Platz 13', 'Platz 13', 'Platz 13', 'Platz 13', 'Platz 4']);
    expect(rows.at(-1)![rows[0]!.indexOf('Energy (kWh)')]).toBe('96.59');
  });

  it('the duration totals are the sums of the rows as written, fractional seconds included', () => {
    // 01:00:00.6 plugged in three times: each row says 1:00:01, so the total must say 3:00:03 (not 3:00:02).
    const rows3 = [1, 2, 3].map((id) => toRow(fromCharger({ ...base, chargingSessionId: id, timeSpentCharging: '01:00:00.6' }, { activeChargingSeconds: 1800.5 }), platz, null));
    expect(rows3.map((r) => [r.pluggedInSeconds, r.chargingSeconds])).toEqual([[3601, 1801], [3601, 1801], [3601, 1801]]);
    const csv = parseCsv(buildSessionsCsv(rows3, totalsOf(rows3), { lang: 'en', zone: 'UTC', combined: false, currency: null }, text), ',');
    const plugged = csv[0]!.indexOf('Plugged-in time');
    const charging = csv[0]!.indexOf('Charging time');
    expect(charging).toBe(plugged + 1);
    expect(csv.slice(1, -1).map((r) => [r[plugged], r[charging]])).toEqual([['1:00:01', '0:30:01'], ['1:00:01', '0:30:01'], ['1:00:01', '0:30:01']]);
    expect(csv.at(-1)![plugged]).toBe('3:00:03');
    expect(csv.at(-1)![charging]).toBe('1:30:03');
  });

  it('leaves the total charging time empty when no row has one (unknown, not 0:00:00)', () => {
    const csv = parseCsv(buildSessionsCsv(sessions, totalsOf(sessions), { lang: 'en', zone: 'UTC', combined: false, currency: null }, text), ',');
    const charging = csv[0]!.indexOf('Charging time');
    expect(csv.slice(1, -1).map((r) => r[charging])).toEqual(sessions.map(() => ''));
    expect(csv.at(-1)![charging]).toBe('');
  });

  it('card numbers and UIDs open as the text the charger sent, in both dialects', () => {
    const cards = [
      { cardNumber: '0055', uid: '74592454' },
      { cardNumber: '0007', uid: '12345678901234567' }, // Excel: 1.23457E+16, digits lost
      { cardNumber: '12-05', uid: '1E5' }, // a date; 100000
      { cardNumber: '1,5', uid: '=cmd' }, // 1.5 in a German sheet; a formula
    ];
    const cardRows = cards.map(({ cardNumber, uid }, i) =>
      toRow(
        fromCharger({ ...base, chargingSessionId: 100 + i, identificationCode: uid, userIdentification: { ...base.userIdentification, number: cardNumber, identificationCode: uid } }),
        platz,
        null,
      ),
    );
    // What Excel and LibreOffice turn into a number or date on opening: digits, signs, decimal
    // marks, exponents, percent, date and time separators. Anything starting otherwise stays text.
    const numberLike = /^[\s(]*[-+]?[\d.,]+([eE][-+]?\d+)?%?\)?$|^\d+[-/.:]\d+([-/.:]\d+)?$/;
    for (const lang of ['en', 'de'] as const) {
      const csv = buildSessionsCsv(cardRows, totalsOf(cardRows), { lang, zone: 'UTC', combined: false, currency: null }, text);
      const rows = parseCsv(lang === 'de' ? csv.slice(1) : csv, lang === 'de' ? ';' : ',');
      const [number, uid] = [rows[0]!.indexOf('Card'), rows[0]!.indexOf('Card UID')];
      const body = rows.slice(1, -1);
      expect(body.map((r) => r[number])).toEqual(cards.map((c) => `#${c.cardNumber}`));
      expect(body.map((r) => r[uid])).toEqual(cards.map((c) => `#${c.uid}`));
      for (const r of body) {
        expect(r[number]).not.toMatch(numberLike);
        expect(r[uid]).not.toMatch(numberLike);
        expect(r[uid]).not.toMatch(/^[=+\-@]/);
      }
    }
    // The check itself catches what went wrong before.
    for (const bad of ['0055', '12345678901234567', '1E5', '12-05', '1,5']) expect(bad).toMatch(numberLike);
    expect(markedText(null)).toBe('');
  });

  it('names the file in ASCII', () => {
    expect(csvFileName('Ladevorgänge', 'Platz 13', '2026-03-01', '2026-03-31')).toBe('Ladevorgange_Platz-13_2026-03-01_2026-03-31.csv');
  });
});
