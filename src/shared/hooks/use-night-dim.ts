import { useEffect } from 'react';
import { useSearchParam } from '../url/use-search-params.ts';

/** A touch lifts the dimming for this long. */
export const WAKE_MS = 60_000;
const CHECK_MS = 30_000;

export interface DimWindow {
  /** Minutes after local midnight. */
  from: number;
  to: number;
}

/** `22:00-06:00` → the window (it may run over midnight); anything else → null. */
export function parseDimWindow(value: string | null): DimWindow | null {
  const match = value ? /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(value.trim()) : null;
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return null;
  const from = h1 * 60 + m1;
  const to = h2 * 60 + m2;
  return from === to ? null : { from, to };
}

/** Whether the local time `date` lies in the window (from inclusive, to exclusive). */
export function inDimWindow(window: DimWindow, date: Date): boolean {
  const minute = date.getHours() * 60 + date.getMinutes();
  return window.from < window.to ? minute >= window.from && minute < window.to : minute >= window.from || minute < window.to;
}

/**
 * `?dim=22:00-06:00`: inside that local window the page darkens itself (src/index.css,
 * `data-dimmed`), so a wall tablet does not light up the hall at night; a touch brings full
 * brightness back for a minute.
 */
export function useNightDim(): void {
  const window = parseDimWindow(useSearchParam('dim'));
  const from = window?.from;
  const to = window?.to;
  useEffect(() => {
    const root = document.documentElement;
    if (from === undefined || to === undefined) {
      delete root.dataset.dimmed;
      return;
    }
    let wokenUntil = 0;
    const update = () => {
      const dimmed = Date.now() >= wokenUntil && inDimWindow({ from, to }, new Date());
      root.dataset.dimmed = String(dimmed);
    };
    let wakeTimer: ReturnType<typeof setTimeout> | undefined;
    const wake = () => {
      wokenUntil = Date.now() + WAKE_MS;
      update();
      clearTimeout(wakeTimer);
      wakeTimer = setTimeout(update, WAKE_MS);
    };
    update();
    const timer = setInterval(update, CHECK_MS);
    document.addEventListener('pointerdown', wake, { passive: true });
    return () => {
      clearInterval(timer);
      clearTimeout(wakeTimer);
      document.removeEventListener('pointerdown', wake);
      delete root.dataset.dimmed;
    };
  }, [from, to]);
}
