import { useQuery } from '@tanstack/react-query';
import { memo, useRef, type CSSProperties } from 'react';
import { Link, useSearch } from 'wouter';
import { snapshotQuery } from '../../api/queries.ts';
import { isApiError } from '../../api/api-error.ts';
import { mostUrgentKind, stateWord } from '../../../contract/state-vocabulary.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useClipOverflowing } from '../../shared/hooks/use-clip-overflowing.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { PanelError } from '../../shared/ui/Panel.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';
import { StatusIcon } from '../../shared/ui/StatusIcon.tsx';
import { STATUS_STYLE, statusMotion } from '../../shared/ui/status-style.ts';
import { errorDetail, errorHeadline, errorKey, type ErrorLike } from '../../shared/ui/error-text.ts';
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import { hrefWithStickyParams } from '../../shared/url/sticky-params.ts';
import { deriveConnection, tileExtraLines, tileModelOf, type ConnectorSummary, type TileConnection, type TileModel } from './garage-model.ts';
import { garageMessages, shortReasons } from './messages.ts';
import { useStatusTooOld } from './use-status-age.ts';

/**
 * Re-render on new display values or a new error only: not on every poll's `dataUpdatedAt`
 * (fifty tiles × every 5 s on a cheap tablet), and not on `isFetching` flips.
 */
const NOTIFY_ON: Array<'data' | 'error'> = ['data', 'error'];

interface ChargerTileProps {
  charger: ChargerInfo;
  /** A pinned wall display: no links (a stray touch must not leave the overview). */
  kiosk: boolean;
}

/** One charger in the garage: its status, power, running session and its own connection state. */
export const ChargerTile = memo(function ChargerTile({ charger, kiosk }: ChargerTileProps) {
  const m = useMessages(garageMessages);
  const { lang } = useLocale();
  const search = useSearch();
  const status = useQuery({ ...snapshotQuery(charger.id), select: tileOf, notifyOnChangeProps: NOTIFY_ON });
  const tooOld = useStatusTooOld(charger.id);
  const connection = deriveConnection({
    hasData: status.data?.model !== undefined && status.data.model !== null,
    error: (isApiError(status.error) ? status.error : null) ?? status.data?.problem ?? null,
    dataUpdatedAt: status.dataUpdatedAt,
    tooOld,
  });
  const model = status.data?.model ?? null;
  const single = model?.connectors?.length === 1 ? model.connectors[0]! : null;

  const extraLines = tileExtraLines(model?.connectors?.length ?? 1, connection.state === 'stale');

  return (
    // Sized by the grid, its type by its own box ("Garage tile" in src/index.css).
    <article
      data-testid="charger-tile"
      data-charger-id={charger.id}
      data-connection={connection.state}
      data-stale={connection.state === 'stale' ? 'true' : 'false'}
      style={extraLines ? ({ '--tile-extra-lines': extraLines } as CSSProperties) : undefined}
      className={`garage-tile relative min-h-0 min-w-0 rounded-xl border border-l-8 bg-panel ${FRAME[connection.state]} ${model && connection.state !== 'stale' ? barOf(model) : 'border-l-idle'}`}
    >
      {kiosk ? null : (
        // The whole tile is the link to the live view (with the power chart): a finger hits it
        // anywhere. The sessions link sits above it.
        <Link
          href={hrefWithStickyParams('/', search, { charger: charger.id })}
          aria-label={m.openLive(charger.name)}
          data-testid="charger-tile-link"
          className="absolute inset-0 rounded-xl focus-visible:outline-2 focus-visible:outline-accent"
        />
      )}
      <div className="tile-body">
        <div className="flex items-start justify-between gap-[0.5em]">
          <h3 className="tile-name min-w-0 truncate font-semibold">{charger.name}</h3>
          <ConnectionBadge connection={connection} />
        </div>

        {model ? (
          <div className="stale-dim flex min-h-0 flex-col gap-[0.3em]">
            <TileValues model={model} />
          </div>
        ) : connection.state === 'never' ? (
          <p className="tile-small text-error">{m.neverReached}</p>
        ) : (
          <p className="tile-small text-muted">{m.connecting}</p>
        )}

        <div className="mt-auto flex items-end justify-between gap-[0.5em]">
          {connection.state === 'stale' ? (
            <StaleLine connection={connection} />
          ) : connection.state === 'never' ? (
            <span className="tile-small text-error">{errorHeadline(connection.reason, lang)}</span>
          ) : single ? (
            <SessionEnergy kwh={single.sessionKwh} />
          ) : (
            <span />
          )}
          {kiosk ? null : (
            <Link
              href={hrefWithStickyParams('/sessions', search, { charger: charger.id })}
              aria-label={m.sessionsOf(charger.name)}
              className={`${TOUCH} tile-small tile-sessions-link relative z-10 -mx-[0.4em] inline-flex shrink-0 items-end justify-center rounded-md px-[0.4em] text-accent hover:bg-panel-raised hover:underline`}
            >
              {m.sessions}
            </Link>
          )}
        </div>
      </div>
    </article>
  );
});

