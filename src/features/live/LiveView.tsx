import { useQuery } from '@tanstack/react-query';
import { generalStatusQuery, STATUS_POLL_MS } from '../../api/queries.ts';
import { isApiError } from '../../api/api-error.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { Panel } from '../../shared/ui/Panel.tsx';
import { StaleBanner } from '../../shared/ui/StaleBanner.tsx';
import { errorHeadline } from '../../shared/ui/error-text.ts';
import { ConnectorCard } from './ConnectorCard.tsx';
import { ConnectivityPanel } from './ConnectivityPanel.tsx';
import { PowerManagementPanel } from './PowerManagementPanel.tsx';
import { ageSeconds, freshness } from './staleness.ts';
import { liveMessages } from './messages.ts';

/** The wall display: a card per connector, power management and connectivity, kept live. */
export function LiveView({ chargerId }: { chargerId: string }) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const fmt = useFormat();
  const now = useNow(1000);
  const status = useQuery(generalStatusQuery(chargerId));
  const { data, dataUpdatedAt, error } = status;
  const state = freshness({ dataUpdatedAt, failed: status.isError, now, pollMs: STATUS_POLL_MS });
  const apiError = isApiError(error) ? error : null;
  const sectionError = (detail: string) => ({ headline: errorHeadline({ kind: 'parse', message: detail }, lang), detail });

  return (
    <div className="flex flex-col gap-3">
      {state === 'live' ? null : (
        <StaleBanner
          reason={state === 'late' ? m.late : errorHeadline(apiError ?? { message: String(error) }, lang)}
          age={dataUpdatedAt ? m.updated(fmt.duration(ageSeconds(dataUpdatedAt, now))) : m.neverUpdated}
          detail={apiError?.message}
        />
      )}
      {!data ? (
        state === 'live' ? <p className="p-4 text-xl text-muted">{m.noData}</p> : null
      ) : (
        <div className="grid gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-start">
          {data.evses.ok ? (
            <div className="grid gap-3">
              {data.evses.data.length === 0 ? <p className="p-4 text-xl text-muted">{m.noConnectors}</p> : null}
              {data.evses.data.flatMap((evse) =>
                evse.connectors.map((connector) => (
                  <ConnectorCard
                    key={`${evse.evseId}-${connector.connectorId}`}
                    // Several EVSEs each number their connectors from 1: name them by EVSE.
                    label={
                      data.evses.ok && data.evses.data.length > 1
                        ? `${evse.evseCode ?? evse.evseId}${evse.connectors.length > 1 ? `/${connector.connectorId}` : ''}`
                        : String(connector.connectorId)
                    }
                    connector={connector}
                    fetchedAt={dataUpdatedAt}
                    now={now}
                  />
                )),
              )}
            </div>
          ) : (
            <Panel title={m.connectors} error={sectionError(data.evses.error)} />
          )}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
            <PowerManagementPanel section={data.powerManagement} sectionError={sectionError} />
            <ConnectivityPanel section={data.connectivity} sectionError={sectionError} />
          </div>
        </div>
      )}
    </div>
  );
}
