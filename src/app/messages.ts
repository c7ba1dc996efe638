import { defineMessagesGermanLater } from '../shared/i18n/i18n.tsx';

// German: messages.de.ts, loaded only for German pages (src/app/german.ts).
export const shellMessages = defineMessagesGermanLater({
  appName: 'Wallbox',
  live: 'Live',
  sessions: 'Sessions',
  garage: 'Garage',
  mainNav: 'Views',
  simulated: 'Simulated',
  simulatedHint: 'Demo data from the built-in simulator, not a real charger',
  chooseCharger: 'Charger',
  allChargers: 'All chargers',
  theme: 'Theme',
  themeAuto: 'Auto',
  themeLight: 'Light',
  themeDark: 'Dark',
  language: 'Deutsch',
  languageLabel: 'Sprache: Deutsch',
  loading: 'Loading…',
  serverDown: 'The dashboard server cannot be reached. Retrying…',
  noChargers: 'No charger is configured on the server.',
  unknownCharger: (id: string) => `There is no charger "${id}".`,
  showFirst: 'Show the first charger',
  notFound: 'This page does not exist.',
  backHome: 'Back to the live view',
  crashed: 'The dashboard hit an unexpected error and restarts by itself in a moment.',
});
