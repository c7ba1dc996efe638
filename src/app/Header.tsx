import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { ChargerInfo } from '../api/server-schemas.ts';
import { useMessages } from '../shared/i18n/i18n.tsx';
import { hrefWithStickyParams } from '../shared/url/sticky-params.ts';
import { useSearchParams } from '../shared/url/use-search-params.ts';
import { ALL_CHARGERS } from './charger-choice.ts';
import { shellMessages } from './messages.ts';
import type { KioskMode } from '../shared/hooks/use-kiosk.ts';
import { FIELD } from '../shared/ui/field.ts';
import { TOUCH } from '../shared/ui/touch.ts';

export interface HeaderProps {
  charger: ChargerInfo | null;
  chargers: ChargerInfo[];
  /** The combined history of every charger (`/sessions?charger=all`). */
  combined: boolean;
  /** `touch`: navigation (and the charger picker) only; `locked`: no controls at all. */
  kiosk: KioskMode;
  /**
   * The display's settings (`DisplaySettings`, a lazy chunk): language and theme controls outside
   * the kiosk modes; in any mode it applies the theme and the night dimming.
   */
  settings: ReactNode;
}

/**
 * The charger's name, the views, the charger picker, language and theme. A touch kiosk keeps the
 * navigation and the picker; a locked kiosk shows the name alone.
 */
export function Header({ charger, chargers, combined, kiosk, settings }: HeaderProps) {
  const m = useMessages(shellMessages);
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
        <span className="stat-md font-bold">{onGarage ? m.garage : combined ? m.allChargers : (charger?.name ?? m.appName)}</span>
        {charger?.simulated ? (
          <span title={m.simulatedHint} className="rounded-full border border-warn/60 px-2 py-0.5 text-xs font-semibold uppercase text-warn" data-testid="simulated-badge">
            {m.simulated}
          </span>
        ) : null}
      </div>
      {kiosk === 'locked' ? (
        settings
      ) : (
        <>
          <nav aria-label={m.mainNav} className="flex gap-1">
            {navItems.map((item) => (
              <Link
                key={item.path}
                href={hrefWithStickyParams(item.path, search, item.overrides)}
                aria-current={location === item.path ? 'page' : undefined}
                className={`${TOUCH} inline-flex items-center rounded-lg px-3 text-sm font-medium text-muted hover:bg-panel-raised aria-[current=page]:bg-panel-raised aria-[current=page]:text-text`}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            {several && !onGarage ? (
              <label className="flex items-center gap-2 text-sm text-muted">
                {m.chooseCharger}
                <select
                  className={FIELD}
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
            {settings}
          </div>
        </>
      )}
    </header>
  );
}
