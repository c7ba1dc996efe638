/**
 * The one status language of the dashboard: every place that shows what a connector or a charger
 * is doing (live card, garage tile, today's timeline, chart) takes its colour, icon and motion
 * from here, and its word from the contract's vocabulary (`stateWord`), so "charging" looks the
 * same everywhere. The kinds themselves come from the server's snapshot; nothing here reads a raw
 * charger status.
 *
 * Colours are the theme tokens of src/index.css, starting from the Okabe–Ito palette and adjusted
 * per theme for WCAG AA contrast: charging and a finished or full car green (the convention of
 * evcc and Home Assistant), ready blue, a charger holding back amber, a fault red, grey for off
 * or unknown. The pairs that must be told apart (charging and stale or off, a fault and a held
 * session) stay at least ΔE2000 12 apart under deuteranopia and protanopia too: amber and red by
 * lightness, since both turn olive-yellow (status-palette.test.ts). Colour is never alone: each
 * kind has its own icon and a word, and lines in the chart a dash pattern.
 */
import type { StateKind } from '../../../contract/state-vocabulary.ts';

export type { StateKind };

export interface StatusStyle {
  /** Filled background (a pill); text on it uses `onFill`. */
  fill: string;
  onFill: string;
  /** Text or icon in the status colour. */
  text: string;
  /** The coloured left edge of a card or tile. */
  edge: string;
  /** The CSS colour itself, for SVG (chart lines, timeline marks). */
  color: string;
}

const CHARGING: StatusStyle = { fill: 'bg-charging', onFill: 'text-surface', text: 'text-charging', edge: 'border-l-charging', color: 'var(--color-charging)' };
const READY: StatusStyle = { fill: 'bg-ok', onFill: 'text-surface', text: 'text-ok', edge: 'border-l-ok', color: 'var(--color-ok)' };
const HELD: StatusStyle = { fill: 'bg-warn', onFill: 'text-surface', text: 'text-warn', edge: 'border-l-warn', color: 'var(--color-warn)' };
const FAULT: StatusStyle = { fill: 'bg-error', onFill: 'text-surface', text: 'text-error', edge: 'border-l-error', color: 'var(--color-error)' };
const OFF: StatusStyle = { fill: 'bg-idle', onFill: 'text-surface', text: 'text-muted', edge: 'border-l-idle', color: 'var(--color-idle)' };

// Whole class names, so Tailwind finds them.
export const STATUS_STYLE: Record<StateKind, StatusStyle> = {
  available: READY,
  preparing: READY,
  reserved: READY,
  charging: CHARGING,
  // A full car (or one on its own schedule) and a finished session are good news, never a warning.
  paused_by_car: CHARGING,
  finished: CHARGING,
  paused_by_charger: HELD,
  fault: FAULT,
  unavailable: OFF,
  unknown: OFF,
};

/** A warning reported beside a working state: amber, like a charger holding back. */
export const WARNING_STYLE: StatusStyle = HELD;

/** Stale data: every status turns neutral, so old values never look live. */
export const STALE_STYLE: StatusStyle = {
  fill: 'bg-panel-raised',
  onFill: 'text-text',
  text: 'text-muted',
  edge: 'border-l-idle',
  color: 'var(--color-idle)',
};

export function statusStyle(kind: StateKind, stale = false): StatusStyle {
  return stale ? STALE_STYLE : STATUS_STYLE[kind];
}

/** Only charging moves (gently, and not under prefers-reduced-motion: src/index.css). */
export function statusMotion(kind: StateKind, stale = false): string {
  return kind === 'charging' && !stale ? 'status-flow' : '';
}
