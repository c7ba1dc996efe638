import { defineMessages, type Lang } from '../../shared/i18n/i18n.tsx';
import type { RangePreset, RangeProblem } from './date-range.ts';

export const sessionsMessages = defineMessages({
  en: {
    filters: 'Filters',
    range: 'Period',
    from: 'From',
    to: 'To',
    user: 'User',
    card: 'RFID card',
    stopReason: 'Stop reason',
    any: 'All',
    noUser: 'No user',
    clearFilters: 'Clear filters',
    totals: 'Totals',
    sessionsCount: 'Sessions',
    energy: 'Energy',
    chargingTime: 'Charging time',
    cost: 'Cost',
    noPrice: 'Set a price to see costs',
    includesRunning: (n: number) => (n === 1 ? 'includes 1 running session, energy so far' : `includes ${n} running sessions, energy so far`),
    incomplete: 'Incomplete: some chargers did not answer. Totals cover only the chargers shown.',
    loading: 'Loading sessions…',
    sessions: 'Sessions',
    noSessions: 'No sessions in this period.',
    noMatch: 'No sessions match the filters.',
    sortBy: (column: string) => `Sort by ${column}`,
    running: 'Running',
    cardShort: 'Card',
    unknownUser: 'Unknown user',
    guestCard: (number: string) => `Card ${number}`,
    pageSize: 'Rows per page',
    previous: 'Previous',
    next: 'Next',
    pageOf: (page: number, count: number) => `Page ${page} of ${count}`,
    rowsOf: (first: number, last: number, total: number) => `${first}–${last} of ${total}`,
    monthly: 'Per month',
    month: 'Month',
    byUser: 'By user',
    exportCsv: 'Export CSV',
    exportWaiting: 'The export is available once every charger has answered.',
    pricing: 'Price',
    pricePerKwh: 'Price per kWh',
    currency: 'Currency',
    savePrice: 'Save',
    resetPrice: 'Use the server default',
    priceFromServer: 'Server default',
    priceFromBrowser: 'Saved in this browser',
    priceInvalid: 'Enter a price like 0.35 and a currency code like EUR.',
    loadFailed: (charger: string) => `Sessions of ${charger} could not be loaded`,
    stale: (age: string) => `Showing the sessions loaded ${age}.`,
    retry: 'Try again',
    chargerSessions: (charger: string) => `Sessions of ${charger}`,
    allChargers: 'all chargers',
    csvStem: 'sessions',
  },
  de: {
    filters: 'Filter',
    range: 'Zeitraum',
    from: 'Von',
    to: 'Bis',
    user: 'Benutzer',
    card: 'RFID-Karte',
    stopReason: 'Beendigungsgrund',
    any: 'Alle',
    noUser: 'Ohne Benutzer',
    clearFilters: 'Filter zurücksetzen',
    totals: 'Summen',
    sessionsCount: 'Ladevorgänge',
    energy: 'Energie',
    chargingTime: 'Ladedauer',
    cost: 'Kosten',
    noPrice: 'Preis festlegen, um Kosten zu sehen',
    includesRunning: (n: number) => (n === 1 ? 'inkl. 1 laufendem Ladevorgang, Energie bisher' : `inkl. ${n} laufenden Ladevorgängen, Energie bisher`),
    incomplete: 'Unvollständig: Einige Ladestationen haben nicht geantwortet. Die Summen umfassen nur die angezeigten.',
    loading: 'Ladevorgänge werden geladen…',
    sessions: 'Ladevorgänge',
    noSessions: 'Keine Ladevorgänge in diesem Zeitraum.',
    noMatch: 'Keine Ladevorgänge passen zu den Filtern.',
    sortBy: (column: string) => `Nach ${column} sortieren`,
    running: 'Läuft',
    cardShort: 'Karte',
    unknownUser: 'Unbekannter Benutzer',
    guestCard: (number: string) => `Karte ${number}`,
    pageSize: 'Zeilen pro Seite',
    previous: 'Zurück',
    next: 'Weiter',
    pageOf: (page: number, count: number) => `Seite ${page} von ${count}`,
    rowsOf: (first: number, last: number, total: number) => `${first}–${last} von ${total}`,
    monthly: 'Pro Monat',
    month: 'Monat',
    byUser: 'Nach Benutzer',
    exportCsv: 'CSV exportieren',
    exportWaiting: 'Der Export ist möglich, sobald alle Ladestationen geantwortet haben.',
    pricing: 'Preis',
    pricePerKwh: 'Preis pro kWh',
    currency: 'Währung',
    savePrice: 'Speichern',
    resetPrice: 'Server-Vorgabe verwenden',
    priceFromServer: 'Server-Vorgabe',
    priceFromBrowser: 'In diesem Browser gespeichert',
    priceInvalid: 'Bitte einen Preis wie 0,35 und einen Währungscode wie EUR eingeben.',
    loadFailed: (charger: string) => `Ladevorgänge von ${charger} konnten nicht geladen werden`,
    stale: (age: string) => `Angezeigt werden die Ladevorgänge von ${age}.`,
    retry: 'Erneut versuchen',
    chargerSessions: (charger: string) => `Ladevorgänge von ${charger}`,
    allChargers: 'allen Ladestationen',
    csvStem: 'ladevorgaenge',
  },
});

