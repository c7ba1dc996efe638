import { useId, useState, type ReactNode } from 'react';
import type { Connector } from '../../api/charger-schemas.ts';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { departureNeedsDate, hasFault, phasesLabel, sessionOpen, statusTone, tickingSeconds, type Tone } from './connector-state.ts';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { liveMessages } from './messages.ts';

// Whole class names, so Tailwind finds them.
const TONE_BG: Record<Tone, string> = { ok: 'bg-ok', charging: 'bg-charging', waiting: 'bg-warn', error: 'bg-error', idle: 'bg-idle' };
const TONE_BORDER: Record<Tone, string> = {
  ok: 'border-l-ok',
  charging: 'border-l-charging',
  waiting: 'border-l-warn',
  error: 'border-l-error',
  idle: 'border-l-idle',
};

interface ConnectorCardProps {
  /** "1", or "2/1" when several EVSEs each have connectors. */
  label: string;
  connector: Connector;
  /** When the data was fetched: the session clock ticks on from there. */
  fetchedAt: number;
  /** The server's status interval: the session clock ticks on for two of them without news. */
  statusIntervalMs: number;
}

/**
 * Slow enough that the card re-renders only twice a minute for "ended 5 minutes ago" and the
 * departure's form; the session clock ticks every second in its own small component.
 */
const CARD_CLOCK_MS = 30_000;

export function ConnectorCard({ label, connector, fetchedAt, statusIntervalMs }: ConnectorCardProps) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const labels = chargerLabels[lang];
  const fmt = useFormat();
  const headingId = useId();
  const online = connector.onlineData;
  const last = connector.lastSession;
  const tone = statusTone(online);
  const open = sessionOpen(online);
  const fault = online && hasFault(online) ? online : null;
  const now = useNow(CARD_CLOCK_MS);
  const amps = (value: number | null | undefined, decimals = 0) => (value == null ? '—' : fmt.amps(value, decimals));

  return (
    <section
      aria-labelledby={headingId}
      data-testid="connector-card"
      data-status={online?.status ?? ''}
      className={`rounded-2xl border border-l-[12px] border-border ${TONE_BORDER[tone]} bg-panel p-5`}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-2xl font-semibold text-muted">
          {m.connector(label)}
        </h2>
        {/* Announced when it changes, with the connector's name; the ticking clock below is not. */}
        <p aria-live="polite" aria-atomic="true" data-testid="connector-status" className={`rounded-full px-5 py-1 text-3xl font-bold text-surface ${TONE_BG[tone]}`}>
          <span className="sr-only">{m.statusOf(label)}: </span>
          {online ? enumLabel(labels.connectorStatuses, online.status) : '—'}
        </p>
      </div>

      {fault ? (
        <div role="alert" className="mt-4 rounded-xl bg-error px-4 py-3 text-surface">
          <p className="text-2xl font-bold">{fault.faultEventType ? `${m.fault}: ${enumLabel({}, fault.faultEventType)}` : m.fault}</p>
          {fault.faultEventDescription ? <p className="mt-1 text-xl">{fault.faultEventDescription}</p> : null}
        </div>
      ) : null}

      {/* The three facts sit beside the big number when they fit on one line there (a line less,
          which the chart under the card needs on a landscape screen), and under it when not. */}
      <div className="mt-4 flex flex-wrap items-end gap-x-8 gap-y-3">
        <dl>
          <dt className="sr-only">{m.power}</dt>
          <dd className="flex items-baseline gap-3 leading-none" data-testid="connector-power">
            <span className="text-8xl font-bold tracking-tight">{online?.power == null ? '—' : fmt.number(online.power, 1)}</span>
            <span className="text-4xl font-semibold text-muted">kW</span>
          </dd>
        </dl>
        <dl className="grid flex-auto grid-cols-3 gap-x-4 sm:gap-x-6 sm:whitespace-nowrap">
          <Fact label={m.targetCurrent}>{amps(online?.targetCurrent)}</Fact>
          <Fact label={m.phases}>{phasesLabel(online?.phaseUsed ?? null) ?? '—'}</Fact>
          <Fact label={m.phaseCurrent}>{amps(online?.phase1Current, 1)}</Fact>
        </dl>
      </div>

      <h3 className="mt-5 border-t border-border pt-4 text-lg font-semibold uppercase tracking-wide text-muted">
        {open ? m.session : m.lastSession}
      </h3>
      {open && online ? (
        // Columns as wide as their values, the rest to the departure: with a wide system font
        // (DejaVu on a plain Linux) four equal columns wrap its date onto three lines.
        <dl className="mt-2 grid grid-cols-2 gap-x-8 gap-y-3 sm:grid-cols-[auto_auto_auto_minmax(0,1fr)]">
          <Fact label={m.energy}>{online.consumedEnergy == null ? '—' : fmt.kwh(online.consumedEnergy)}</Fact>
          <Fact label={m.duration} testId="session-duration">
            {/* A new session starts its own clock. */}
            <SessionClock key={online.sessionId ?? ''} reportedSeconds={online.chargingDuration} fetchedAt={fetchedAt} statusIntervalMs={statusIntervalMs} />
          </Fact>
          <Fact label={m.mode}>{enumLabel(labels.modes, online.mode)}</Fact>
          <Fact label={m.departure}>
            {online.plannedDepartureTime == null
              ? '—'
              : departureNeedsDate(online.plannedDepartureTime, now)
                ? fmt.dayTime(online.plannedDepartureTime)
                : fmt.time(online.plannedDepartureTime)}
          </Fact>
        </dl>
      ) : last ? (
        // Two columns: a reason in words or a date needs the width.
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-3">
          <Fact label={m.energy}>{last.energyConsumed == null ? '—' : fmt.kwh(last.energyConsumed)}</Fact>
          <Fact label={m.duration}>{last.chargingDuration == null ? '—' : fmt.duration(last.chargingDuration)}</Fact>
          <Fact label={m.ended}>
            {last.chargingEndedTime == null ? (
              '—'
            ) : (
              // The moment beside "… ago" when it fits, under it when not: one line less on a
              // landscape tablet, where the chart below needs the height.
              <span className="flex flex-wrap items-baseline gap-x-2">
                <span>{fmt.relative(last.chargingEndedTime, now)}</span>
                <span className="text-base font-normal text-muted">{fmt.dayTime(last.chargingEndedTime)}</span>
              </span>
            )}
          </Fact>
          <Fact label={m.stopReason}>{enumLabel(labels.stopReasons, last.chargingSessionStopReason)}</Fact>
        </dl>
      ) : (
        <p className="mt-2 text-xl text-muted">{m.noSession}</p>
      )}
    </section>
  );
}

/**
 * The running session's duration, ticking every second between polls. It never steps back within
 * a session: an answer from the server's 2 s cache carries a value a second or two old, which
 * would otherwise undo the seconds already shown (the parent keys this by session id).
 */
function SessionClock({ reportedSeconds, fetchedAt, statusIntervalMs }: { reportedSeconds: number | null; fetchedAt: number; statusIntervalMs: number }) {
  const fmt = useFormat();
  const now = useNow(1000);
  const ticking = tickingSeconds(reportedSeconds, fetchedAt, now, 2 * statusIntervalMs);
  const [shown, setShown] = useState(ticking);
  const seconds = ticking != null && shown != null && shown > ticking ? shown : ticking;
  // Remembering what was shown during render, as React documents for values from earlier renders.
  if (seconds !== shown) setShown(seconds);
  return seconds == null ? '—' : fmt.clock(seconds);
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-base text-muted">{label}</dt>
      <dd className="text-2xl font-semibold" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
