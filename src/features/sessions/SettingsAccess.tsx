import { useMessages } from '../../shared/i18n/i18n.tsx';
import { sessionsMessages } from './messages.ts';

/**
 * Why this screen cannot change the settings when only the server machine may (no ADMIN_PIN), and
 * how to change that. The archive switched off is said by the forms themselves.
 */
export function SettingsAccess({ readOnlyReason }: { readOnlyReason: string | null }) {
  const m = useMessages(sessionsMessages);
  if (readOnlyReason !== 'local_only') return null;
  return (
    <div className="mt-2 w-full border-t border-border pt-2 text-sm" data-testid="settings-access" role="note">
      <p className="font-semibold">{m.settingsLocalOnly}</p>
      <p className="text-muted">{m.settingsHowToPin}</p>
    </div>
  );
}