const FRAME: Record<TileConnection['state'], string> = {
  loading: 'border-border',
  live: 'border-border',
  stale: 'border-warn/70',
  never: 'border-error/70',
};

/** What a tile takes from a snapshot: its values (none before the first reading) and why it is not live. */
function tileOf(snapshot: ChargerSnapshot): { model: TileModel | null; problem: ErrorLike | null } {
  return {
    model: snapshot.readAt === null ? null : tileModelOf(snapshot),
    problem: snapshot.problem ? { kind: 'server', code: snapshot.problem.code, message: snapshot.problem.message } : null,
  };
}

/** The left bar: what the charger is doing (its most urgent connector), visible across the room. */
function barOf(model: TileModel): string {
  return STATUS_STYLE[mostUrgentKind((model.connectors ?? []).map((c) => c.state.kind))].edge;
}

function TileValues({ model }: { model: TileModel }) {
  const { lang } = useLocale();
  const fmt = useFormat();
  if (!model.connectors) {
    return <PanelError headline={errorHeadline({ kind: 'parse', message: '' }, lang)} detail={errorDetail({ message: model.problem ?? '' }, lang)} />;
  }
  const single = model.connectors.length === 1 ? model.connectors[0]! : null;
  return (
    <>
      {/* With several connectors the total gives way to their rows in a low tile (src/index.css). */}
      <div className={`flex items-center justify-between gap-[0.5em] ${single ? '' : 'tile-total'}`}>
        <Power text={model.powerKw == null ? '—' : fmt.kw(model.powerKw)} />
        {/* Two lines at most, set close (1.1): "Paused by charger" on two lines then takes about
            the power figure's height (garage-grid.ts counts it in TILE_EM). */}
        {single ? <StatusText connector={single} className="tile-state line-clamp-2 text-right font-medium" /> : null}
      </div>
      {single ? null : <ConnectorRows connectors={model.connectors} />}
    </>
  );
}

/** The figure large, its unit smaller (as on the connector card): "350.0 kW" beside a two-line state still fits. */
function Power({ text }: { text: string }) {
  const unitAt = text.lastIndexOf('\u202f');
  return (
    <span className="whitespace-nowrap font-bold">
      <span className="tile-power">{unitAt < 0 ? text : text.slice(0, unitAt)}</span>
      {unitAt < 0 ? null : <span className="font-semibold text-muted">{text.slice(unitAt)}</span>}
    </span>
  );
}

/** One row a connector; rows the tile has no height for are hidden whole, never cut in half. */
function ConnectorRows({ connectors }: { connectors: ConnectorSummary[] }) {
  const list = useRef<HTMLUListElement>(null);
  useClipOverflowing(list);
  return (
    <ul ref={list} className="tile-connectors tile-small flex min-h-0 flex-col gap-[0.15em] overflow-hidden">
      {connectors.map((connector) => (
        <ConnectorRow key={connector.key} connector={connector} />
      ))}
    </ul>
  );
}

function ConnectorRow({ connector }: { connector: ConnectorSummary }) {
  const fmt = useFormat();
  return (
    <li className="flex items-baseline justify-between gap-2" data-connector-key={connector.key}>
      <span className="min-w-0 truncate">
        <span className="text-muted">{connector.label} · </span>
        <StatusText connector={connector} className="font-medium" />
      </span>
      {/* Power only while it flows (the charger's total is above); energy only while a session runs. */}
      <span className="whitespace-nowrap">
        {connector.powerKw ? fmt.kw(connector.powerKw) : null}
        {connector.powerKw && connector.sessionKwh != null ? <span className="text-muted"> · </span> : null}
        {connector.sessionKwh != null ? <span className="text-muted">{fmt.kwh(connector.sessionKwh, 1)}</span> : null}
      </span>
    </li>
  );
}

