/**
 * The zone a page's days, months and clock times are in: the charger's own (its snapshot and the
 * charger list say which), never the tablet's, so a tablet in another zone than the charger shows
 * the charger's calendar. Without a provider (a test, a page before the list is in), the tablet's.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { browserZone } from './local-calendar.ts';

const ZoneContext = createContext<string | null>(null);

export function TimeZoneProvider({ zone, children }: { zone: string | null | undefined; children: ReactNode }) {
  return <ZoneContext.Provider value={zone ?? null}>{children}</ZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(ZoneContext) ?? browserZone();
}
