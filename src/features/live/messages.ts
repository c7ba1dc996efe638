import { defineMessages } from '../../shared/i18n/i18n.tsx';

export const liveMessages = defineMessages({
  en: {
    connectors: 'Connectors',
    connector: (n: number) => `Connector ${n}`,
    power: 'Power',
    energy: 'Energy',
    noData: 'No live data from the charger yet.',
    updated: (age: string) => `updated ${age}`,
    neverUpdated: 'no data received yet',
    statuses: 'Status',
  },
  de: {
    connectors: 'Ladepunkte',
    connector: (n: number) => `Ladepunkt ${n}`,
    power: 'Leistung',
    energy: 'Energie',
    noData: 'Noch keine Live-Daten von der Ladestation.',
    updated: (age: string) => `aktualisiert ${age}`,
    neverUpdated: 'noch keine Daten empfangen',
    statuses: 'Status',
  },
});
