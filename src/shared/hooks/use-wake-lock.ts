/**
 * Keeps a wall tablet's screen on. The Screen Wake Lock API exists only in secure contexts
 * (https, localhost); a dashboard opened as http://192.168.x.y is not one, so there we fall back
 * to a muted, looping, transparent video covering the viewport behind the page, which Chromium
 * treats as "video playing, keep the screen on" (keep-awake.ts says why it must be that big).
 */
import { useEffect } from 'react';

export function useWakeLock(): void {
  useEffect(() => {
    // Loaded after the first screen, choice of the way included: the screen is awake anyway for
    // the next minutes, and the first load of a cheap tablet is better spent on the cards.
    let dispose: (() => void) | null = null;
    let cancelled = false;
    void import('./keep-awake.ts').then(({ keepAwake }) => {
      if (!cancelled) dispose = keepAwake(document.documentElement);
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, []);
}
