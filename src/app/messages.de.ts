/** German for `messages.ts`: a chunk of its own, loaded only for German pages (`src/app/german.ts`). */
import type { shellMessages } from './messages.ts';

export const shellMessagesDe: (typeof shellMessages)['en'] = {
  appName: 'Wallbox',
  live: 'Live',
  sessions: 'Ladevorgänge',
  garage: 'Garage',
  mainNav: 'Ansichten',
  simulated: 'Simuliert',
  simulatedHint: 'Demodaten vom eingebauten Simulator, keine echte Ladestation',
  chooseCharger: 'Ladestation',
  allChargers: 'Alle Ladestationen',
  theme: 'Design',
  themeAuto: 'Automatisch',
  themeLight: 'Hell',
  themeDark: 'Dunkel',
  language: 'English',
  languageLabel: 'Language: English',
  loading: 'Wird geladen…',
  serverDown: 'Der Dashboard-Server ist nicht erreichbar. Neuer Versuch läuft…',
  noChargers: 'Auf dem Server ist keine Ladestation eingerichtet.',
  unknownCharger: (id: string) => `Es gibt keine Ladestation „${id}“.`,
  showFirst: 'Erste Ladestation anzeigen',
  notFound: 'Diese Seite gibt es nicht.',
  backHome: 'Zur Live-Ansicht',
  crashed: 'Das Dashboard hatte einen unerwarteten Fehler und startet gleich von selbst neu.',
};
