import { useMemo } from 'react';
import { isApiError } from '../../api/api-error.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { Panel, PanelError } from '../../shared/ui/Panel.tsx';
import { errorDetail, errorHeadline } from '../../shared/ui/error-text.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { buildSessionsCsv, csvFileName, type CsvText } from './csv.ts';
import { resolveRange } from './date-range.ts';
import { downloadText } from './download.ts';
import { HistoryFilters } from './HistoryFilters.tsx';
import { ExportButton, HistoryTotals } from './HistoryTotals.tsx';
import { ToolsButton, ToolsRegion, useToolsDisclosure } from './HistoryTools.tsx';
import { useNarrowScreen } from './use-narrow-screen.ts';
import { formatIsoDate } from '../../shared/time/local-calendar.ts';
import { useTimeZone } from '../../shared/time/time-zone-context.tsx';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { sessionLabels, sessionsMessages } from './messages.ts';
import { MonthlySummary } from './MonthlySummary.tsx';
import { HouseholdSettings } from './HouseholdSettings.tsx';
import { useSettings } from './api/settings-query.ts';
import { NotificationSettings } from './NotificationSettings.tsx';
import { matchesFilter, monthlySummary, pageOf, sortRows, totalsOf } from './session-rows.ts';
import { SessionTable } from './SessionTable.tsx';
import { useHistoryParams } from './use-history-params.ts';
import { useSessionHistory, type ChargerLoad } from './use-session-history.ts';

interface SessionsViewProps {
  /** One charger, or all of them for the combined garage history (`?charger=all`). */
  chargers: ChargerInfo[];
}

/**
 * The history: filters and settings, totals, the sessions, the months. On a phone the list comes
 * first: the totals over it, the filters, settings and export behind the totals' "Filters &
 * export" button (HistoryTools.tsx); a period that cannot be read keeps them open, since they
 * hold its fix. Wider screens show the filters first, as they always did.
 */
