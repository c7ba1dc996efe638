import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { chargersQuery } from '../api/queries.ts';
import type { ChargerInfo } from '../api/server-schemas.ts';
import { LiveView } from '../features/live/LiveView.tsx';
import { useLocale, useMessages } from '../shared/i18n/i18n.tsx';
import { useKiosk } from '../shared/hooks/use-kiosk.ts';
import { useTheme } from '../shared/hooks/use-theme.ts';
import { useWakeLock } from '../shared/hooks/use-wake-lock.ts';
import { useSearchParams } from '../shared/url/use-search-params.ts';
import { shellMessages } from './messages.ts';
import { hrefWithStickyParams } from '../shared/url/sticky-params.ts';
import { ErrorBoundary, isChunkLoadError } from '../shared/ui/ErrorBoundary.tsx';
import { PanelError } from '../shared/ui/Panel.tsx';
import { reloadWhenServerAnswers } from './reload-when-server-answers.ts';
import { useBuildReload } from './use-build-reload.ts';

// Everything but the live cards loads on demand, so the wall display's first paint never waits
// for the chart library or the history pages.
const PowerChartPanel = lazy(() => import('../features/power/PowerChartPanel.tsx').then((m) => ({ default: m.PowerChartPanel })));
const SessionsView = lazy(() => import('../features/sessions/SessionsView.tsx').then((m) => ({ default: m.SessionsView })));
const GarageView = lazy(() => import('../features/chargers/GarageView.tsx').then((m) => ({ default: m.GarageView })));

/** `?charger=all` on the sessions page: the combined history of every charger. */
const ALL_CHARGERS = 'all';

export function AppShell() {
  const m = useMessages(shellMessages);
  const { lang } = useLocale();
  const search = useSearch();
  const kiosk = useKiosk();
  const [theme, toggleTheme] = useTheme();
  useWakeLock();
  const chargers = useQuery(chargersQuery());
  useBuildReload(chargers.data?.build);
  const [params, setParams] = useSearchParams();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = m.appName;
  }, [lang, m.appName]);

  const list = chargers.data?.chargers ?? [];
  const requestedId = params.get('charger');
  const [location] = useLocation();
  const combined = requestedId === ALL_CHARGERS && location === '/sessions';
  // `all` means nothing off the sessions page (e.g. after following "Live" from the combined history).
  const chosenId = requestedId === ALL_CHARGERS ? null : requestedId;
  const charger = chosenId ? list.find((c) => c.id === chosenId) : list[0];
  // The garage shows every charger: a charger id it does not know (removed from the server's
  // list, carried along by the nav links or pinned in a kiosk URL) is dropped, not an error.
  const dropUnknownOnGarage = location === '/garage' && list.length > 0 && !charger;
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
            <p className="text-warn">{m.unknownCharger(requestedId ?? '')}</p>
            {/* The same view for the first charger, named: without a charger `/` would show the garage. */}
            <Link className="text-accent underline" href={hrefWithStickyParams(location, search, { charger: list.length > 1 ? list[0]!.id : null })}>
              {m.showFirst}
            </Link>
          </div>
        ) : (
          <Routes
            charger={charger}
            chargers={list}
            hasChargerParam={chosenId !== null}
            combined={combined}
          />
        )}
      </main>
    </div>
  );
}

interface RoutesProps {
  charger: ChargerInfo;
  chargers: ChargerInfo[];
  hasChargerParam: boolean;
  combined: boolean;
}

function Routes({ charger, chargers, hasChargerParam, combined }: RoutesProps) {
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
              <LazyPart key={charger.id} fallback={null}>
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
          <Link className="text-accent underline" href={hrefWithStickyParams('/', search)}>
            {m.backHome}
          </Link>
        </div>
      </Route>
    </Switch>
  );
}

/** After a part crashed, how long until it is tried again by itself: no one presses "Try again" on a wall. */
const PART_RETRY_MS = 60_000;

function RetryLater({ retry }: { retry: () => void }) {
  useEffect(() => {
    const timer = setTimeout(retry, PART_RETRY_MS);
    return () => clearTimeout(timer);
  }, [retry]);
  return null;
}

