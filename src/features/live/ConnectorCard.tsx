import { useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { ChargerSnapshot, ConnectorSnapshot } from '../../../contract/snapshot.ts';
import { stateWord } from '../../../contract/state-vocabulary.ts';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { useClipOverflowing } from '../../shared/hooks/use-clip-overflowing.ts';
import { useFitToBox } from '../../shared/hooks/use-fit-to-box.ts';
import { StatusIcon } from '../../shared/ui/StatusIcon.tsx';
import { statusMotion, statusStyle } from '../../shared/ui/status-style.ts';
import { departureNeedsDate, pastMomentNeedsDate, tickingSeconds } from './connector-state.ts';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { liveMessages } from './messages.ts';
import { FaultNoticeLoader } from './FaultNoticeLoader.tsx';

interface ConnectorCardProps {
  connector: ConnectorSnapshot;
  /** When the values were read, by this tablet's clock: the session clock ticks on from there. */
  fetchedAt: number;
  /** The server's status interval: the session clock ticks on for two of them without news. */
  statusIntervalMs: number;
  /**
   * The values are old (charger or server unreachable, or no answer for too long). One boolean,
   * however staleness is decided upstream: the card fades its values, stops its clocks, drops its
   * live colours and says as of when.
   */
  stale?: boolean;
  /** The currency the snapshot's costs are in. */
  currency: string;
  /** Today's and this month's energy and cost (the charger's, shown on the first card only). */
  totals?: ChargerSnapshot['energy'] | undefined;
  /** A pinned wall display without controls: no "Details" button (what does not fit stays hidden). */
  locked?: boolean;
}

/**
 * Slow enough that the card re-renders only twice a minute for "ended 5 minutes ago" and the
 * departure's form; the session clock ticks every second in its own small component.
 */
const CARD_CLOCK_MS = 30_000;

/** Text length as a CSS variable: long words and numbers shrink to fit their box (src/index.css). */
const lengthVar = (text: string): CSSProperties => ({ '--len': Math.max(1, text.length) }) as CSSProperties;

/**
 * One connector as a household reads it from across the room. The card scales with its own box
 * (a size container: src/index.css, "Connector card"), not with the viewport: the glance band —
 * the state in icon and word, the power, this session's energy and cost so far — grows with the
 * card and is readable from 3 m in every layout; duration, last session and today's and this
 * month's totals give way when the box runs out of height (then "Details" shows them). Everything
 * it shows is the server's snapshot; the card only formats it.
 */
export function ConnectorCard({ connector, fetchedAt, statusIntervalMs, stale = false, currency, totals, locked = false }: ConnectorCardProps) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const labels = chargerLabels[lang];
  const fmt = useFormat();
  const headingId = useId();
  const detailsId = useId();
  const [details, setDetails] = useState(false);
  const card = useRef<HTMLElement>(null);
  const glance = useRef<HTMLDivElement>(null);
  const more = useRef<HTMLDListElement>(null);
  useFitToBox(card, glance);
  useClipOverflowing(more);
  const { label, state, fault, session } = connector;
  const last = connector.lastSession;
  const kind = state.kind;
  const style = statusStyle(kind, stale);
  const now = useNow(CARD_CLOCK_MS);
  const money = (value: number | null) => (value == null ? null : fmt.money(value, currency));
  const started = session?.startedAt == null ? null : Date.parse(session.startedAt);
  const moment = (ms: number, needsDate: boolean) => (needsDate ? fmt.dayTime(ms) : fmt.time(ms));
  const departure = session?.departureAt == null ? null : Date.parse(session.departureAt);
  const lastEnded = last?.endedAt == null ? null : Date.parse(last.endedAt);
  const word = stateWord(state, lang);
  const power = connector.powerKw == null ? '—' : fmt.number(connector.powerKw, 1);
  const asOf = stale && fetchedAt > 0 ? m.asOf(moment(fetchedAt, pastMomentNeedsDate(fetchedAt, now))) : null;

  return (
    <section
      ref={card}
      aria-labelledby={headingId}
      data-testid="connector-card"
      data-status={state.raw ?? ''}
      data-state={kind}
      data-stale={stale ? 'true' : 'false'}
      className={`connector-card flex min-h-0 min-w-0 flex-col overflow-hidden rounded-2xl border border-l-[12px] border-border ${style.edge} bg-panel`}
    >
      <div className="flex items-center justify-between gap-x-3">
        <h2 id={headingId} className="card-small truncate font-semibold text-muted">
          {m.connector(label)}
        </h2>
        {!locked ? (
          <button
            type="button"
            // A finger-sized target (44 px) that takes no more of the card's height than its text.
            className="card-details-button card-small -my-3 min-h-11 shrink-0 rounded-md px-2 text-accent underline-offset-4 hover:underline"
            aria-expanded={details}
            aria-controls={detailsId}
            onClick={() => setDetails((open) => !open)}
          >
            {details ? m.lessDetails : m.details}
          </button>
        ) : null}
      </div>

      {/* The glance band: readable across the room in every layout. */}
      <div ref={glance} className="card-glance flex min-w-0 flex-col">
        {/* Announced when it changes, with the connector's name; the ticking clock below is not. */}
        <p aria-live="polite" aria-atomic="true" data-testid="connector-status" className="min-w-0">
          <span className="sr-only">{m.statusOf(label)}: </span>
          {asOf ? (
            <span className="card-state flex min-w-0 items-center gap-[0.3em] font-bold text-text" data-testid="stale-since" style={lengthVar(asOf)}>
              <StatusIcon kind="stale" className="size-[0.9em] shrink-0 text-muted" />
              <span className="min-w-0">
                {asOf}
                <span className="sr-only">, {m.lastKnown}: {word}</span>
              </span>
            </span>
          ) : (
            <span
              data-kind={kind}
              data-stale="false"
              title={word}
              style={lengthVar(word)}
              className={`card-state card-pill inline-flex max-w-full items-center gap-[0.3em] rounded-[0.6em] px-[0.45em] py-[0.08em] font-bold ${style.fill} ${style.onFill}`}
            >
              <StatusIcon kind={kind} className={`size-[0.9em] shrink-0 ${statusMotion(kind)}`} />
              <span className="card-pill-word min-w-0">{word}</span>
            </span>
          )}
        </p>
        {asOf ? (
          <p className="card-small truncate text-muted" data-testid="last-known">
            {m.lastKnown}: {word}
          </p>
        ) : null}

        {fault ? <FaultNoticeLoader fault={fault} label={fault.severity === 'fault' ? m.fault : m.warning} stale={stale} /> : null}

        <dl className="card-values mt-[0.3em] min-w-0 gap-y-[0.2em]">
          <div className="min-w-0">
            <dt className="sr-only">{m.power}</dt>
            <dd className="flex items-baseline gap-[0.15em] leading-none" data-testid="connector-power">
              <span className="card-hero font-bold tracking-tight" style={lengthVar(power)}>
                {power}
              </span>
              <span className="card-figure font-semibold text-muted">kW</span>
            </dd>
          </div>
          {session ? (
            <>
              <Figure label={m.energy} value={session.energyKwh == null ? null : fmt.kwh(session.energyKwh, 1)} testId="session-energy" />
              <Figure label={m.costSoFar} value={money(session.costSoFar)} testId="session-cost" />
            </>
          ) : null}
        </dl>
      </div>

      {/* What gives way when the card runs out of height: as many of these figures as fit, each
          whole (useClipOverflowing); all of them behind "Details". */}
      <dl ref={more} id={detailsId} className="card-more min-h-0" data-open={details ? 'true' : 'false'} aria-label={session ? m.session : m.lastSession}>
        {session ? (
          <>
            <Detail
              label={m.duration}
              testId="session-duration"
              // A new session starts its own clock; a stale card's clock stands still.
              value={<SessionClock key={session.startedAt ?? ''} reportedSeconds={session.activeSeconds} fetchedAt={fetchedAt} statusIntervalMs={statusIntervalMs} running={!stale} />}
              hint={started === null ? undefined : m.startedAt(moment(started, pastMomentNeedsDate(started, now)))}
            />
            {departure !== null ? <Detail label={m.departure} value={moment(departure, departureNeedsDate(departure, now))} /> : null}
          </>
        ) : last ? (
          <>
            <Detail
              label={m.lastSession}
              testId="last-session"
              value={last.energyKwh == null ? null : fmt.kwh(last.energyKwh, 1)}
              hint={last.durationSeconds == null ? undefined : fmt.duration(last.durationSeconds)}
            />
            <Detail label={m.ended} value={lastEnded == null ? null : fmt.relative(lastEnded, now)} hint={lastEnded == null ? undefined : fmt.dayTime(lastEnded)} />
            <Detail label={m.stopReason} value={enumLabel(labels.stopReasons, last.stopReason)} />
          </>
        ) : (
          <Detail label={m.lastSession} value={m.noSession} />
        )}
        {totals ? (
          <>
            <Detail label={m.today} value={totals.today.kwh == null ? null : fmt.kwh(totals.today.kwh, 1)} hint={money(totals.today.cost) ?? undefined} testId="today-energy" data={totals.today.kwh} />
            <Detail label={m.thisMonth} value={totals.month.kwh == null ? null : fmt.kwh(totals.month.kwh, 1)} hint={money(totals.month.cost) ?? undefined} testId="month-energy" data={totals.month.kwh} />
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** A glance-band figure: its label small, its value large (null shows "—", never a zero for no data). */
function Figure({ label, value, testId }: { label: string; value: string | null; testId: string }) {
  const text = value ?? '—';
  return (
    <div className="min-w-0">
      <dt className="card-small text-muted">{label}</dt>
      <dd className="card-figure whitespace-nowrap font-bold leading-tight" data-testid={testId} style={lengthVar(text)}>
        {text}
      </dd>
    </div>
  );
}

/** A figure of the part that gives way: smaller, in the card's own scale. */
/** `data` is the unrounded figure behind the shown one (data-value), for checks finer than the display. */
function Detail({ label, value, hint, testId, data }: { label: string; value: ReactNode; hint?: string | undefined; testId?: string; data?: number | null }) {
  return (
    <div className="card-more-item min-w-0">
      <dt className="card-small text-muted">{label}</dt>
      <dd className="card-detail font-semibold leading-tight" data-testid={testId} data-value={data ?? undefined}>
        {value ?? '—'}
      </dd>
      {hint ? <dd className="card-small text-muted">{hint}</dd> : null}
    </div>
  );
}

/**
 * The running session's duration, ticking every second between readings. It never steps back
 * within a session: an answer from the server's 2 s cache carries a value a second or two old,
 * which would otherwise undo the seconds already shown (the parent keys this by the session).
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
