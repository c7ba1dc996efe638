import { lazy } from 'react';
import { Link, Redirect, Route, Switch, useSearch } from 'wouter';
import { TOUCH } from '../shared/ui/touch.ts';
import type { ChargerInfo } from '../api/server-schemas.ts';
import { LiveView } from '../features/live/LiveView.tsx';
import { useMessages } from '../shared/i18n/i18n.tsx';
import { hrefWithStickyParams } from '../shared/url/sticky-params.ts';
import { LazyPart } from '../shared/ui/LazyPart.tsx';
import { shellMessages } from './messages.ts';

// Everything but the live cards loads on demand, so the wall display's first paint never waits
// for the chart library or the history pages.
const PowerChartPanel = lazy(() => import('../features/power/PowerChartPanel.tsx').then((m) => ({ default: m.PowerChartPanel })));
const SessionsView = lazy(() => import('../features/sessions/SessionsView.tsx').then((m) => ({ default: m.SessionsView })));
const GarageView = lazy(() => import('../features/chargers/GarageView.tsx').then((m) => ({ default: m.GarageView })));

export interface AppRoutesProps {
  charger: ChargerInfo;
  chargers: ChargerInfo[];
  hasChargerParam: boolean;
  combined: boolean;
}

/** The views, by path: live (or the garage for several chargers), sessions, garage. */
export function AppRoutes({ charger, chargers, hasChargerParam, combined }: AppRoutesProps) {
  const m = useMessages(shellMessages);
  const search = useSearch();
  return (
    <Switch>
      <Route path="/">
        {chargers.length > 1 && !hasChargerParam ? (
          <Redirect to={hrefWithStickyParams('/garage', search)} replace />
        ) : (
          <LiveView
            key={charger.id}
            chargerId={charger.id}
            chart={
              // Keyed by charger too: another charger's chart starts without the last one's error.
              // After the first paint: the card goes to the screen before Recharts' chunk is asked for.
              <LazyPart key={charger.id} fallback={null} afterFirstPaint>
                <PowerChartPanel chargerId={charger.id} />
              </LazyPart>
            }
          />
        )}
      </Route>
      <Route path="/sessions">
        <LazyPart fallback={<p className="p-6 text-muted">{m.loading}</p>}>
          <SessionsView chargers={combined ? chargers : [charger]} />
        </LazyPart>
      </Route>
      <Route path="/garage">
        <LazyPart fallback={<p className="p-6 text-muted">{m.loading}</p>}>
          <GarageView chargers={chargers} />
        </LazyPart>
      </Route>
      <Route>
        <div className="p-6 text-lg">
          <p>{m.notFound}</p>
          <Link className={`${TOUCH} inline-flex items-center text-accent underline`} href={hrefWithStickyParams('/', search)}>
            {m.backHome}
          </Link>
        </div>
      </Route>
    </Switch>
  );
}

