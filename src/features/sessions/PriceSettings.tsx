import { useState } from 'react';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { needsPin, settingsBody, useSaveSettings } from './api/settings-query.ts';
import { sessionsMessages } from './messages.ts';
import { formatClock, parseClock } from './off-peak.ts';
import { saveFailureText } from './save-failure.ts';
import { parseCurrencyInput, parsePriceInput } from './pricing.ts';
import type { Pricing } from './session-rows.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { FIELD } from '../../shared/ui/Select.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';

interface PriceSettingsProps {
  /** The server's settings as they are now (null: no price). */
  pricing: Pricing | null;
  currency: string;
  /** Nobody saved a price yet: the server's PRICE_PER_KWH applies. */
  isDefault: boolean;
  /** The server wants the admin PIN for a change. */
  pinRequired: boolean;
  /** False when this screen cannot change settings: the server keeps none, or only the server machine may. */
  writable: boolean;
  /** Why not (`archive_off`, `local_only`); SettingsAccess explains `local_only`. */
  readOnlyReason?: string | null;
}

/**
 * Price per kWh, currency and an off-peak price, kept by the dashboard's server, so every screen
 * shows the same costs. Not shown on a kiosk display (SessionsView). The form is remounted when the server's values change (SessionsView keys
 * it), so its fields always start from what now applies.
 */
export function PriceSettings({ pricing, currency: serverCurrency, isDefault, pinRequired, writable, readOnlyReason }: PriceSettingsProps) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const save = useSaveSettings();
  const decimalText = (value: number) => (lang === 'de' ? String(value).replace('.', ',') : String(value));
  // The fields hold text while typing (`0,3` on the way to `0,35`); sent only when valid.
  const [price, setPrice] = useState(() => (pricing ? decimalText(pricing.pricePerKwh) : ''));
  const [currency, setCurrency] = useState(pricing?.currency ?? serverCurrency);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [offPeakOn, setOffPeakOn] = useState(Boolean(pricing?.offPeak));
  const [offPrice, setOffPrice] = useState(pricing?.offPeak ? decimalText(pricing.offPeak.pricePerKwh) : '');
  const [offFrom, setOffFrom] = useState(formatClock(pricing?.offPeak?.window.from ?? 22 * 60));
  const [offTo, setOffTo] = useState(formatClock(pricing?.offPeak?.window.to ?? 6 * 60));
  const [pin, setPin] = useState('');
  // The PIN field shows when the server says it needs one, or once it refused a change without it.
  const askPin = pinRequired || needsPin(save.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const code = parseCurrencyInput(currency);
    const priceText = price.replace(/\s/g, '');
    // An empty price means "no price": costs are not shown.
    const pricePerKwh = priceText === '' ? null : parsePriceInput(priceText);
    if ((priceText !== '' && pricePerKwh === null) || code === null) return setInvalid(m.priceInvalid);
    let offPeak = null;
    if (offPeakOn && pricePerKwh !== null) {
      const [offPerKwh, from, to] = [parsePriceInput(offPrice.replace(/\s/g, '')), parseClock(offFrom), parseClock(offTo)];
      if (offPerKwh === null || from === null || to === null || from === to) return setInvalid(m.offPeakInvalid);
      offPeak = { pricePerKwh: offPerKwh, window: { from, to } };
    }
    setInvalid(null);
    save.mutate({ body: settingsBody(pricePerKwh === null ? null : { pricePerKwh, currency: code, offPeak }, code), pin: askPin ? pin : undefined });
  };

  const failure = save.error ? saveFailureText(save.error, lang, pin !== '') : null;
  const field = FIELD;
  return (
    <form className="mt-2 flex flex-wrap items-end gap-3 border-t border-border pt-2" onSubmit={submit} aria-label={m.pricing} data-testid="price-settings">
      <fieldset disabled={!writable || save.isPending} className="contents">
        <label className="flex flex-col text-sm text-muted">
          {m.pricePerKwh}
          <input className={`${field} w-28`} inputMode="decimal" name="price" value={price} aria-invalid={invalid !== null} onChange={(e) => setPrice(e.target.value)} />
        </label>
        <label className="flex flex-col text-sm text-muted">
          {m.currency}
          <input className={`${field} w-20 uppercase`} name="currency" maxLength={3} value={currency} aria-invalid={invalid !== null} onChange={(e) => setCurrency(e.target.value)} />
        </label>
        <label className={`${TOUCH} flex items-center gap-2 self-end text-sm text-muted`}>
          <input className="size-6" type="checkbox" checked={offPeakOn} onChange={(e) => setOffPeakOn(e.target.checked)} />
          {m.offPeak}
        </label>
        {offPeakOn ? (
          <>
            <label className="flex flex-col text-sm text-muted">
              {m.offPeakPrice}
              <input className={`${field} w-28`} inputMode="decimal" name="offPeakPrice" value={offPrice} onChange={(e) => setOffPrice(e.target.value)} />
            </label>
            <label className="flex flex-col text-sm text-muted">
              {m.offPeakFrom}
              <input className={field} type="time" name="offPeakFrom" value={offFrom} onChange={(e) => setOffFrom(e.target.value)} />
            </label>
            <label className="flex flex-col text-sm text-muted">
              {m.offPeakTo}
              <input className={field} type="time" name="offPeakTo" value={offTo} onChange={(e) => setOffTo(e.target.value)} />
            </label>
          </>
        ) : null}
        {askPin ? (
          <label className="flex flex-col text-sm text-muted">
            {m.adminPin}
            <input className={`${field} w-28`} type="password" name="pin" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        ) : null}
        <Button type="submit">{m.savePrice}</Button>
      </fieldset>
      <span className="text-xs text-muted" data-testid="price-source">
        {!writable && readOnlyReason !== 'local_only' ? m.priceNotWritable : isDefault ? (pricing ? m.priceFromServer : m.noPrice) : m.priceShared}
      </span>
      {save.isSuccess && !invalid ? (
        <span role="status" className="text-xs text-muted">
          {m.priceSaved}
        </span>
      ) : null}
      {invalid || failure ? (
        <p role="alert" className="w-full text-sm text-error">
          {invalid ?? failure}
        </p>
      ) : null}
    </form>
  );
}
