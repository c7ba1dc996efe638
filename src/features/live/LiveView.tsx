import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode } from 'react';
import { snapshotQuery } from '../../api/queries.ts';
import { useStatusTimings } from '../../api/use-status-timings.ts';
import { isApiError } from '../../api/api-error.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useKioskMode } from '../../shared/hooks/use-kiosk.ts';
import { useNow, useNowSelector } from '../../shared/hooks/use-now.ts';
import { LazyPart } from '../../shared/ui/LazyPart.tsx';
import { Panel } from '../../shared/ui/Panel.tsx';
import { StaleBanner } from '../../shared/ui/StaleBanner.tsx';
import { errorDetail, errorHeadline } from '../../shared/ui/error-text.ts';
import { ConnectorCard } from './ConnectorCard.tsx';
import { ageSeconds, freshness, problemOf } from './freshness.ts';
import { NOW_TICK_MS } from '../../api/staleness.ts';
import { liveMessages } from './messages.ts';

// Load guard, cluster and connectivity come after the cards: their own chunk, off the first load,
// asked for once the cards are painted (as the timeline), inside a part of their own so a chunk
// that fails to load then (the server restarting) stays in its corner.
const LiveStrip = lazy(() => import('./LiveStrip.tsx').then((m) => ({ default: m.LiveStrip })));
// Its own chunk, like the chart: the wall display's first paint never waits for the archive's schemas.
const TodayTimeline = lazy(() => import('../timeline/TodayTimeline.tsx').then((m) => ({ default: m.TodayTimeline })));

interface LiveViewProps {
  chargerId: string;
  /**
   * The power chart, from the shell (it is a lazy chunk of another feature). Landscape: beside
   * the connector cards, as tall as they are; portrait: under them, taking the rest of the height.
   */
  chart?: ReactNode;
}

/**
 * The wall display, household first: a card per connector (status, power, this session, today
 * and this month), the power chart, and the installer's corner (load guard, cluster,
 * connectivity) as a one-line strip that opens by itself when something there needs attention.
 */
export function LiveView({ chargerId, chart }: LiveViewProps) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const kiosk = useKioskMode();
  const status = useQuery(snapshotQuery(chargerId));
  const { data: snapshot, dataUpdatedAt, error } = status;
  // The server could not read the charger, or our server itself is away: the values are old.
  const failed = status.isError || snapshot?.reachable === false;
  // Checked every second, but the view re-renders only when the answer flips (or new data comes).
  const timings = useStatusTimings();
  const state = useNowSelector(NOW_TICK_MS, (now) => freshness({ dataUpdatedAt, failed, now, timings }));
  const stale = state !== 'live';
  const problem = problemOf(isApiError(error) ? error : null, snapshot);
  const sectionError = (detail: string) => ({ headline: errorHeadline({ kind: 'parse', message: detail }, lang), detail: errorDetail({ message: detail }, lang) ?? '' });
  const hasReading = snapshot != null && snapshot.readAt !== null;
  const cards = snapshot?.connectors;
  const connectors = cards?.ok ? cards.data : [];
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <StaleBanner
        reason={state === 'live' ? null : state === 'late' || !problem ? m.late : errorHeadline(problem, lang)}
        age={hasReading && dataUpdatedAt ? <UpdatedAgo at={dataUpdatedAt} /> : m.neverUpdated}
        detail={errorDetail(problem, lang)}
      />
      {!hasReading || !cards ? (
        <>
          {state === 'live' ? <p className="p-4 text-xl text-muted">{m.noData}</p> : null}
          {chart}
        </>
      ) : (
        // Portrait: cards, chart (the rest of the height), timeline and strip. Landscape: the cards
        // down the left, the chart over the timeline and strip on the right, so an opened strip takes
        // the chart's height, never the cards'. Timeline and strip share one row: a hidden timeline
        // leaves no empty row behind (its gap cost a 600 px high screen 12 px). Gaps follow the
        // screen's shorter side, as the shell's do.
        <div className="grid min-h-0 flex-1 grid-rows-[minmax(0,1fr)_minmax(14rem,1.1fr)_auto] gap-[clamp(0.5rem,1.2vmin,1rem)] landscape:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] landscape:grid-rows-[minmax(0,1fr)_auto]">
          {cards.ok ? (
            <div
              // Each card gets an equal share of the area and scales with it (a size container):
              // side by side in portrait, one above the other in landscape (beside the chart).
              className="connector-cards grid min-h-0 gap-[clamp(0.5rem,1.2vmin,1rem)] landscape:row-span-2"
              data-count={connectors.length > 2 ? 'many' : connectors.length}
              data-testid="connector-cards"
            >
              {connectors.length === 0 ? <p className="p-4 text-xl text-muted">{m.noConnectors}</p> : null}
              {connectors.map((connector, i) => (
                <ConnectorCard
                  key={connector.key}
                  connector={connector}
                  fetchedAt={dataUpdatedAt}
                  statusIntervalMs={timings.statusIntervalMs}
                  stale={stale}
                  currency={snapshot.pricing.currency}
                  // Today and this month are the charger's: said once, on the first card.
                  totals={i === 0 ? snapshot.energy : undefined}
                  locked={kiosk === 'locked'}
                />
              ))}
            </div>
          ) : (
            <Panel title={m.connectors} error={sectionError(cards.error)} className="landscape:row-span-2" />
          )}
          {chart ? <div className="grid min-h-0">{chart}</div> : <div />}
          <div className="flex min-w-0 flex-col gap-[clamp(0.5rem,1.2vmin,1rem)]">
            {/* Today's events: in portrait and on tall landscape screens; a 600–800 px high tablet
                keeps the height for the chart. */}
            <div className="hidden min-w-0 portrait:block [@media(min-height:56rem)]:block">
              <LazyPart fallback={null} afterFirstPaint>
                <TodayTimeline chargerId={chargerId} />
              </LazyPart>
            </div>
            <LazyPart fallback={<div />} afterFirstPaint>
              <LiveStrip
                snapshot={snapshot}
                fault={connectors.some((c) => c.fault !== null)}
                stale={stale}
                kiosk={kiosk}
                sectionError={sectionError}
              />
            </LazyPart>
          </div>
        </div>
      )}
    </div>
  );
}

/** "last update 2 mins ago", ticking: the only part of the banner that needs the time. */
function UpdatedAgo({ at }: { at: number }) {
  const m = useMessages(liveMessages);
  const fmt = useFormat();
  const now = useNow(1000);
  return m.updated(fmt.duration(ageSeconds(at, now)));
}
