import { useId, useState, type ReactNode } from 'react';
import type { ChargerSnapshot, ConnectorSnapshot } from '../../../contract/snapshot.ts';
import { stateWord } from '../../../contract/state-vocabulary.ts';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { StatusBadge } from '../../shared/ui/StatusBadge.tsx';
import { StatusIcon } from '../../shared/ui/StatusIcon.tsx';
import { Stat } from '../../shared/ui/Stat.tsx';
import { statusMotion, statusStyle } from '../../shared/ui/status-style.ts';
import { departureNeedsDate, pastMomentNeedsDate, tickingSeconds } from './connector-state.ts';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { liveMessages } from './messages.ts';
import { FaultNoticeLoader } from './FaultNoticeLoader.tsx';

interface ConnectorCardProps {
  connector: ConnectorSnapshot;
  /** When the data was fetched: the session clock ticks on from there. */
  fetchedAt: number;
  /** The server's status interval: the session clock ticks on for two of them without news. */
  statusIntervalMs: number;
  /**
   * The values are old (charger or server unreachable, or no answer for too long). One boolean,
   * however staleness is decided upstream: the card dims its values, turns its status neutral
   * ("last known") and says since when.
   */
  stale?: boolean;
  /** The currency the snapshot's costs are in. */
  currency: string;
  /** Today's and this month's energy and cost (the charger's, shown on the first card only). */
  totals?: ChargerSnapshot['energy'] | undefined;
  /** Two or more cards share the screen: a smaller hero figure. */
  compact?: boolean;
}

/**
 * Slow enough that the card re-renders only twice a minute for "ended 5 minutes ago" and the
 * departure's form; the session clock ticks every second in its own small component.
 */
const CARD_CLOCK_MS = 30_000;

/**
 * One connector as a household reads it from across the room: the status in colour, icon and
 * word, the power, this session's energy, duration and cost, and today's and this month's energy.
 * Everything it shows is the server's snapshot; the card only formats it.
 */
