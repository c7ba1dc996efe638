/**
 * The frame of every page: loads the charger list, decides which charger the page is about
 * (charger-choice.ts), keeps the page's live stream on the chargers it shows (live-updates.ts),
 * and puts the header above the view (Header.tsx, AppRoutes.tsx).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { chargersQuery } from '../api/queries.ts';
import { useLocale, useMessages } from '../shared/i18n/i18n.tsx';
import { useKiosk } from '../shared/hooks/use-kiosk.ts';
import { useTheme } from '../shared/hooks/use-theme.ts';
import { useWakeLock } from '../shared/hooks/use-wake-lock.ts';
import { hrefWithStickyParams } from '../shared/url/sticky-params.ts';
import { useSearchParams } from '../shared/url/use-search-params.ts';
import { AppRoutes } from './AppRoutes.tsx';
import { chooseCharger } from './charger-choice.ts';
import { Header } from './Header.tsx';
import { useLiveUpdates } from './live-updates.ts';
import { shellMessages } from './messages.ts';
import { useBuildReload } from './use-build-reload.ts';

export function AppShell() {
  const m = useMessages(shellMessages);
  const { lang } = useLocale();
  const search = useSearch();
  const kiosk = useKiosk();
  const [theme, toggleTheme] = useTheme();
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
    <div className="mx-auto flex min-h-screen max-w-screen-2xl flex-col gap-3 p-3 sm:p-4">
      <Header charger={charger ?? null} chargers={list} combined={combined} kiosk={kiosk} theme={theme} onToggleTheme={toggleTheme} />
      <main className="flex flex-1 flex-col gap-3">
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
            <Link className="text-accent underline" href={hrefWithStickyParams(location, search, { charger: list.length > 1 ? list[0]!.id : null })}>
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
    </div>
  );
}
