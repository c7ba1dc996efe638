import { useMemo, type CSSProperties } from 'react';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useKioskMode } from '../../shared/hooks/use-kiosk.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { ChargerTile } from './ChargerTile.tsx';
import { ClusterTotals } from './ClusterTotals.tsx';
import { garageGridVars } from './garage-grid.ts';
import { sortByName } from './garage-model.ts';
import { garageMessages } from './messages.ts';
import { GarageRenderProbe } from './render-probe.tsx';

/**
 * The garage: one tile per charger, in the order people count parking spaces, under the cluster's
 * totals. Each tile polls its own charger, so one offline charger marks only its own tile and a
 * status update re-renders one tile and the totals, not the page. The tiles share the rest of the
 * screen, in the columns that give them the largest type (garage-grid.ts, "Garage" in src/index.css).
 */
export function GarageView({ chargers }: { chargers: ChargerInfo[] }) {
  const m = useMessages(garageMessages);
  const { locale } = useLocale();
  // Touch kiosk: the tiles stay links (a touch panel navigates); locked: no links at all.
  const kiosk = useKioskMode() === 'locked';
  const sorted = useMemo(() => sortByName(chargers, locale), [chargers, locale]);
  const gridVars = useMemo(() => garageGridVars(sorted.length) as CSSProperties, [sorted.length]);

  return (
    <GarageRenderProbe>
      <div className="flex min-h-0 flex-1 flex-col gap-[clamp(0.5rem,1.2vmin,1rem)]">
        <ClusterTotals chargers={sorted} kiosk={kiosk} />
        <section aria-label={m.chargers} className="garage-tiles">
          <div className="garage-grid" style={gridVars}>
            {sorted.map((charger) => (
              <ChargerTile key={charger.id} charger={charger} kiosk={kiosk} />
            ))}
          </div>
        </section>
      </div>
    </GarageRenderProbe>
  );
}
