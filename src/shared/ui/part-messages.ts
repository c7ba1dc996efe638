import { defineMessagesGermanLater } from '../i18n/i18n.tsx';

// German: part-messages.de.ts, loaded only for German pages with the app's other tables.
export const partMessages = defineMessagesGermanLater({
  partFailed: 'This part of the dashboard could not be shown.',
  newVersion: 'The dashboard was updated on the server; reloading…',
  retry: 'Try again',
});
