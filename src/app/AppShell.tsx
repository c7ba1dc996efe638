/**
 * The frame of every page: loads the charger list, decides which charger the page is about
 * (charger-choice.ts), keeps the page's live stream on the chargers it shows (live-updates.ts),
 * and puts the header above the view (Header.tsx, AppRoutes.tsx).
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, useEffect } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { chargersQuery } from '../api/queries.ts';
import { useLocale, useMessages } from '../shared/i18n/i18n.tsx';
import { useKioskMode } from '../shared/hooks/use-kiosk.ts';
import { TOUCH } from '../shared/ui/touch.ts';
import { useWakeLock } from '../shared/hooks/use-wake-lock.ts';
import { TimeZoneProvider } from '../shared/time/time-zone-context.tsx';
import { hrefWithStickyParams } from '../shared/url/sticky-params.ts';
import { useSearchParams } from '../shared/url/use-search-params.ts';
import { AppRoutes } from './AppRoutes.tsx';
import { chooseCharger } from './charger-choice.ts';
import { Header } from './Header.tsx';
import { LazyPart } from '../shared/ui/LazyPart.tsx';
import { useLiveUpdates } from './live-updates.ts';
import { shellMessages } from './messages.ts';
import { useBuildReload } from './use-build-reload.ts';

// Theme following, night dimming, language and theme controls: after the first card.
const DisplaySettings = lazy(() => import('./DisplaySettings.tsx').then((m) => ({ default: m.DisplaySettings })));

export function AppShell() {
  const m = useMessages(shellMessages);
  const { lang } = useLocale();
  const search = useSearch();
  const kiosk = useKioskMode();
  useWakeLock();
  const chargers = useQuery(chargersQuery());
  const [params, setParams] = useSearchParams();
  const [location] = useLocation();

  const list = chargers.data?.chargers ?? [];
  const choice = chooseCharger(location, params.get('charger'), list);
  const { charger, combined, dropUnknownOnGarage } = choice;
  useBuildReload(useLiveUpdates(chargers.data ? choice.liveChargerIds : null));

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = m.appName;
  }, [lang, m.appName]);

  useEffect(() => {
    if (dropUnknownOnGarage) setParams({ charger: null });
  }, [dropUnknownOnGarage, setParams]);

  return (
    // No width cap: a 1080p or 1440p wall screen is filled, not left half empty.
    <div className="flex min-h-dvh flex-col gap-[clamp(0.5rem,1.2vmin,1rem)] p-[clamp(0.5rem,1.2vmin,1.25rem)]">
      <Header
        charger={charger ?? null}
        chargers={list}
        combined={combined}
        kiosk={kiosk}
        settings={
          <LazyPart fallback={null} afterFirstPaint>
            <DisplaySettings controls={kiosk === 'off'} />
          </LazyPart>
        }
      />
      <TimeZoneProvider zone={(charger ?? list[0])?.timeZone}>
      <main className="flex min-h-0 flex-1 flex-col gap-3">
        {!chargers.data ? (
          // Say so from the first failure on, while the query still retries (it stays pending).
          chargers.failureCount > 0 || chargers.errorUpdatedAt > 0 ? (
            <p role="alert" className="p-6 text-lg text-warn">
              {m.serverDown}
            </p>
          ) : (
            <p className="p-6 text-lg text-muted">{m.loading}</p>
          )
        ) : list.length === 0 ? (
          <p role="alert" className="p-6 text-lg text-warn">
            {m.noChargers}
          </p>
        ) : dropUnknownOnGarage ? null : !charger ? (
          <div role="alert" className="p-6 text-lg">
            <p className="text-warn">{m.unknownCharger(choice.requestedId ?? '')}</p>
            {/* The same view for the first charger, named: without a charger `/` would show the garage. */}
            <Link className={`${TOUCH} inline-flex items-center text-accent underline`} href={hrefWithStickyParams(location, search, { charger: list.length > 1 ? list[0]!.id : null })}>
              {m.showFirst}
            </Link>
          </div>
        ) : (
          <AppRoutes
            charger={charger}
            chargers={list}
            hasChargerParam={choice.hasChargerParam}
            combined={combined}
          />
        )}
      </main>
      </TimeZoneProvider>
    </div>
  );
}