function StatusText({ connector, className }: { connector: ConnectorSummary; className: string }) {
  const m = useMessages(garageMessages);
  const { lang } = useLocale();
  const { state } = connector;
  const label = state.raw == null ? m.noLiveValues : stateWord(state, lang);
  const kind = state.kind;
  // The icon keeps to the first word: a state that wraps never leaves it alone on a line.
  const space = label.indexOf(' ');
  const [first, rest] = space < 0 ? [label, ''] : [label.slice(0, space), label.slice(space)];
  return (
    // The title carries the whole label where a long, unknown status is clamped to two lines.
    <span data-status={state.raw ?? ''} data-state={kind} title={label} className={`${className} ${STATUS_STYLE[kind].text}`}>
      <span className="whitespace-nowrap">
        <StatusIcon kind={kind} className={`mr-[0.25em] inline size-[1em] align-[-0.15em] ${statusMotion(kind)}`} />
        {first}
      </span>
      {rest}
    </span>
  );
}

function SessionEnergy({ kwh }: { kwh: number | null }) {
  const m = useMessages(garageMessages);
  const fmt = useFormat();
  // An empty place holder keeps the sessions link on the right.
  if (kwh == null) return <span />;
  const energy = fmt.kwh(kwh, 1);
  return (
    // The label gives way where the line is too short for it (a long word, a four-digit figure, a
    // narrow tile), then the figure: the row runs from the right, in the tree's order, so what comes
    // last wraps first, onto a line the one-line box hides ("Garage tile" in src/index.css). The
    // live view, one tap away, has the figure.
    <span className="tile-small tile-session text-muted">
      <span className="sr-only">
        {m.session} {energy}
      </span>
      {/* Nothing but a line's height, first: where even the figure does not fit beside the link, it
          wraps away too. */}
      <span className="h-[1.25em]" />
      <span aria-hidden="true" className="font-semibold text-text">
        {energy}
      </span>
      <span aria-hidden="true" className="tile-session-label">
        {m.session}
      </span>
    </span>
  );
}

function ConnectionBadge({ connection }: { connection: TileConnection }) {
  const m = useMessages(garageMessages);
  const [label, tone, dot] =
    connection.state === 'live'
      ? [m.live, 'text-ok', 'bg-ok']
      : connection.state === 'stale'
        ? [connection.reason ? m.offline : m.noAnswer, 'text-warn', 'bg-warn']
        : connection.state === 'never'
          ? [m.offline, 'text-error', 'bg-error']
          : [m.connecting, 'text-muted', 'bg-idle'];
  // Old values and a charger never reached get an icon of their own (the card's clock for old
  // values), not only a colour: the dot of a live tile and the clock differ for every eye.
  const icon = connection.state === 'stale' ? 'stale' : connection.state === 'never' ? 'unavailable' : null;
  return (
    <span className={`tile-badge flex shrink-0 items-center gap-[0.5em] font-semibold uppercase tracking-wide ${tone}`}>
      {icon ? <StatusIcon kind={icon} className="size-[1.1em] shrink-0" /> : <span aria-hidden="true" className={`size-[0.7em] rounded-full ${dot}`} />}
      {label}
    </span>
  );
}

/**
 * Why the values are old, and how old. Ticks with a shared 5 s clock only while shown: with the
 * server down all fifty tiles are stale, and one re-render of them every 5 s is plenty.
 */
function StaleLine({ connection }: { connection: Extract<TileConnection, { state: 'stale' }> }) {
  const m = useMessages(garageMessages);
  const reasons = useMessages(shortReasons);
  const { lang } = useLocale();
  const fmt = useFormat();
  const now = useNow(5000);
  const ageMs = Math.max(0, now - connection.since);
  const age = m.updated(ageMs < 60_000 ? m.secondsAgo(fmt.number(Math.round(ageMs / 1000))) : fmt.relative(connection.since, now));
  const { reason } = connection;
  const short = reason ? reasons[errorKey(reason, reasons) as keyof typeof reasons] : m.noAnswer;
  const full = reason ? errorHeadline(reason, lang) : m.noAnswer;
  const why = errorDetail(reason, lang);
  return (
    <p role="status" title={why ? `${full} (${why})` : full} className="tile-small min-w-0">
      <span className="sr-only">{full}, </span>
      <span aria-hidden="true" className="tile-stale-reason block truncate font-semibold text-warn">{short}</span>
      <span className="block truncate text-muted">{age}</span>
    </p>
  );
}
