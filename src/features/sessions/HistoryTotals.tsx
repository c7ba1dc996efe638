import type { ReactNode } from 'react';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Panel } from '../../shared/ui/Panel.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { sessionsMessages } from './messages.ts';
import './session-cards.css';
import { formatClock, type OffPeakWindow } from './off-peak.ts';
import { currencyDigits, ENERGY_DECIMALS, unitsToKwh, type Totals } from './session-rows.ts';

interface HistoryTotalsProps {
  totals: Totals;
  currency: string | null;
  loading: boolean;
  /** The off-peak split waits for the power profile. */
  costPending: boolean;
  offPeakWindow: OffPeakWindow | null;
  /** Some charger has no data: the totals cover fewer chargers than asked. */
  incomplete: boolean;
  exportDisabled: boolean;
  onExport: () => void;
  /** No charger answered at all (an outage): every figure is "—", never a zero that looks like data. */
  noData?: boolean;
  /** In the header instead of the export (a phone's "Filters & export", which holds the export). */
  action?: ReactNode;
}

export function HistoryTotals({ totals, currency, loading, costPending, offPeakWindow, incomplete, exportDisabled, onExport, noData = false, action }: HistoryTotalsProps) {
  const m = useMessages(sessionsMessages);
  const fmt = useFormat();
  const pending = noData ? '—' : loading ? '…' : null;
  return (
    <Panel
      title={m.totals}
      testId="sessions-totals"
      actions={action ?? <ExportButton disabled={exportDisabled} onExport={onExport} />}
    >
      <dl className="history-figures grid grid-cols-2 gap-3 lg:grid-cols-5" aria-busy={loading}>
        <Figure label={m.sessionsCount} value={pending ?? fmt.number(totals.sessions)} testId="sessions-total-count" />
        <Figure
          label={m.energy}
          value={pending ?? fmt.kwh(unitsToKwh(totals.energyUnits), ENERGY_DECIMALS)}
          testId="sessions-total-energy"
          data={loading || noData ? undefined : unitsToKwh(totals.energyUnits).toFixed(ENERGY_DECIMALS)}
          hint={pending === null && totals.energyUnknown > 0 ? m.energyUnknown(totals.energyUnknown) : undefined}
        />
        <Figure label={m.pluggedInTime} value={pending ?? fmt.duration(totals.pluggedInSeconds)} testId="sessions-total-plugged-in" />
        <Figure
          label={m.chargingTime}
          value={pending ?? (totals.chargingSeconds === null ? '—' : fmt.duration(totals.chargingSeconds))}
          hint={pending === null && totals.chargingUnknown > 0 ? m.chargingUnknown(totals.chargingUnknown, totals.sessions) : undefined}
          testId="sessions-total-duration"
        />
        <Figure
          label={m.cost}
          value={pending ?? (costPending ? '…' : null) ?? (currency && (totals.costMinor !== null || totals.sessions === 0) ? fmt.money((totals.costMinor ?? 0) / 10 ** currencyDigits(currency), currency) : '—')}
          hint={currency ? undefined : m.noPrice}
          testId="sessions-total-cost"
        />
      </dl>
      {offPeakWindow && totals.offPeakUnits !== null && !loading && !costPending ? (
        <p className="mt-2 text-sm text-muted" data-testid="sessions-total-off-peak" data-value={unitsToKwh(totals.offPeakUnits).toFixed(ENERGY_DECIMALS)}>
          {m.offPeakEnergy(`${formatClock(offPeakWindow.from)}–${formatClock(offPeakWindow.to)}`)}: {fmt.kwh(unitsToKwh(totals.offPeakUnits), ENERGY_DECIMALS)}
          {totals.offPeakEstimated > 0 ? ` · ${m.offPeakEstimated(totals.offPeakEstimated)}` : ''}
        </p>
      ) : null}
      {totals.running > 0 && !loading ? <p className="mt-2 text-sm text-charging">{m.includesRunning(totals.running)}</p> : null}
      {incomplete ? (
        <p role="alert" className="mt-2 text-sm font-semibold text-warn">
          {m.incomplete}
        </p>
      ) : null}
      {exportDisabled && !loading ? <p className="mt-1 text-xs text-muted">{m.exportWaiting}</p> : null}
    </Panel>
  );
}

/** The CSV export: in the totals' header, or on a phone among the filters. */
export function ExportButton({ disabled, onExport }: { disabled: boolean; onExport: () => void }) {
  const m = useMessages(sessionsMessages);
  return (
    <Button variant="primary" data-testid="csv-export" disabled={disabled} title={disabled ? m.exportWaiting : undefined} onClick={onExport}>
      {m.exportCsv}
    </Button>
  );
}

function Figure({ label, value, hint, testId, data }: { label: string; value: string; hint?: string | undefined; testId: string; data?: string | undefined }) {
  return (
    // The value's size follows the box (session-cards.css), so a phone's half width holds it.
    <div className="history-figure rounded-xl bg-panel-raised p-3">
      <dt className="text-xs uppercase tracking-wide text-muted">{label}</dt>
      <dd className="history-figure-value font-bold tabular-nums" data-testid={testId} data-value={data}>
        {value}
      </dd>
      {hint ? <dd className="text-xs text-muted">{hint}</dd> : null}
    </div>
  );
}
