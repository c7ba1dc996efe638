/**
 * Hides, whole, the children of a box that do not fit in its height: a part that gives way when
 * space runs out (the connector card's secondary figures) shows as many figures as fit and never
 * one cut in half. The children keep their place in the layout (`visibility`, through the
 * `data-clipped` attribute and the app's CSS), so hiding one never moves the others.
 */
import { useLayoutEffect, type RefObject } from 'react';

export function useClipOverflowing(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const check = () => {
      const bottom = box.getBoundingClientRect().bottom;
      for (const child of Array.from(box.children)) {
        // Measured without the mark: a box that grew shows what now fits.
        const fits = child.getBoundingClientRect().bottom <= bottom + 0.5;
        if (fits) child.removeAttribute('data-clipped');
        else child.setAttribute('data-clipped', '');
      }
    };
    check();
    const resized = new ResizeObserver(check);
    resized.observe(box);
    // A figure's text that grows (a ticking clock, a new reading) can push the next one out.
    const changed = new MutationObserver(check);
    changed.observe(box, { childList: true, subtree: true, characterData: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [ref]);
}
