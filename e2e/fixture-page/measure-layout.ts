/**
 * What the layout tests check, measured in the page (one call per rendered state, no round trip
 * per element): the page does not scroll; no visible element of a connector card or a garage tile
 * draws outside it; and the sizes of the glance band's text.
 */

export interface Escape {
  /** Which box it escaped: `card 1`, `tile platz4`. */
  box: string;
  /** The element: its test id, or tag and classes, and its text's start. */
  element: string;
  by: { left: number; right: number; top: number; bottom: number };
}

export interface CardSizes {
  /** The state word's (or the "as of" line's) font size, px. */
  state: number;
  /** How many characters it has (a 50-letter name the vocabulary does not know may be smaller). */
  stateLength: number;
  /** The kW figure's font size, px. */
  kw: number;
  /** The session figures' font sizes, px (empty without an open session). */
  figures: number[];
}

export interface LayoutReport {
  /** How far the page scrolls beyond the viewport, px (0: it fits). */
  overflowX: number;
  overflowY: number;
  escapes: Escape[];
  cards: CardSizes[];
  /** The garage tiles' state text font sizes, px. */
  tileStates: number[];
}

const SLACK = 0.5;

function visible(element: Element): boolean {
  const style = getComputedStyle(element);
  if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
  // Screen-reader text is clipped to nothing on purpose.
  if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') return false;
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

function describe(element: Element): string {
  const id = element.getAttribute('data-testid');
  const text = (element.textContent ?? '').trim().slice(0, 40);
  return `${id ?? `${element.tagName.toLowerCase()}.${Array.from(element.classList).slice(0, 3).join('.')}`}${text ? ` "${text}"` : ''}`;
}

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The part of an element actually drawn: its box cut by every ancestor inside `box` that clips its
 * overflow. A part of the card that clips away whole items it has no room for (the figures that
 * give way) draws nothing of them: they are not escapes. Null when nothing of it is drawn.
 */
function drawn(element: Element, box: Element): { rect: Rect; cut: boolean } | null {
  const own = element.getBoundingClientRect();
  let rect: Rect = { left: own.left, right: own.right, top: own.top, bottom: own.bottom };
  for (let parent = element.parentElement; parent && parent !== box; parent = parent.parentElement) {
    const style = getComputedStyle(parent);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    // Text clamped to its lines on purpose (an ellipsis, the whole text on tap) is not cut off.
    if (style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '') return null;
    const clip = parent.getBoundingClientRect();
    rect = { left: Math.max(rect.left, clip.left), right: Math.min(rect.right, clip.right), top: Math.max(rect.top, clip.top), bottom: Math.min(rect.bottom, clip.bottom) };
    if (rect.right - rect.left <= SLACK || rect.bottom - rect.top <= SLACK) return null;
  }
  const cut = rect.left > own.left + SLACK || rect.right < own.right - SLACK || rect.top > own.top + SLACK || rect.bottom < own.bottom - SLACK;
  return { rect, cut };
}

function escapesOf(box: Element, name: string): Escape[] {
  const outer = box.getBoundingClientRect();
  const found: Escape[] = [];
  for (const element of Array.from(box.querySelectorAll('*'))) {
    if (!visible(element)) continue;
    // Hidden inside a part that is itself out of the layout (display: none above it).
    if ((element as HTMLElement).offsetParent === null && getComputedStyle(element).position !== 'fixed') continue;
    const shown = drawn(element, box);
    if (!shown) continue;
    const r = shown.rect;
    const by = { left: outer.left - r.left, right: r.right - outer.right, top: outer.top - r.top, bottom: r.bottom - outer.bottom };
    if (by.left > SLACK || by.right > SLACK || by.top > SLACK || by.bottom > SLACK) found.push({ box: name, element: describe(element), by });
    // Drawn in part: text cut in half by a clipping box (a single element; its children report themselves).
    else if (shown.cut && element.children.length === 0) found.push({ box: name, element: `${describe(element)} (cut off)`, by });
  }
  return found;
}

const fontPx = (element: Element | null) => (element ? parseFloat(getComputedStyle(element).fontSize) : 0);

export function measureLayout(): LayoutReport {
  const doc = document.documentElement;
  const escapes: Escape[] = [];
  const cards: CardSizes[] = [];
  document.querySelectorAll('[data-testid="connector-card"]').forEach((card, index) => {
    escapes.push(...escapesOf(card, `card ${index + 1}`));
    const state = card.querySelector('.card-state');
    cards.push({
      state: fontPx(state),
      stateLength: (state?.textContent ?? '').length,
      kw: fontPx(card.querySelector('.card-hero')),
      figures: Array.from(card.querySelectorAll('[data-testid="session-energy"], [data-testid="session-cost"]')).map(fontPx),
    });
  });
  const tileStates: number[] = [];
  document.querySelectorAll('[data-testid="charger-tile"]').forEach((tile) => {
    escapes.push(...escapesOf(tile, `tile ${tile.getAttribute('data-charger-id')}`));
    const state = tile.querySelector('[data-state]');
    if (state) tileStates.push(fontPx(state));
  });
  return {
    overflowX: Math.max(0, doc.scrollWidth - innerWidth),
    overflowY: Math.max(0, doc.scrollHeight - innerHeight),
    escapes,
    cards,
    tileStates,
  };
}
