import { useState } from 'react';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { sessionsMessages } from './messages.ts';
import { parseCurrencyInput, parsePriceInput } from './pricing.ts';
import type { Pricing } from './session-rows.ts';

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
  const [invalid, setInvalid] = useState(false);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const pricePerKwh = parsePriceInput(price.replace(/\s/g, ''));
    const code = parseCurrencyInput(currency);
    setInvalid(pricePerKwh === null || code === null);
    if (pricePerKwh !== null && code !== null) save({ pricePerKwh, currency: code });
  };
  const field = 'rounded-lg border border-border bg-panel-raised px-2 py-1.5 text-text';
  return (
    <form className="mt-2 flex flex-wrap items-end gap-3 border-t border-border pt-2" onSubmit={submit} aria-label={m.pricing} data-testid="price-settings">
      <label className="flex flex-col text-xs text-muted">
        {m.pricePerKwh}
        <input className={`${field} w-28`} inputMode="decimal" name="price" value={price} aria-invalid={invalid} onChange={(e) => setPrice(e.target.value)} />
      </label>
      <label className="flex flex-col text-xs text-muted">
        {m.currency}
        <input className={`${field} w-20 uppercase`} name="currency" maxLength={3} value={currency} aria-invalid={invalid} onChange={(e) => setCurrency(e.target.value)} />
      </label>
      <button type="submit" className="rounded-lg border border-border px-3 py-1.5 text-sm hover:bg-panel-raised">
        {m.savePrice}
      </button>
      {source === 'browser' ? (
        <button
          type="button"
          className="rounded-lg px-3 py-1.5 text-sm text-accent underline"
          onClick={() => {
            save(null);
            setInvalid(false);
          }}
        >
          {m.resetPrice}
        </button>
      ) : null}
      <span className="text-xs text-muted">{source === 'browser' ? m.priceFromBrowser : source === 'server' ? m.priceFromServer : m.noPrice}</span>
      {invalid ? (
        <p role="alert" className="w-full text-sm text-error">
          {m.priceInvalid}
        </p>
      ) : null}
    </form>
  );
}

