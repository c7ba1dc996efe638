import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearch } from 'wouter';
import { isApiError } from '../../api/api-error.ts';
import { snapshotQuery } from '../../api/queries.ts';
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { StaleBanner } from '../../shared/ui/StaleBanner.tsx';
import { TOUCH } from '../../shared/ui/touch.ts';
import { hrefWithStickyParams } from '../../shared/url/sticky-params.ts';
import { clusterTotals, totalsInputOf, type TotalsInput } from './garage-model.ts';
import { garageMessages } from './messages.ts';
import { useStatusTooOldIds } from './use-status-age.ts';

/** Names listed in the "not included" line; beyond that only the count. */
const MAX_NAMED = 4;

interface Reading {
  input: TotalsInput | null;
  failing: boolean;
  serverDown: boolean;
}

/**
 * Only what the sums need, so TanStack Query's structural sharing keeps the same array while
 * nothing relevant changed and this panel skips the render (it ignores `dataUpdatedAt`).
 */
function combine(results: Array<UseQueryResult<{ input: TotalsInput | null; reachable: boolean }>>): Reading[] {
  return results.map((r) => ({
    input: r.data?.input ?? null,
    failing: r.isError || r.data?.reachable === false,
    serverDown: isApiError(r.error) && r.error.kind === 'network',
  }));
}

function totalsOf(snapshot: ChargerSnapshot): { input: TotalsInput | null; reachable: boolean } {
  return { input: snapshot.readAt === null ? null : totalsInputOf(snapshot), reachable: snapshot.reachable };
}

/** The cluster's power against its limit, the building load, and how many chargers the sum covers. */
export function ClusterTotals({ chargers, kiosk }: { chargers: ChargerInfo[]; kiosk: boolean }) {
  const m = useMessages(garageMessages);
  const fmt = useFormat();
  const search = useSearch();
  const readings = useQueries({
    // The tiles poll; these observers only read the same cache entries (`enabled: false`), so
    // the totals cost no second request per charger.
    queries: chargers.map((c) => ({ ...snapshotQuery(c.id), select: totalsOf, enabled: false })),
    combine,
  });
  const ids = useMemo(() => chargers.map((c) => c.id), [chargers]);
  const tooOld = useStatusTooOldIds(ids);
  const totals = useMemo(() => {
    const old = new Set(tooOld.split('\n'));
    return clusterTotals(
      chargers.map((c, i) => {
        const r = readings[i];
        return { id: c.id, name: c.name, live: !!r && !r.failing && r.input !== null && !old.has(c.id), input: r?.input ?? null };
      }),
    );
  }, [chargers, readings, tooOld]);
  const serverDown = readings.length > 0 && readings.every((r) => r.serverDown);

  const share = totals.limitKw ? Math.min(1, totals.powerKw / totals.limitKw) : null;
  const missingText =
    totals.missing.length === 0 ? null : totals.missing.length <= MAX_NAMED ? m.missing(totals.missing.join(', ')) : m.missingMany(totals.missing.length);

  return (
    <section aria-label={m.title} data-testid="garage-totals" data-partial={totals.partial} className="flex flex-col gap-3">
      <StaleBanner reason={serverDown ? m.serverDown : null} age={m.serverDownDetail} />
      <div className="grid gap-3 rounded-2xl border border-border bg-panel p-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-1.5">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-muted">{m.clusterPower}</h2>
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-4xl font-bold leading-none" data-testid="cluster-power">
              {totals.counted === 0 ? '—' : fmt.kw(totals.powerKw)}
            </span>
            <span className="text-lg text-muted">
              {totals.limitKw != null ? m.ofLimit(fmt.kw(totals.limitKw)) : m.noLimit}
              {share != null && totals.counted > 0 ? ` · ${fmt.percent(share * 100)}` : null}
            </span>
          </p>
          {share != null ? (
            <div
              role="meter"
              aria-label={m.clusterPower}
              aria-valuemin={0}
              aria-valuemax={totals.limitKw ?? 0}
              aria-valuenow={totals.powerKw}
              className="h-2.5 overflow-hidden rounded-full bg-panel-raised"
            >
              <div className={`h-full rounded-full ${share >= 0.9 ? 'bg-warn' : 'bg-charging'}`} style={{ width: `${share * 100}%` }} />
            </div>
          ) : null}
          {totals.partial ? (
            <p className="text-sm leading-snug text-warn" data-testid="cluster-partial">
              {totals.counted === 0 && !readings.some((r) => r.failing) ? (
                m.nothingYet
              ) : (
                <>
                  <span className="font-semibold">{m.partial}</span> {missingText}.
                  {totals.reportedKw != null ? ` ${m.clusterReports(fmt.kw(totals.reportedKw))}` : null}
                </>
              )}
            </p>
          ) : null}
          {totals.limitsDisagree ? <p className="text-sm text-warn">{m.limitsDisagree}</p> : null}
          {totals.clusterIncomplete && !totals.partial ? <p className="text-sm text-warn">{m.clusterIncomplete}</p> : null}
        </div>

        <div className="flex min-w-0 flex-col gap-1.5">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-muted">{m.building}</h2>
          {totals.buildingKw != null ? (
            <p className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-4xl font-bold leading-none" data-testid="building-power">
                {fmt.kw(totals.buildingKw)}
              </span>
              <span className="text-lg text-muted">
                {totals.buildingLimitKw != null ? m.ofLimit(fmt.kw(totals.buildingLimitKw)) : m.loadGuard}
              </span>
            </p>
          ) : (
            <p className="text-muted">{totals.counted === 0 ? '—' : m.noLoadGuard}</p>
          )}
        </div>

        <div className="flex min-w-0 flex-col gap-1.5">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-muted">{m.chargers}</h2>
          <p className="text-xl font-semibold leading-tight">{m.chargingCount(totals.charging, totals.total)}</p>
          <p className={`text-sm ${totals.partial ? 'text-warn' : 'text-muted'}`}>
            {totals.partial ? m.reporting(totals.counted, totals.total) : m.allReporting(totals.total)}
          </p>
          {kiosk ? null : (
            <Link className={`${TOUCH} mt-auto inline-flex items-center text-sm text-accent underline-offset-2 hover:underline`} href={hrefWithStickyParams('/sessions', search, { charger: 'all' })}>
              {m.combinedHistory} →
            </Link>
          )}
        </div>
      </div>
    </section>
  );
}