export function ConnectorCard({ connector, fetchedAt, statusIntervalMs, stale = false, currency, totals, compact = false }: ConnectorCardProps) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const labels = chargerLabels[lang];
  const fmt = useFormat();
  const headingId = useId();
  const { label, state, fault, session } = connector;
  const last = connector.lastSession;
  const kind = state.kind;
  const style = statusStyle(kind, stale);
  const now = useNow(CARD_CLOCK_MS);
  const money = (value: number | null) => (value == null ? null : fmt.money(value, currency));
  const started = session?.startedAt == null ? null : Date.parse(session.startedAt);
  const moment = (ms: number, needsDate: boolean) => (needsDate ? fmt.dayTime(ms) : fmt.time(ms));
  const since = (ms: number) => m.since(moment(ms, pastMomentNeedsDate(ms, now)));
  const departure = session?.departureAt == null ? null : Date.parse(session.departureAt);
  const lastEnded = last?.endedAt == null ? null : Date.parse(last.endedAt);

  return (
    <section
      aria-labelledby={headingId}
      data-testid="connector-card"
      data-status={state.raw ?? ''}
      data-state={kind}
      data-stale={stale ? 'true' : 'false'}
      className={`@container flex min-h-0 min-w-0 flex-col gap-[clamp(0.5rem,1.5vmin,1.25rem)] rounded-2xl border border-l-[12px] border-border ${style.edge} bg-panel p-[clamp(0.75rem,2vmin,1.5rem)]`}
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-label font-semibold text-muted">
          {m.connector(label)}
        </h2>
        {stale && fetchedAt > 0 ? (
          <p className="stat-lg font-bold text-text" data-testid="stale-since">
            <StatusIcon kind="stale" className="mr-2 inline size-[0.8em] align-[-0.1em] text-muted" />
            {since(fetchedAt)}
          </p>
        ) : null}
      </div>
      {/* Announced when it changes, with the connector's name; the ticking clock below is not. */}
      <p aria-live="polite" aria-atomic="true" data-testid="connector-status" className={compact ? 'stat-lg' : 'text-status'}>
        <span className="sr-only">{m.statusOf(label)}: </span>
        <StatusBadge
          kind={kind}
          stale={stale}
          staleLabel={m.lastKnown}
          word={stateWord(state, lang)}
        />
      </p>

      {fault ? <FaultNoticeLoader fault={fault} label={fault.severity === 'fault' ? m.fault : m.warning} /> : null}

      <div className="stale-dim flex flex-col gap-[clamp(0.5rem,1.5vmin,1.25rem)]">
        <dl>
          <dt className="sr-only">{m.power}</dt>
          <dd className="flex items-baseline gap-3 leading-none" data-testid="connector-power">
            <span className={`${compact ? 'stat-lg' : 'text-hero'} font-bold tracking-tight`}>{connector.powerKw == null ? '—' : fmt.number(connector.powerKw, 1)}</span>
            <span className="stat-md font-semibold text-muted">kW</span>
            {kind === 'charging' && !stale ? <StatusIcon kind="charging" className={`size-[1.5em] self-center ${style.text} ${statusMotion(kind)}`} /> : null}
          </dd>
        </dl>

        <section aria-label={session ? m.session : m.lastSession}>
          <h3 className="text-label font-semibold uppercase tracking-wide text-muted">{session ? m.session : m.lastSession}</h3>
          {session ? (
            <dl className="mt-1 grid grid-cols-[repeat(auto-fit,minmax(9rem,1fr))] gap-x-6 gap-y-2">
              <Stat label={m.energy} value={session.energyKwh == null ? null : fmt.kwh(session.energyKwh, 1)} testId="session-energy" />
              <Stat
                label={m.duration}
                testId="session-duration"
                // A new session starts its own clock; a stale card's clock stands still.
                value={<SessionClock key={session.startedAt ?? ''} reportedSeconds={session.activeSeconds} fetchedAt={fetchedAt} statusIntervalMs={statusIntervalMs} running={!stale} />}
                hint={started === null ? undefined : since(started)}
              />
              <Stat label={m.costSoFar} value={money(session.costSoFar)} testId="session-cost" />
              {departure !== null ? <Stat label={m.departure} value={moment(departure, departureNeedsDate(departure, now))} /> : null}
            </dl>
          ) : last ? (
            <dl className="mt-1 grid grid-cols-[repeat(auto-fit,minmax(12rem,1fr))] gap-x-6 gap-y-2">
              <Stat label={m.energy} value={last.energyKwh == null ? null : fmt.kwh(last.energyKwh, 1)} />
              <Stat label={m.duration} value={last.durationSeconds == null ? null : fmt.duration(last.durationSeconds)} />
              <Stat label={m.ended} value={lastEnded == null ? null : fmt.relative(lastEnded, now)} hint={lastEnded == null ? undefined : fmt.dayTime(lastEnded)} />
              <Stat label={m.stopReason} value={enumLabel(labels.stopReasons, last.stopReason)} size="sm" />
            </dl>
          ) : (
            <p className="mt-1 stat-md text-muted">{m.noSession}</p>
          )}
        </section>

        {totals ? (
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 border-t border-border pt-[clamp(0.5rem,1.5vmin,1rem)]" data-testid="energy-totals">
            <PeriodStat label={m.today} kwh={totals.today.kwh} cost={money(totals.today.cost)} testId="today-energy" />
            <PeriodStat label={m.thisMonth} kwh={totals.month.kwh} cost={money(totals.month.cost)} testId="month-energy" />
          </dl>
        ) : null}
      </div>
    </section>
  );
}

function PeriodStat({ label, kwh, cost, testId }: { label: string; kwh: number | null; cost: string | null; testId: string }) {
  const fmt = useFormat();
  return <Stat label={label} value={kwh == null ? null : fmt.kwh(kwh, 1)} hint={kwh == null ? undefined : (cost ?? undefined)} testId={testId} />;
}

/**
 * The running session's duration, ticking every second between polls. It never steps back within
 * a session: an answer from the server's 2 s cache carries a value a second or two old, which
 * would otherwise undo the seconds already shown (the parent keys this by session id).
 */
function SessionClock({ reportedSeconds, fetchedAt, statusIntervalMs, running }: { reportedSeconds: number | null; fetchedAt: number; statusIntervalMs: number; running: boolean }): ReactNode {
  const fmt = useFormat();
  const now = useNow(1000);
  // Stopped (stale): the charger's own last figure, not one counted on from it.
  const ticking = running ? tickingSeconds(reportedSeconds, fetchedAt, now, 2 * statusIntervalMs) : reportedSeconds;
  const [shown, setShown] = useState(ticking);
  const seconds = ticking != null && shown != null && shown > ticking ? shown : ticking;
  // Remembering what was shown during render, as React documents for values from earlier renders.
  if (seconds !== shown) setShown(seconds);
  return seconds == null ? '—' : fmt.clock(seconds);
}