/**
 * A lazily loaded part with its own failure: the rest of the screen stays. A chunk that cannot
 * load usually means the server has a new build whose file names differ: reload into it. Any
 * other crash is tried again after a minute (and at once with the button).
 */
function LazyPart({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const m = useMessages(shellMessages);
  return (
    <ErrorBoundary
      onError={(error) => {
        if (isChunkLoadError(error)) reloadWhenServerAnswers();
      }}
      fallback={(error, retry) => (
        <div>
          <PanelError headline={isChunkLoadError(error) ? m.newVersion : m.partFailed} detail={error.message} />
          {isChunkLoadError(error) ? null : (
            <>
              <button type="button" onClick={retry} className="rounded-lg border border-border px-3 py-1.5 text-sm hover:bg-panel-raised">
                {m.retry}
              </button>
              <RetryLater retry={retry} />
            </>
          )}
        </div>
      )}
    >
      <Suspense fallback={fallback}>{children}</Suspense>
    </ErrorBoundary>
  );
}

interface HeaderProps {
  charger: ChargerInfo | null;
  chargers: ChargerInfo[];
  /** The combined history of every charger (`/sessions?charger=all`). */
  combined: boolean;
  kiosk: boolean;
  theme: 'dark' | 'light';
  onToggleTheme: () => void;
}

function Header({ charger, chargers, combined, kiosk, theme, onToggleTheme }: HeaderProps) {
  const m = useMessages(shellMessages);
  const { lang } = useLocale();
  const search = useSearch();
  const [location] = useLocation();
  const [, setParams] = useSearchParams();
  const several = chargers.length > 1;
  // The garage is about every charger: no single charger's name above it, no picker (the tiles are).
  const onGarage = location === '/garage';
  const navItems: Array<{ path: string; label: string; overrides: Record<string, string> }> = [
    // With several chargers `/` without a charger redirects to the garage, so name the charger
    // (from the combined history "Live" stays the garage: `all` means no charger there).
    { path: '/', label: m.live, overrides: several && charger && !combined ? { charger: charger.id } : {} },
    { path: '/sessions', label: m.sessions, overrides: {} },
    ...(several ? [{ path: '/garage', label: m.garage, overrides: {} }] : []),
  ];
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div className="flex items-baseline gap-3">
        <span className="text-xl font-bold">{onGarage ? m.garage : combined ? m.allChargers : (charger?.name ?? m.appName)}</span>
        {charger?.simulated ? (
          <span title={m.simulatedHint} className="rounded-full border border-warn/60 px-2 py-0.5 text-xs font-semibold uppercase text-warn" data-testid="simulated-badge">
            {m.simulated}
          </span>
        ) : null}
      </div>
      {kiosk ? null : (
        <>
          <nav aria-label={m.mainNav} className="flex gap-1">
            {navItems.map((item) => (
              <Link
                key={item.path}
                href={hrefWithStickyParams(item.path, search, item.overrides)}
                aria-current={location === item.path ? 'page' : undefined}
                className="rounded-lg px-3 py-2 text-sm font-medium text-muted hover:bg-panel-raised aria-[current=page]:bg-panel-raised aria-[current=page]:text-text"
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            {several && !onGarage ? (
              <label className="flex items-center gap-2 text-sm text-muted">
                {m.chooseCharger}
                <select
                  className="rounded-lg border border-border bg-panel px-2 py-1.5 text-text"
                  value={combined ? ALL_CHARGERS : (charger?.id ?? '')}
                  onChange={(event) => setParams({ charger: event.target.value }, { push: true })}
                >
                  {location === '/sessions' ? <option value={ALL_CHARGERS}>{m.allChargers}</option> : null}
                  {chargers.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button type="button" className="rounded-lg border border-border px-3 py-1.5 text-sm hover:bg-panel-raised" onClick={() => setParams({ lang: lang === 'de' ? 'en' : 'de' })} aria-label={m.languageLabel}>
              {m.language}
            </button>
            <button type="button" className="rounded-lg border border-border px-3 py-1.5 text-sm hover:bg-panel-raised" onClick={onToggleTheme}>
              {theme === 'dark' ? m.switchToLight : m.switchToDark}
            </button>
          </div>
        </>
      )}
    </header>
  );
}
