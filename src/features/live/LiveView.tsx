import { useQuery } from '@tanstack/react-query';
import { generalStatusQuery } from '../../api/queries.ts';
import { isApiError } from '../../api/api-error.ts';
import type { Connector } from '../../api/charger-schemas.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { Panel } from '../../shared/ui/Panel.tsx';
import { StaleBanner } from '../../shared/ui/StaleBanner.tsx';
import { errorHeadline } from '../../shared/ui/error-text.ts';
import { liveMessages } from './messages.ts';

export function LiveView({ chargerId }: { chargerId: string }) {
  const m = useMessages(liveMessages);
  const { lang } = useLocale();
  const fmt = useFormat();
  const now = useNow(1000);
  const status = useQuery(generalStatusQuery(chargerId));
  const error = status.error && isApiError(status.error) ? status.error : null;

  return (
    <div className="flex flex-col gap-3">
      {status.isError ? (
        <StaleBanner
          reason={error ? errorHeadline(error, lang) : String(status.error)}
          age={status.dataUpdatedAt ? m.updated(fmt.relative(status.dataUpdatedAt, now)) : m.neverUpdated}
          detail={error?.message}
        />
      ) : null}
      <Panel
        title={m.connectors}
        error={status.data && !status.data.evses.ok ? { headline: errorHeadline({ kind: 'parse', message: '' }, lang), detail: status.data.evses.error } : null}
      >
        {status.data?.evses.ok ? (
          <div className="grid gap-3 md:grid-cols-2">
            {status.data.evses.data.flatMap((evse) =>
              evse.connectors.map((connector) => <ConnectorCard key={`${evse.evseId}-${connector.connectorId}`} connector={connector} />),
            )}
          </div>
        ) : !status.data ? (
          <p className="text-muted">{m.noData}</p>
        ) : null}
      </Panel>
    </div>
  );
}

function ConnectorCard({ connector }: { connector: Connector }) {
  const m = useMessages(liveMessages);
  const fmt = useFormat();
  const online = connector.onlineData;
  return (
    <article data-testid="connector-card" data-status={online?.status ?? ''} className="rounded-xl bg-panel-raised p-4">
      <h3 className="text-lg font-semibold">{m.connector(connector.connectorId)}</h3>
      <p className="text-2xl">{online?.status ?? '—'}</p>
      <p className="text-4xl font-bold">{online?.power != null ? fmt.kw(online.power) : '—'}</p>
    </article>
  );
}
