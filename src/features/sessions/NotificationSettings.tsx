import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { errorDetail, errorHeadline } from '../../shared/ui/error-text.ts';
import { FIELD } from '../../shared/ui/Select.tsx';
import { needsPin } from './api/settings-query.ts';
import { notificationsQuery, useSendTestNotification } from './api/notifications-query.ts';
import { sessionsMessages } from './messages.ts';

/**
 * Where the server sends its notifications (configured on the server, shown without secrets: the
 * address only), what it tells, and a test message to every target with each one's answer.
 */
export function NotificationSettings() {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const query = useQuery(notificationsQuery());
  const send = useSendTestNotification();
  const [pin, setPin] = useState('');
  // Nothing configured on the server: nothing to show (the README says how to configure it).
  if (!query.data || query.data.targets.length === 0) return null;
  const { targets, rules, unreachableMinutes, pinRequired } = query.data;
  const askPin = pinRequired || needsPin(send.error);
  const kindWord = (kind: string) => (kind === 'mqtt' ? m.targetMqtt : kind === 'ntfy' ? m.targetNtfy : kind === 'webhook' ? m.targetWebhook : kind);
  const ruleWords = rules.map((rule) => (rule === 'session_finished' ? m.ruleSessionFinished : rule === 'fault' ? m.ruleFault : rule === 'unreachable' ? m.ruleUnreachable(unreachableMinutes) : rule));
  const failure = send.error ? (needsPin(send.error) ? (pin ? m.pinRejected : m.testPinNeeded) : `${m.testFailed}: ${errorHeadline(isApiError(send.error) ? send.error : { message: String(send.error) }, lang)}`) : null;

  return (
    <section className="mt-2 flex flex-col gap-2 border-t border-border pt-2 text-sm" aria-label={m.notifications} data-testid="notification-settings">
      <h2 className="text-muted">{m.notifications}</h2>
      <ul className="flex flex-wrap gap-x-4" data-testid="notification-targets">
        {targets.map((target) => (
          <li key={`${target.kind} ${target.address}`}>
            {kindWord(target.kind)}: <span className="text-muted">{target.address}</span>
          </li>
        ))}
      </ul>
      <p className="text-muted">{m.notificationRules(ruleWords.length > 0 ? ruleWords.join(', ') : m.noRules)}</p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          send.mutate({ pin: askPin ? pin : undefined });
        }}
      >
        {askPin ? (
          <label className="flex flex-col text-muted">
            {m.adminPin}
            <input className={`${FIELD} w-28`} type="password" name="notification-pin" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        ) : null}
        <Button type="submit" disabled={send.isPending}>
          {m.sendTest}
        </Button>
      </form>
      {send.data ? (
        <ul role="status" data-testid="notification-test-results">
          {send.data.results.map((result) => (
            <li key={`${result.kind} ${result.address}`} data-ok={result.ok}>
              {kindWord(result.kind)}: {result.ok ? m.testDelivered : m.testNotDelivered(errorDetail({ message: result.error ?? '' }, lang) ?? '')}
            </li>
          ))}
        </ul>
      ) : null}
      {failure ? (
        <p role="alert" className="text-error">
          {failure}
        </p>
      ) : null}
    </section>
  );
}
