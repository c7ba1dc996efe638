import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { generalStatusQuery } from '../../api/queries.ts';
import { useStatusTimings } from '../../api/use-status-timings.ts';
import { isApiError } from '../../api/api-error.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow, useNowSelector } from '../../shared/hooks/use-now.ts';
import { Panel } from '../../shared/ui/Panel.tsx';
import { StaleBanner } from '../../shared/ui/StaleBanner.tsx';
import { errorHeadline } from '../../shared/ui/error-text.ts';
import { ConnectorCard } from './ConnectorCard.tsx';
import { ConnectivityPanel } from './ConnectivityPanel.tsx';
import { PowerManagementPanel } from './PowerManagementPanel.tsx';
import { ageSeconds, freshness } from './freshness.ts';
import { NOW_TICK_MS } from '../../api/staleness.ts';
import { liveMessages } from './messages.ts';

// Its own chunk, like the chart: the wall display's first paint never waits for the archive's schemas.
const TodayTimeline = lazy(() => import('../timeline/TodayTimeline.tsx').then((m) => ({ default: m.TodayTimeline })));

interface LiveViewProps {
  chargerId: string;
  /**
   * The power chart, from the shell (it is a lazy chunk of another feature). On a wide screen it
   * goes under the connector cards and fills the rest of the screen, so a wall display shows it
   * without scrolling; on a portrait or narrow screen it spans the width below the panels.
   */
  chart?: ReactNode;
}

/** The wall display: a card per connector, power management and connectivity, kept live. */
export function LiveView({ chargerId, chart }: LiveViewProps) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const status = useQuery(generalStatusQuery(chargerId));
  const { data, dataUpdatedAt, error } = status;
  const failed = status.isError;
  const timings = useStatusTimings();
  // Checked every second, but the view re-renders only when the answer flips (or new data comes).
  const state = useNowSelector(NOW_TICK_MS, (now) => freshness({ dataUpdatedAt, failed, now, timings }));
  const apiError = isApiError(error) ? error : null;
  const sectionError = (detail: string) => ({ headline: errorHeadline({ kind: 'parse', message: detail }, lang), detail });
  const evses = data?.evses;

  return (
    <div className="flex flex-1 flex-col gap-3">
      <StaleBanner
        reason={state === 'live' ? null : state === 'late' ? m.late : errorHeadline(apiError ?? { message: String(error) }, lang)}
        age={dataUpdatedAt ? <UpdatedAgo at={dataUpdatedAt} /> : m.neverUpdated}
        detail={apiError?.message}
      />
      {!data || !evses ? (
        <>
          {state === 'live' ? <p className="p-4 text-xl text-muted">{m.noData}</p> : null}
          {chart}
        </>
      ) : (
        // Narrow: cards, panels, chart, one under the other; the last row (1fr) is what the screen
        // has left, for the chart. Wide: cards over the chart on the left, the panels on the right
        // spanning two rows; the chart spans the other two, down to the bottom of the screen.
        <div className="grid flex-1 grid-rows-[auto_auto_1fr] gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          {evses.ok ? (
            <div className="grid gap-3">
              {evses.data.length === 0 ? <p className="p-4 text-xl text-muted">{m.noConnectors}</p> : null}
              {evses.data.flatMap((evse) =>
                evse.connectors.map((connector) => (
                  <ConnectorCard
                    key={`${evse.evseId}-${connector.connectorId}`}
                    // Several EVSEs each number their connectors from 1: name them by EVSE.
                    label={
                      evses.data.length > 1
                        ? `${evse.evseCode ?? evse.evseId}${evse.connectors.length > 1 ? `/${connector.connectorId}` : ''}`
                        : String(connector.connectorId)
                    }
                    connector={connector}
                    fetchedAt={dataUpdatedAt}
                    statusIntervalMs={timings.statusIntervalMs}
                  />
                )),
              )}
            </div>
          ) : (
            <Panel title={m.connectors} error={sectionError(evses.error)} />
          )}
          <div className="grid gap-3 sm:grid-cols-2 lg:row-span-2 lg:grid-cols-1 lg:self-start">
            <PowerManagementPanel section={data.powerManagement} sectionError={sectionError} />
            <ConnectivityPanel section={data.connectivity} sectionError={sectionError} />
            {/* From lg up only for now: below it the chart needs the height (its placement is the layout's to decide). */}
            <div className="hidden lg:block">
              <Suspense fallback={null}>
                <TodayTimeline chargerId={chargerId} />
              </Suspense>
            </div>
          </div>
          {chart ? <div className="grid lg:row-span-2">{chart}</div> : null}
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
