/**
 * The one place the touch minimum lives: 44 × 44 CSS px (2.75 rem), the size a fingertip hits
 * reliably on a wall tablet. Every control of the UI kit carries it; a link or a label that
 * behaves like a control uses `TOUCH` directly. Whole class names, so Tailwind finds them.
 */
export const TOUCH = 'min-h-11 min-w-11';

/** Smallest size of an interactive element, px (what the layout tests measure against). */
export const TOUCH_PX = 44;
