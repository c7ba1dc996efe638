/** German for `part-messages.ts`: in the chunk of German tables, loaded only for German pages. */
import type { partMessages } from './part-messages.ts';

export const partMessagesDe: (typeof partMessages)['en'] = {
  partFailed: 'Dieser Teil des Dashboards kann nicht angezeigt werden.',
  newVersion: 'Das Dashboard wurde auf dem Server aktualisiert; es lädt neu…',
  retry: 'Erneut versuchen',
};
