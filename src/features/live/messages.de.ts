/** German for `messages.ts`: a chunk of its own, loaded only for German pages (`src/app/german.ts`). */
import type { liveMessages } from './messages.ts';

export const liveMessagesDe: (typeof liveMessages)['en'] = {
  connectors: 'Ladepunkte',
  connector: (id: string) => `Ladepunkt ${id}`,
  statusOf: (id: string) => `Status Ladepunkt ${id}`,
  power: 'Leistung',
  session: 'Ladevorgang',
  lastSession: 'Letzter Ladevorgang',
  noSession: 'Noch kein Ladevorgang',
  energy: 'Energie',
  duration: 'Dauer',
  costSoFar: 'Kosten bisher',
  since: (time: string) => `seit ${time}`,
  lastKnown: 'Zuletzt bekannt',
  today: 'Heute',
  thisMonth: 'Diesen Monat',
  departure: 'Abfahrt',
  ended: 'Beendet',
  stopReason: 'Grund',
  fault: 'Störung',
  warning: 'Warnung',
  noData: 'Warte auf die erste Antwort der Ladestation…',
  noConnectors: 'Die Ladestation meldet keine Ladepunkte.',
  updated: (age: string) => `zuletzt aktualisiert vor ${age}`,
  neverUpdated: 'noch keine Daten empfangen',
  late: 'Keine neuen Daten',
};
