import { useState } from 'react';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { sessionsMessages } from './messages.ts';
import { formatClock, parseClock } from './off-peak.ts';
import { parseCurrencyInput, parsePriceInput } from './pricing.ts';
import type { Pricing } from './session-rows.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { FIELD } from '../../shared/ui/Select.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';

interface PriceSettingsProps {
  pricing: Pricing | null;
  source: 'browser' | 'server' | 'none';
  save: (pricing: Pricing | null) => void;
}

/** Price per kWh and currency, kept in this browser; "use the server default" forgets them. */
export function PriceSettings({ pricing, source, save }: PriceSettingsProps) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  // The fields hold text while typing (`0,3` on the way to `0,35`); saved only when valid.
  const [price, setPrice] = useState(() => (pricing ? (lang === 'de' ? String(pricing.pricePerKwh).replace('.', ',') : String(pricing.pricePerKwh)) : ''));
  const [currency, setCurrency] = useState(pricing?.currency ?? 'EUR');
  const [invalid, setInvalid] = useState<string | null>(null);
  const decimalText = (value: number) => (lang === 'de' ? String(value).replace('.', ',') : String(value));
  const [offPeakOn, setOffPeakOn] = useState(Boolean(pricing?.offPeak));
  const [offPrice, setOffPrice] = useState(pricing?.offPeak ? decimalText(pricing.offPeak.pricePerKwh) : '');
  const [offFrom, setOffFrom] = useState(formatClock(pricing?.offPeak?.window.from ?? 22 * 60));
  const [offTo, setOffTo] = useState(formatClock(pricing?.offPeak?.window.to ?? 6 * 60));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const pricePerKwh = parsePriceInput(price.replace(/\s/g, ''));
    const code = parseCurrencyInput(currency);
    if (pricePerKwh === null || code === null) return setInvalid(m.priceInvalid);
    let offPeak = null;
    if (offPeakOn) {
      const [offPerKwh, from, to] = [parsePriceInput(offPrice.replace(/\s/g, '')), parseClock(offFrom), parseClock(offTo)];
      if (offPerKwh === null || from === null || to === null || from === to) return setInvalid(m.offPeakInvalid);
      offPeak = { pricePerKwh: offPerKwh, window: { from, to } };
    }
    setInvalid(null);
    save({ pricePerKwh, currency: code, offPeak });
  };
  const field = FIELD;
  return (
    <form className="mt-2 flex flex-wrap items-end gap-3 border-t border-border pt-2" onSubmit={submit} aria-label={m.pricing} data-testid="price-settings">
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
      <Button type="submit">{m.savePrice}</Button>
      {source === 'browser' ? (
        <Button
          variant="link"
          onClick={() => {
            save(null);
            setInvalid(null);
          }}
        >
          {m.resetPrice}
        </Button>
      ) : null}
      <span className="text-xs text-muted">{source === 'browser' ? m.priceFromBrowser : source === 'server' ? m.priceFromServer : m.noPrice}</span>
      {invalid ? (
        <p role="alert" className="w-full text-sm text-error">
          {invalid}
        </p>
      ) : null}
    </form>
  );
}

