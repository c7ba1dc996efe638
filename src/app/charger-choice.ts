/**
 * Which charger a page is about, and whose status it shows live, from the path, `?charger` and the
 * server's list. One rule for the shell (what to render) and for the start-up prefetch (what to
 * ask for before the first render), so the two never disagree.
 */
import type { ChargerInfo } from '../api/server-schemas.ts';

/** `?charger=all` on the sessions page: the combined history of every charger. */
export const ALL_CHARGERS = 'all';

export interface ChargerChoice {
  /** The charger the page is about: the one asked for, else the first; undefined if unknown. */
  charger: ChargerInfo | undefined;
  /** `?charger` as given (null: none). */
  requestedId: string | null;
  /** A specific charger was asked for (`all` does not count off the sessions page). */
  hasChargerParam: boolean;
  /** The combined history of every charger (`/sessions?charger=all`). */
  combined: boolean;
  /**
   * The garage shows every charger: an id it does not know (removed from the server's list,
   * carried along by the nav links or pinned in a kiosk URL) is dropped from the URL, not an error.
   */
  dropUnknownOnGarage: boolean;
  /** Whose status the page shows live: the live view's charger, every charger on the garage. */
  liveChargerIds: string[];
}

export function chooseCharger(pathname: string, requestedId: string | null, chargers: readonly ChargerInfo[]): ChargerChoice {
  const combined = requestedId === ALL_CHARGERS && pathname === '/sessions';
  // `all` means nothing off the sessions page (e.g. after following "Live" from the combined history).
  const chosenId = requestedId === ALL_CHARGERS ? null : requestedId;
  const charger = chosenId ? chargers.find((c) => c.id === chosenId) : chargers[0];
  const dropUnknownOnGarage = pathname === '/garage' && chargers.length > 0 && !charger;
  // `/` without a charger is the garage when there are several.
  const showsGarage = pathname === '/garage' || (pathname === '/' && chosenId === null && chargers.length > 1);
  const liveChargerIds = showsGarage ? chargers.map((c) => c.id) : pathname === '/' && charger ? [charger.id] : [];
  return { charger, requestedId, hasChargerParam: chosenId !== null, combined, dropUnknownOnGarage, liveChargerIds };
}
