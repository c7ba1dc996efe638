import { defineMessagesGermanLater } from '../../shared/i18n/i18n.tsx';

// German: messages.de.ts, loaded only for German pages (src/app/german.ts).
export const liveMessages = defineMessagesGermanLater({
  connectors: 'Connectors',
  connector: (id: string) => `Connector ${id}`,
  statusOf: (id: string) => `Connector ${id} status`,
  power: 'Power',
  session: 'Charging session',
  lastSession: 'Last session',
  noSession: 'No session yet',
  energy: 'Energy',
  duration: 'Duration',
  costSoFar: 'Cost so far',
  since: (time: string) => `since ${time}`,
  lastKnown: 'Last known',
  today: 'Today',
  thisMonth: 'This month',
  departure: 'Departure',
  ended: 'Ended',
  stopReason: 'Reason',
  fault: 'Fault',
  warning: 'Warning',
  noData: 'Waiting for the first answer from the charger…',
  noConnectors: 'The charger reports no connectors.',
  updated: (age: string) => `last update ${age} ago`,
  neverUpdated: 'no data received yet',
  late: 'No fresh data',
});
