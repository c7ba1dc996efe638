/**
 * The zone a page's days, months and clock times are in: the charger's own (its snapshot and the
 * charger list say which), never the tablet's, so a tablet in another zone than the charger shows
 * the charger's calendar. Without a provider (a test, a page before the list is in), the tablet's.
 */
import { createContext, useContext, type ReactNode } from 'react';

const ZoneContext = createContext<string | null>(null);

export function TimeZoneProvider({ zone, children }: { zone: string | null | undefined; children: ReactNode }) {
  return <ZoneContext.Provider value={zone ?? null}>{children}</ZoneContext.Provider>;
}

/**
 * The tablet's own zone. Here rather than with the calendar arithmetic (`local-calendar.ts`), so
 * the first load does not carry that module and its zone library for one line.
 */
function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function useTimeZone(): string {
  return useContext(ZoneContext) ?? browserZone();
}
