import { Button } from '../../shared/ui/Button.tsx';
import './session-cards.css';
import { Select } from '../../shared/ui/Select.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { sessionLabels, sessionsMessages } from './messages.ts';
import { currencyDigits, ENERGY_DECIMALS, unitsToKwh, type Page, type SessionRow, type SortKey } from './session-rows.ts';
import { PAGE_SIZES, type HistoryParams } from './use-history-params.ts';

/** Columns a portrait tablet leaves out (the CSV has them all); the running badge says the status. */
const ONLY_WIDE = 'hidden lg:table-cell';

interface SessionTableProps {
  page: Page<SessionRow>;
  /** Rows over all pages (after the filters). */
  total: number;
  emptyText: string;
  combined: boolean;
  showCost: boolean;
  showOffPeak: boolean;
  currency: string | null;
  params: HistoryParams;
  update: (changes: Record<string, string | null>) => void;
}

export function SessionTable({ page, total, emptyText, combined, showCost, showOffPeak, currency, params, update }: SessionTableProps) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const labels = sessionLabels[lang];
  const columns = labels.columns;

  const sortHeader = (key: SortKey, label: string, align = 'text-left', wide = '') => {
    const active = params.sort === key;
    const next = active && params.direction === 'desc' ? 'asc' : 'desc';
    return (
      <th scope="col" className={`px-2 py-2 ${align} ${wide}`} aria-sort={active ? (params.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className={`${TOUCH} inline-flex items-center gap-1 font-semibold uppercase hover:text-text ${active ? 'text-text' : ''}`}
          title={m.sortBy(label)}
          onClick={() => update({ sort: key === 'started' ? null : key, dir: next === 'desc' ? null : 'asc' })}
        >
          {label}
          <span aria-hidden="true" className="text-xs">
            {active ? (params.direction === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const plainHeader = (label: string, wide = '') => (
    <th scope="col" className={`px-2 py-2 text-left font-semibold ${wide}`}>
      {label}
    </th>
  );

  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto">
        <table data-testid="session-table" className="session-table w-full border-collapse text-sm">
          <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
            <tr>
              {combined ? sortHeader('charger', columns.charger) : null}
              {sortHeader('started', columns.started)}
              {sortHeader('ended', columns.ended)}
              {sortHeader('plugged', columns.plugged, 'text-right')}
              {sortHeader('duration', columns.duration, 'text-right')}
              {sortHeader('energy', columns.energy, 'text-right')}
              {sortHeader('power', columns.power, 'text-right', ONLY_WIDE)}
              {plainHeader(columns.user)}
              {plainHeader(columns.mode, ONLY_WIDE)}
              {plainHeader(columns.stopReason)}
              {plainHeader(columns.status, ONLY_WIDE)}
              {showCost ? plainHeader(columns.cost) : null}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <SessionTableRow key={row.key} row={row} combined={combined} showCost={showCost} showOffPeak={showOffPeak} currency={currency} />
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? <p className="p-4 text-center text-muted">{emptyText}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Select
          layout="inline"
          label={m.pageSize}
          value={String(params.pageSize)}
          options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
          onChange={(size) => update({ size: size === '25' ? null : size })}
        />
        <span className="text-muted" data-testid="session-range-info">
          {total > 0 ? m.rowsOf(page.first + 1, page.first + page.rows.length, total) : ''}
        </span>
        <nav className="ml-auto flex items-center gap-2" aria-label={m.pageOf(page.pageNumber, page.pageCount)}>
          <Button disabled={page.pageNumber <= 1} onClick={() => update({ page: page.pageNumber - 1 > 1 ? String(page.pageNumber - 1) : null })}>
            {m.previous}
          </Button>
          <span className="tabular-nums">{m.pageOf(page.pageNumber, page.pageCount)}</span>
          <Button disabled={page.pageNumber >= page.pageCount} onClick={() => update({ page: String(page.pageNumber + 1) })}>
            {m.next}
          </Button>
        </nav>
      </div>
    </div>
  );
}

function SessionTableRow({ row, combined, showCost, showOffPeak, currency }: { row: SessionRow; combined: boolean; showCost: boolean; showOffPeak: boolean; currency: string | null }) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const labels = chargerLabels[lang];
  const fmt = useFormat();
  const columns = sessionLabels[lang].columns;
  return (
    <tr data-testid="session-row" data-session-id={row.id} data-running={row.running || undefined} className="border-b border-border/60 align-top last:border-0">
      {combined ? <td data-label={columns.charger} className="px-2 py-2 font-medium">{row.chargerName}</td> : null}
      <td data-label={columns.started} className="px-2 py-2 tabular-nums lg:whitespace-nowrap">{fmt.dateTime(row.started)}</td>
      <td data-label={columns.ended} className="px-2 py-2 tabular-nums lg:whitespace-nowrap">
        {row.ended !== null ? (
          fmt.dateTime(row.ended)
        ) : (
          <span className="rounded-full border border-charging/60 px-2 py-0.5 text-xs font-semibold uppercase text-charging">{m.running}</span>
        )}
      </td>
      <td data-label={columns.plugged} className="whitespace-nowrap px-2 py-2 text-right tabular-nums" data-testid="session-plugged-in">
        {row.pluggedInSeconds !== null ? fmt.clock(row.pluggedInSeconds) : '—'}
      </td>
      <td data-label={columns.duration} className="whitespace-nowrap px-2 py-2 text-right tabular-nums" data-testid="session-charging">
        {row.chargingSeconds !== null ? fmt.clock(row.chargingSeconds) : '—'}
      </td>
      <td data-label={columns.energy} className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
        {row.energyUnits === null ? (
          <span data-testid="session-energy" data-unknown="true" title={m.energyUnknownRow}>
            —<span className="sr-only"> ({m.energyUnknownRow})</span>
          </span>
        ) : (
          <span data-testid="session-energy">{fmt.kwh(unitsToKwh(row.energyUnits), ENERGY_DECIMALS)}</span>
        )}
        {showOffPeak && row.costPending ? (
          <div className="text-xs text-muted" data-testid="session-off-peak" data-pending="true">
            {m.offPeakShort} …
          </div>
        ) : showOffPeak && row.offPeakUnits !== null ? (
          <div className="text-xs text-muted" data-testid="session-off-peak" title={row.offPeakEstimated ? m.offPeakEstimated(1) : undefined}>
            {m.offPeakShort} {fmt.number(unitsToKwh(row.offPeakUnits), ENERGY_DECIMALS)}
            {row.offPeakEstimated ? '*' : ''}
          </div>
        ) : null}
      </td>
      <td data-label={columns.power} className={`whitespace-nowrap px-2 py-2 text-right tabular-nums ${ONLY_WIDE}`}>{row.maxPowerKw !== null ? fmt.kw(row.maxPowerKw) : '—'}</td>
      <td data-label={columns.user} className="px-2 py-2">
        <div>{row.userName ?? (row.cardNumber ? m.guestCard(row.cardNumber) : m.unknownUser)}</div>
        {row.cardNumber || row.identificationCode ? (
          <div className="text-xs text-muted">
            {m.cardShort} {[row.cardNumber, row.identificationCode].filter(Boolean).join(' · ')}
          </div>
        ) : null}
      </td>
      <td data-label={columns.mode} className={`px-2 py-2 ${ONLY_WIDE}`}>{enumLabel(labels.modes, row.mode)}</td>
      <td data-label={columns.stopReason} className="px-2 py-2">{row.running ? '—' : enumLabel(labels.stopReasons, row.stopReason)}</td>
      <td data-label={columns.status} className={`px-2 py-2 ${ONLY_WIDE}`}>{enumLabel(labels.sessionStatuses, row.status)}</td>
      {showCost ? (
        <td data-label={columns.cost} className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
          {row.costPending ? '…' : row.costMinor !== null && currency ? fmt.money(row.costMinor / 10 ** currencyDigits(currency), currency) : '—'}
        </td>
      ) : null}
    </tr>
  );
}
