import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { Link, useSearch } from 'wouter';
import { snapshotQuery } from '../../api/queries.ts';
import { isApiError } from '../../api/api-error.ts';
import { mostUrgentKind, stateWord } from '../../../contract/state-vocabulary.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { PanelError } from '../../shared/ui/Panel.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';
import { StatusIcon } from '../../shared/ui/StatusIcon.tsx';
import { STATUS_STYLE, statusMotion } from '../../shared/ui/status-style.ts';
import { errorDetail, errorHeadline, errorKey, type ErrorLike } from '../../shared/ui/error-text.ts';
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import { hrefWithStickyParams } from '../../shared/url/sticky-params.ts';
import { deriveConnection, tileModelOf, type ConnectorSummary, type TileConnection, type TileModel } from './garage-model.ts';
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

  return (
    <article
      data-testid="charger-tile"
      data-charger-id={charger.id}
      data-connection={connection.state}
      data-stale={connection.state === 'stale' ? 'true' : 'false'}
      className={`@container relative flex min-w-0 flex-col gap-1 rounded-xl border border-l-8 bg-panel p-3 ${FRAME[connection.state]} ${model && connection.state !== 'stale' ? barOf(model) : 'border-l-idle'}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="min-w-0 truncate text-lg font-semibold leading-tight @xs:text-2xl">{charger.name}</h3>
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
        <ConnectionBadge connection={connection} />
      </div>

      {model ? (
        <div className="stale-dim flex flex-col gap-1">
          <TileValues model={model} />
        </div>
      ) : connection.state === 'never' ? (
        <p className="text-sm text-error">{m.neverReached}</p>
      ) : (
        <p className="text-sm text-muted">{m.connecting}</p>
      )}

      <div className="mt-auto flex min-h-5 items-end justify-between gap-2">
        {connection.state === 'stale' ? (
          <StaleLine connection={connection} />
        ) : connection.state === 'never' ? (
          <span className="text-sm text-error">{errorHeadline(connection.reason, lang)}</span>
        ) : single ? (
          <SessionEnergy kwh={single.sessionKwh} />
        ) : (
          <span />
        )}
        {kiosk ? null : (
          <Link
            href={hrefWithStickyParams('/sessions', search, { charger: charger.id })}
            aria-label={m.sessionsOf(charger.name)}
            className={`${TOUCH} relative z-10 -mx-1.5 -mb-2 inline-flex items-center justify-center rounded-md px-2 text-sm text-accent hover:bg-panel-raised hover:underline`}
          >
            {m.sessions}
          </Link>
        )}
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
      <div className="flex items-baseline justify-between gap-2">
        <span className="whitespace-nowrap text-[clamp(1.5rem,11cqi,1.875rem)] font-bold leading-none @xs:text-5xl">{model.powerKw == null ? '—' : fmt.kw(model.powerKw)}</span>
        {/* Two lines at most, set close (1.1): "Paused by charger" on two lines then takes about
            the power figure's height, so twenty tiles still fit a 1280×800 screen. */}
        {single ? <StatusText connector={single} className="line-clamp-2 text-right text-sm font-medium leading-[1.1] @xs:text-xl @xs:leading-tight" /> : null}
      </div>
      {single ? null : (
        <ul className="flex flex-col gap-0.5 text-sm @xs:text-base">
          {model.connectors.map((connector) => (
            <ConnectorRow key={connector.key} connector={connector} />
          ))}
        </ul>
      )}
    </>
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
  return (
    // The title carries the whole label where a long, unknown status is clamped to two lines.
    <span data-status={state.raw ?? ''} data-state={kind} title={label} className={`${className} ${STATUS_STYLE[kind].text}`}>
      <StatusIcon kind={kind} className={`mr-1 inline size-[1em] align-[-0.15em] ${statusMotion(kind)}`} />
      {label}
    </span>
  );
}

function SessionEnergy({ kwh }: { kwh: number | null }) {
  const m = useMessages(garageMessages);
  const fmt = useFormat();
  if (kwh == null) return null;
  return (
    <span className="text-sm text-muted @xs:text-base">
      {m.session} <span className="font-semibold text-text">{fmt.kwh(kwh, 1)}</span>
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
  return (
    <span className={`flex shrink-0 items-center gap-1.5 text-xs font-semibold uppercase tracking-wide ${tone}`}>
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
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
    <p role="status" title={why ? `${full} (${why})` : full} className="min-w-0 text-sm leading-tight">
      <span className="sr-only">{full}, </span>
      <span aria-hidden="true" className="block truncate font-semibold text-warn">{short}</span>
      <span className="block truncate text-muted">{age}</span>
    </p>
  );
}