/** Grouped texts (presets, columns, CSV headers, enum words); defineMessages holds flat ones. */
interface SessionLabels {
  presets: Record<RangePreset, string>;
  rangeProblems: Record<RangeProblem, string>;
  columns: Record<'charger' | 'started' | 'ended' | 'duration' | 'energy' | 'power' | 'user' | 'mode' | 'stopReason' | 'status' | 'cost', string>;
  csv: {
    headers: {
      charger: string;
      session: string;
      started: string;
      ended: string;
      duration: string;
      energy: string;
      maxPower: string;
      user: string;
      cardNumber: string;
      cardUid: string;
      mode: string;
      stopReason: string;
      status: string;
      cost: (currency: string) => string;
    };
    total: (n: number) => string;
  };
  /** Known enum values; unknown ones are humanised by enumLabel. */
  modes: Partial<Record<string, string>>;
  statuses: Partial<Record<string, string>>;
  stopReasons: Partial<Record<string, string>>;
}

export const sessionLabels: Record<Lang, SessionLabels> = {
  en: {
    presets: {
      'this-month': 'This month',
      'last-month': 'Last month',
      'this-year': 'This year',
      'last-year': 'Last year',
      custom: 'Custom',
    },
    rangeProblems: {
      'from-missing': 'Choose the first day of the period.',
      'to-missing': 'Choose the last day of the period.',
      'from-invalid': 'The first day is not a valid date (YYYY-MM-DD).',
      'to-invalid': 'The last day is not a valid date (YYYY-MM-DD).',
      'end-before-start': 'The last day is before the first day.',
    },
    columns: {
      charger: 'Charger',
      started: 'Started',
      ended: 'Ended',
      duration: 'Charging time',
      energy: 'Energy',
      power: 'Max power',
      user: 'User',
      mode: 'Mode',
      stopReason: 'Stop reason',
      status: 'Status',
      cost: 'Cost',
    },
    csv: {
      headers: {
        charger: 'Charger',
        session: 'Session',
        started: 'Started',
        ended: 'Ended',
        duration: 'Charging time (h:mm:ss)',
        energy: 'Energy (kWh)',
        maxPower: 'Max power (kW)',
        user: 'User',
        cardNumber: 'Card number',
        cardUid: 'Card UID',
        mode: 'Mode',
        stopReason: 'Stop reason',
        status: 'Status',
        cost: (currency: string) => `Cost (${currency})`,
      },
      total: (n: number) => `Total (${n} ${n === 1 ? 'session' : 'sessions'})`,
    },
    modes: { Fast: 'Fast', Eco: 'Eco', Scheduled: 'Scheduled', Solar: 'Solar' },
    statuses: { Finished: 'Finished', Charging: 'Charging' },
    stopReasons: {
      LocalStopUserDisconnectedCableFromVehicle: 'Cable unplugged',
      LocalStopUserStoppedCharging: 'Stopped by the user',
      RemoteStop: 'Stopped remotely',
      EnergyLimitReached: 'Energy limit reached',
      DepartureTimeReached: 'Departure time reached',
      EVDisconnected: 'Vehicle disconnected',
      PowerLoss: 'Power loss',
      Reboot: 'Charger restarted',
      EmergencyStop: 'Emergency stop',
      DeAuthorized: 'Authorisation withdrawn',
      Other: 'Other',
    },
  },
  de: {
    presets: {
      'this-month': 'Dieser Monat',
      'last-month': 'Letzter Monat',
      'this-year': 'Dieses Jahr',
      'last-year': 'Letztes Jahr',
      custom: 'Benutzerdefiniert',
    },
    rangeProblems: {
      'from-missing': 'Bitte den ersten Tag des Zeitraums wählen.',
      'to-missing': 'Bitte den letzten Tag des Zeitraums wählen.',
      'from-invalid': 'Der erste Tag ist kein gültiges Datum (JJJJ-MM-TT).',
      'to-invalid': 'Der letzte Tag ist kein gültiges Datum (JJJJ-MM-TT).',
      'end-before-start': 'Der letzte Tag liegt vor dem ersten Tag.',
    },
    columns: {
      charger: 'Ladestation',
      started: 'Beginn',
      ended: 'Ende',
      duration: 'Ladedauer',
      energy: 'Energie',
      power: 'Max. Leistung',
      user: 'Benutzer',
      mode: 'Modus',
      stopReason: 'Beendigungsgrund',
      status: 'Status',
      cost: 'Kosten',
    },
    csv: {
      headers: {
        charger: 'Ladestation',
        session: 'Ladevorgang',
        started: 'Beginn',
        ended: 'Ende',
        duration: 'Ladedauer (h:mm:ss)',
        energy: 'Energie (kWh)',
        maxPower: 'Max. Leistung (kW)',
        user: 'Benutzer',
        cardNumber: 'Kartennummer',
        cardUid: 'Karten-UID',
        mode: 'Modus',
        stopReason: 'Beendigungsgrund',
        status: 'Status',
        cost: (currency: string) => `Kosten (${currency})`,
      },
      total: (n: number) => `Summe (${n} ${n === 1 ? 'Ladevorgang' : 'Ladevorgänge'})`,
    },
    modes: { Fast: 'Schnell', Eco: 'Eco', Scheduled: 'Geplant', Solar: 'Solar' },
    statuses: { Finished: 'Beendet', Charging: 'Lädt' },
    stopReasons: {
      LocalStopUserDisconnectedCableFromVehicle: 'Kabel abgezogen',
      LocalStopUserStoppedCharging: 'Vom Benutzer beendet',
      RemoteStop: 'Fernbeendet',
      EnergyLimitReached: 'Energielimit erreicht',
      DepartureTimeReached: 'Abfahrtszeit erreicht',
      EVDisconnected: 'Fahrzeug getrennt',
      PowerLoss: 'Stromausfall',
      Reboot: 'Ladestation neu gestartet',
      EmergencyStop: 'Not-Aus',
      DeAuthorized: 'Autorisierung entzogen',
      Other: 'Sonstiges',
    },
  },
};