export function SessionsView({ chargers }: SessionsViewProps) {
  const m = useMessages(sessionsMessages);
  const fmt = useFormat();
  const narrow = useNarrowScreen();
  const tools = useToolsDisclosure();
  const { lang } = useLocale();
  const labels = sessionLabels[lang];
  // Once a minute is enough to roll "this month" over at midnight.
  const now = useNow(60_000);
  // The charger's calendar: its days and months, whatever the tablet's zone.
  const zone = useTimeZone();
  const [params, update] = useHistoryParams();
  const combined = chargers.length > 1;
  // The household's price, kept by the server: the same on every screen.
  const settings = useSettings();
  const { pricing } = settings;

  const range = useMemo(() => resolveRange(params.range, now, zone), [params.range, now, zone]);
  const { rows, loads, complete, profilesPending } = useSessionHistory(chargers, range, pricing, now, zone);

  const filtered = useMemo(() => rows.filter((row) => matchesFilter(row, params.filter)), [rows, params.filter]);
  const totals = useMemo(() => totalsOf(filtered), [filtered]);
  const months = useMemo(() => monthlySummary(filtered, zone, combined), [filtered, zone, combined]);
  const sorted = useMemo(() => sortRows(filtered, params.sort, params.direction), [filtered, params.sort, params.direction]);
  const page = pageOf(sorted, params.page, params.pageSize);

  const csvText: CsvText = {
    headers: labels.csv.headers,
    total: labels.csv.total,
    running: m.running,
    mode: (value) => enumLabel(chargerLabels[lang].modes, value, ''),
    stopReason: (value) => enumLabel(chargerLabels[lang].stopReasons, value, ''),
    status: (value) => enumLabel(chargerLabels[lang].sessionStatuses, value, ''),
  };
  const exportCsv = () => {
    if (!range.ok) return;
    const text = buildSessionsCsv(
      sorted,
      totals,
      { lang, zone, combined, currency: totals.costMinor !== null ? (pricing?.currency ?? null) : null, offPeak: Boolean(pricing?.offPeak) },
      csvText,
    );
    const scope = combined ? 'all' : (chargers[0]?.id ?? 'charger');
    downloadText(csvFileName(m.csvStem, scope, formatIsoDate(range.from), formatIsoDate(range.to)), text, 'text/csv;charset=utf-8');
  };

  const failed = loads.filter((load) => load.error);
  const loading = range.ok && loads.some((load) => !load.hasData && load.status === 'pending');
  const title = m.chargerSessions(combined ? m.allChargers : (chargers[0]?.name ?? ''));

  const exportDisabled = !complete || profilesPending;
  const filterCount = [params.filter.user, params.filter.card, params.filter.stop].filter(Boolean).length;
  const period = range.ok && params.range.preset === 'custom' ? `${fmt.date(range.startMs)} – ${fmt.date(range.endMs - 1)}` : labels.presets[params.range.preset];
  const summary = filterCount > 0 ? `${period} · ${m.activeFilters(filterCount)}` : period;

  // One place in the tree for the filters on each layout, so a field keeps its focus and its
  // half-typed day when the period turns unreadable (and the totals go).
  const filters = (
    <Panel title={m.filters}>
      <HistoryFilters params={params} update={update} range={range} rows={rows} combined={combined} now={now} zone={zone} />
      <HouseholdSettings chargers={chargers} />
      <NotificationSettings />
    </Panel>
  );

  return (
    <div className="flex flex-col gap-3">
      <h1 className="sr-only">{title}</h1>
      {narrow ? null : filters}

      {failed.map((load) => (
        <ChargerError key={load.charger.id} load={load} now={now} />
      ))}
      <SourceNotes loads={loads} />

      {range.ok ? (
        <HistoryTotals
          totals={totals}
          currency={pricing?.currency ?? null}
          loading={loading}
          costPending={profilesPending}
          offPeakWindow={pricing?.offPeak?.window ?? null}
          incomplete={!loading && !complete}
          exportDisabled={exportDisabled}
          onExport={exportCsv}
          noData={failed.length > 0 && loads.every((load) => !load.hasData)}
          action={narrow ? <ToolsButton tools={tools} summary={summary} /> : undefined}
        />
      ) : null}
      {narrow ? (
        <ToolsRegion tools={tools} label={m.toolsToggle} forcedOpen={!range.ok} actions={range.ok ? <ExportButton disabled={exportDisabled} onExport={exportCsv} /> : null}>
          {filters}
        </ToolsRegion>
      ) : null}

      {range.ok ? (
        <>
          <Panel title={m.sessions} testId="sessions-panel">
            {loading && rows.length === 0 ? (
              <p className="text-muted" role="status">
                {m.loading}
              </p>
            ) : (
              <SessionTable
                page={page}
                total={sorted.length}
                emptyText={failed.length > 0 && loads.every((load) => !load.hasData) ? '—' : rows.length === 0 ? m.noSessions : m.noMatch}
                combined={combined}
                showCost={totals.costMinor !== null}
                showOffPeak={Boolean(pricing?.offPeak)}
                currency={pricing?.currency ?? null}
                params={params}
                update={update}
              />
            )}
          </Panel>
          {months.length > 0 ? <MonthlySummary months={months} currency={pricing?.currency ?? null} combined={combined} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** Where the sessions came from, said plainly when it was not (only) the archive. */
function SourceNotes({ loads }: { loads: ChargerLoad[] }) {
  const m = useMessages(sessionsMessages);
  const notes = loads.flatMap((load) => {
    const name = load.charger.name;
    const lines: { key: string; text: string; warn: boolean }[] = [];
    if (load.incomplete) lines.push({ key: `${load.charger.id}:incomplete`, text: m.partlyMissing(name), warn: true });
    if (load.source === 'charger') lines.push({ key: `${load.charger.id}:source`, text: m.sourceCharger(name), warn: false });
    else if (load.source === 'mixed') lines.push({ key: `${load.charger.id}:source`, text: m.sourceMixed(name), warn: false });
    return lines;
  });
  if (notes.length === 0) return null;
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="sessions-source">
      {notes.map((note) => (
        <p key={note.key} role={note.warn ? 'alert' : undefined} className={note.warn ? 'font-semibold text-warn' : 'text-muted'}>
          {note.text}
        </p>
      ))}
    </div>
  );
}

function ChargerError({ load, now }: { load: ChargerLoad; now: number }) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const fmt = useFormat();
  const error = load.error;
  const reason = error && isApiError(error) ? [errorHeadline(error, lang), errorDetail(error, lang)].filter(Boolean).join(': ') : String(error?.message ?? '');
  return (
    <div>
      <PanelError
        headline={m.loadFailed(load.charger.name)}
        detail={load.hasData ? `${reason} ${m.stale(fmt.relative(load.updatedAt, now))}` : reason}
      />
      <Button disabled={load.fetching} onClick={load.refetch}>
        {m.retry}
      </Button>
    </div>
  );
}
