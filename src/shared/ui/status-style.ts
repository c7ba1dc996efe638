/**
 * The one status language of the dashboard: every place that shows what a connector or a charger
 * is doing (live card, garage tile, today's timeline, chart) takes its colour, icon and motion
 * from here, and its word from the shared charger labels, so "charging" looks the same
 * everywhere.
 *
 * Colours are the theme tokens of src/index.css, chosen from the Okabe–Ito palette (readable
 * with the common colour-vision deficiencies) and adjusted per theme for WCAG AA contrast:
 * charging green (the convention of evcc and Home Assistant), ready blue, waiting/warning amber,
 * fault vermilion-red, grey for off or unknown. Colour is never alone: each kind has an icon and
 * a word, and lines in the chart a dash pattern.
 */

export type StatusKind =
  /** Energy flows to the car. */
  | 'charging'
  /** Free, nothing plugged in. */
  | 'available'
  /** A car is there but not charging (preparing, paused, finishing, reserved): needs a look, not a fix. */
  | 'waiting'
  /** A fault is reported. */
  | 'fault'
  /** Switched off or unavailable. */
  | 'offline'
  /** A status we do not know and no power flowing. */
  | 'unknown';

export const STATUS_KINDS: readonly StatusKind[] = ['charging', 'available', 'waiting', 'fault', 'offline', 'unknown'];

/** OCPP connector statuses, as the Etrel charger reports them. */
const BY_STATUS: Partial<Record<string, StatusKind>> = {
  Available: 'available',
  Preparing: 'waiting',
  Charging: 'charging',
  SuspendedEV: 'waiting',
  SuspendedEVSE: 'waiting',
  Finishing: 'waiting',
  Reserved: 'waiting',
  Unavailable: 'offline',
  Faulted: 'fault',
};

export interface StatusInput {
  /** The raw status string; null when there is none. */
  status: string | null | undefined;
  /** kW, when known: an unknown status with power flowing is charging. */
  power?: number | null | undefined;
  /** A fault reported beside the status wins over it. */
  fault?: boolean;
}

/** What a status means at a glance. A reported fault wins; an unknown status with power is charging. */
export function statusKind({ status, power, fault }: StatusInput): StatusKind {
  if (fault) return 'fault';
  if (status == null || status === '') return 'unknown';
  const known = Object.hasOwn(BY_STATUS, status) ? BY_STATUS[status] : undefined;
  if (known) return known;
  return (power ?? 0) > 0 ? 'charging' : 'unknown';
}

/** How several connectors read as one (a garage tile): the most urgent first. */
const URGENCY: readonly StatusKind[] = ['fault', 'charging', 'waiting', 'available', 'offline', 'unknown'];

export function combinedKind(kinds: readonly StatusKind[]): StatusKind {
  if (kinds.length === 0) return 'unknown';
  return URGENCY.find((k) => kinds.includes(k)) ?? 'unknown';
}

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

// Whole class names, so Tailwind finds them.
export const STATUS_STYLE: Record<StatusKind, StatusStyle> = {
  charging: { fill: 'bg-charging', onFill: 'text-surface', text: 'text-charging', edge: 'border-l-charging', color: 'var(--color-charging)' },
  available: { fill: 'bg-ok', onFill: 'text-surface', text: 'text-ok', edge: 'border-l-ok', color: 'var(--color-ok)' },
  waiting: { fill: 'bg-warn', onFill: 'text-surface', text: 'text-warn', edge: 'border-l-warn', color: 'var(--color-warn)' },
  fault: { fill: 'bg-error', onFill: 'text-surface', text: 'text-error', edge: 'border-l-error', color: 'var(--color-error)' },
  offline: { fill: 'bg-idle', onFill: 'text-surface', text: 'text-muted', edge: 'border-l-idle', color: 'var(--color-idle)' },
  unknown: { fill: 'bg-idle', onFill: 'text-surface', text: 'text-muted', edge: 'border-l-idle', color: 'var(--color-idle)' },
};

/** Stale data: every status turns neutral, so old values never look live. */
export const STALE_STYLE: StatusStyle = {
  fill: 'bg-panel-raised',
  onFill: 'text-text',
  text: 'text-muted',
  edge: 'border-l-idle',
  color: 'var(--color-idle)',
};

export function statusStyle(kind: StatusKind, stale = false): StatusStyle {
  return stale ? STALE_STYLE : STATUS_STYLE[kind];
}

/** Only charging moves (gently, and not under prefers-reduced-motion: src/index.css). */
export function statusMotion(kind: StatusKind, stale = false): string {
  return kind === 'charging' && !stale ? 'status-flow' : '';
}
