import { useState, type ReactNode } from 'react';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Panel } from '../../shared/ui/Panel.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';
import { sessionsMessages } from './messages.ts';
import './session-cards.css';
import { currencyDigits, ENERGY_DECIMALS, unitsToKwh, type MonthSummary, type Totals } from './session-rows.ts';

const FIRST_MONTHS = 12;

/** kWh, sessions and cost per local month, each with its users; the months add up to the totals. */
export function MonthlySummary({ months, currency, combined }: { months: MonthSummary[]; currency: string | null; combined: boolean }) {
  const m = useMessages(sessionsMessages);
  const fmt = useFormat();
  const figure = 'month-figure text-right tabular-nums';
  const figures = (t: Totals) => (
    <>
      <span className={figure}>{fmt.number(t.sessions)}</span>
      <span className={figure} title={t.energyUnknown > 0 ? m.energyUnknown(t.energyUnknown) : undefined}>
        {fmt.kwh(unitsToKwh(t.energyUnits), ENERGY_DECIMALS)}
        {t.energyUnknown > 0 ? '*' : ''}
      </span>
      <span className={figure}>
        {/* A sum leaving out sessions whose off-peak split is still being read would be too low. */}
        {t.costPending > 0 ? '…' : currency && t.costMinor !== null ? fmt.money(t.costMinor / 10 ** currencyDigits(currency), currency) : '—'}
      </span>
    </>
  );
  // Years of history are hundreds of months: the latest year first, the rest on request.
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? months : months.slice(0, FIRST_MONTHS);
  // Four columns where they fit, the month on a line of its own on a phone (session-cards.css).
  const grid = 'month-grid';
  const name = 'month-name';
  return (
    <Panel title={m.monthly} testId="monthly-summary" className="@container">
      <div className={`${grid} border-b border-border px-2 pb-2 text-xs font-semibold uppercase tracking-wide text-muted`}>
        <span className={name}>{m.month}</span>
        <span className="text-right">{m.sessionsCount}</span>
        <span className="text-right">{m.energy}</span>
        <span className="text-right">{m.cost}</span>
      </div>
      {shown.map((month) => (
        <MonthDetails
          key={month.key}
          month={month}
          initiallyOpen={months.length === 1}
          summary={
            <summary className={`${grid} ${TOUCH} cursor-pointer px-2 py-2 font-semibold`}>
              <span className={name}>{fmt.month(month.sampleMs)}</span>
              {figures(month)}
            </summary>
          }
        >
          {() => (
            <div className="pb-2">
              {month.users.map((user) => (
                <div key={user.key} data-testid="month-user" className={`${grid} px-2 py-1 pl-6 text-sm text-muted`}>
                  <span className={`${name} text-text`}>
                    {user.userName ?? (user.cardNumber ? m.guestCard(user.cardNumber) : m.unknownUser)}
                    {combined && user.chargerName ? <span className="text-muted"> · {user.chargerName}</span> : null}
                  </span>
                  {figures(user)}
                </div>
              ))}
            </div>
          )}
        </MonthDetails>
      ))}
      {shown.length < months.length ? (
        <Button className="mt-2" onClick={() => setShowAll(true)}>
          {m.showAllMonths(months.length)}
        </Button>
      ) : null}
    </Panel>
  );
}

/** A month whose users are rendered only once opened: years of history stay a short DOM. */
function MonthDetails({ month, initiallyOpen, summary, children }: { month: MonthSummary; initiallyOpen: boolean; summary: ReactNode; children: () => ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="month-summary"
      data-month={month.key}
      className="border-b border-border/60 last:border-0"
    >
      {summary}
      {open ? children() : null}
    </details>
  );
}
