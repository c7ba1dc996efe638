import { useId, useState } from 'react';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { canonicalTimeZone } from '../../shared/time/time-zone-name.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { FIELD } from '../../shared/ui/Select.tsx';
import { needsPin, useSaveSettings, type ChargerZoneSetting } from './api/settings-query.ts';
import { sessionsMessages } from './messages.ts';
import { saveFailureText } from './save-failure.ts';

interface ZoneSettingsProps {
  /** The chargers this view shows. */
  chargers: ChargerInfo[];
  /** Each charger's zone now and where it comes from, by id (GET /api/settings). */
  timeZones: Readonly<Record<string, ChargerZoneSetting>>;
  /** Chargers whose days end at UTC midnight because the server runs in UTC and nobody set their zone. */
  zoneWarning: { chargerIds: string[] } | null;
  /** This screen may change settings. */
  writable: boolean;
  pinRequired: boolean;
}

/** IANA names the browser knows, offered while typing (an old WebView without the list offers none). */
const zoneNames = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/**
 * Each charger's time zone, whose days, months and "today" every figure counts in, kept by the
 * server like the prices. An empty field lets the charger follow its configuration again
 * (CHARGERS_FILE, CHARGER_TIMEZONE, the server's own zone). SessionsView remounts it when the
 * server's zones change, so the fields start from what now applies.
 */
export function ZoneSettings({ chargers, timeZones, zoneWarning, writable, pinRequired }: ZoneSettingsProps) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const save = useSaveSettings();
  const listId = useId();
  const chosen = (id: string) => (timeZones[id]?.source === 'settings' ? timeZones[id].zone : '');
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(chargers.map((c) => [c.id, chosen(c.id)])));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [names] = useState(zoneNames);
  const askPin = pinRequired || needsPin(save.error);
  const warned = chargers.filter((c) => zoneWarning?.chargerIds.includes(c.id));
  const shown = chargers.filter((c) => timeZones[c.id]);
  if (shown.length === 0) return null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const changes: Record<string, string | null> = {};
    for (const charger of shown) {
      const text = (texts[charger.id] ?? '').trim();
      const zone = text === '' ? null : canonicalTimeZone(text);
      if (text !== '' && zone === null) return setInvalid(charger.id);
      if (zone !== (chosen(charger.id) || null)) changes[charger.id] = zone;
    }
    setInvalid(null);
    if (Object.keys(changes).length === 0) return;
    save.mutate({ body: { timeZones: changes }, pin: askPin ? pin : undefined });
  };

  const failure = save.error ? saveFailureText(save.error, lang, pin !== '') : null;
  return (
    <form className="mt-2 flex flex-wrap items-end gap-3 border-t border-border pt-2" onSubmit={submit} aria-label={m.zoneSettings} data-testid="zone-settings">
      {warned.length > 0 ? (
        <p role="alert" className="w-full text-sm font-semibold text-warn" data-testid="zone-warning">
          {m.zoneUtcWarning(warned.map((c) => c.name).join(', '))}
        </p>
      ) : null}
      <fieldset disabled={!writable || save.isPending} className="contents">
        {shown.map((charger) => (
          <div key={charger.id} className="flex flex-col text-sm text-muted">
            <label className="flex flex-col">
              {shown.length > 1 ? m.zoneOf(charger.name) : m.zones}
              <input
                className={`${FIELD} w-56`}
                name={`zone-${charger.id}`}
                list={listId}
                autoComplete="off"
                spellCheck={false}
                placeholder={timeZones[charger.id]!.zone}
                value={texts[charger.id] ?? ''}
                aria-invalid={invalid === charger.id}
                onChange={(e) => setTexts((current) => ({ ...current, [charger.id]: e.target.value }))}
              />
            </label>
            <span className="text-xs" data-testid={`zone-source-${charger.id}`}>
              {timeZones[charger.id]!.zone} · {m.zoneSource(timeZones[charger.id]!.source)}
            </span>
          </div>
        ))}
        {askPin ? (
          <label className="flex flex-col text-sm text-muted">
            {m.adminPin}
            <input className={`${FIELD} w-28`} type="password" name="pin" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        ) : null}
        <Button type="submit">{m.saveZone}</Button>
      </fieldset>
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <p className="w-full text-xs text-muted">{m.zoneHint}</p>
      {save.isSuccess && !invalid ? (
        <span role="status" className="text-xs text-muted">
          {m.priceSaved}
        </span>
      ) : null}
      {invalid || failure ? (
        <p role="alert" className="w-full text-sm text-error">
          {invalid ? m.zoneInvalid : failure}
        </p>
      ) : null}
    </form>
  );
}
