import { useMemo } from 'react';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useKiosk } from '../../shared/hooks/use-kiosk.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { ChargerTile } from './ChargerTile.tsx';
import { ClusterTotals } from './ClusterTotals.tsx';
import { sortByName } from './garage-model.ts';
import { garageMessages } from './messages.ts';
import { GarageRenderProbe } from './render-probe.tsx';

/**
 * The garage: one tile per charger, in the order people count parking spaces, under the cluster's
 * totals. Each tile polls its own charger, so one offline charger marks only its own tile and a
 * status update re-renders one tile and the totals, not the page.
 */
export function GarageView({ chargers }: { chargers: ChargerInfo[] }) {
  const m = useMessages(garageMessages);
  const { locale } = useLocale();
  const kiosk = useKiosk();
  const sorted = useMemo(() => sortByName(chargers, locale), [chargers, locale]);

  return (
    <GarageRenderProbe>
      <div className="flex flex-col gap-3">
        <ClusterTotals chargers={sorted} kiosk={kiosk} />
        <section aria-label={m.chargers}>
          <div className="grid grid-cols-[repeat(auto-fit,minmax(13.5rem,1fr))] gap-3">
            {sorted.map((charger) => (
              <ChargerTile key={charger.id} charger={charger} kiosk={kiosk} />
            ))}
          </div>
        </section>
      </div>
    </GarageRenderProbe>
  );
}
