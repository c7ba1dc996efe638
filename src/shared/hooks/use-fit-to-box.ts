/**
 * Shrinks a band's type until it fits the height its box leaves it: the connector card's glance
 * band is sized from the card's box (container units), but what it holds varies (a fault's text,
 * a state name of 50 letters, a stale card's "as of" line), and on a small tablet with two cards
 * its natural height can pass the card's. The band's sizes are multiplied by `--fit` (CSS), which
 * this sets from 1 down to `min`, measured whenever the box or the band changes.
 */
import { useLayoutEffect, type RefObject } from 'react';

export function useFitToBox(box: RefObject<HTMLElement | null>, band: RefObject<HTMLElement | null>, min = 0.6): void {
  useLayoutEffect(() => {
    const outer = box.current;
    const inner = band.current;
    if (!outer || !inner || typeof ResizeObserver === 'undefined') return;
    let fitting = false;
    const fit = () => {
      if (fitting) return;
      fitting = true;
      outer.style.setProperty('--fit', '1');
      // Twice: text that wraps differently at the smaller size can change the height it needs.
      for (let pass = 0; pass < 2; pass++) {
        // The band's top is measured from the box's padding edge (the box is its offsetParent).
        const room = outer.clientHeight - parseFloat(getComputedStyle(outer).paddingBottom) - inner.offsetTop;
        const need = inner.scrollHeight;
        if (need <= room + 0.5) break;
        const current = parseFloat(outer.style.getPropertyValue('--fit')) || 1;
        outer.style.setProperty('--fit', String(Math.max(min, (current * room) / need)));
      }
      fitting = false;
    };
    fit();
    const resized = new ResizeObserver(fit);
    resized.observe(outer);
    // The band's own size too: a new card's container sizes can settle a frame after its first
    // layout with nothing else changing (Chromium, under reduced motion), and a fit measured
    // before that would stay until the next reading changed the band's text.
    resized.observe(inner);
    const changed = new MutationObserver(fit);
    // An opened or closed part of the band (a fault's whole text) too.
    changed.observe(inner, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-expanded'] });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [box, band, min]);
}
