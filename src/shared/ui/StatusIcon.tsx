import type { StateKind } from './status-style.ts';

/** The icons of the status language, inline SVG in `currentColor` (no icon font, no request). */
const PATHS = {
  bolt: 'M13 2 4 14h7l-1 8 9-12h-7z',
  plug: 'M9 2v5M15 2v5M6 7h12v4a6 6 0 0 1-12 0zM12 17v5',
  hourglass: 'M6 2h12M6 22h12M7 2c0 5 10 5 10 10S7 17 7 22M17 2c0 5-10 5-10 10s10 5 10 10',
  bookmark: 'M6 3h12v18l-6-4-6 4z',
  pause: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM10 8v8M14 8v8',
  hand: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM7 12h10',
  check: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM7.5 12.5l3 3 6-6.5',
  triangle: 'M12 3 2 21h20zM12 10v5M12 18v.5',
  slashed: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM5 5l14 14',
  question: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.5',
  clock: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM12 6v6l4 2',
  warning: 'M12 3 2 21h20zM12 9v6M12 18v.5',
} as const;
type IconName = keyof typeof PATHS;

/** One icon per kind: a bolt for charging, a plug for available, a check for finished, … */
export const ICON_OF: Record<StateKind, IconName> = {
  available: 'plug',
  preparing: 'hourglass',
  reserved: 'bookmark',
  charging: 'bolt',
  paused_by_car: 'pause',
  paused_by_charger: 'hand',
  finished: 'check',
  fault: 'triangle',
  unavailable: 'slashed',
  unknown: 'question',
};

/** A state kind, or `stale` (a clock) and `warning` (a fault reported beside a working state). */
export type IconKind = StateKind | 'stale' | 'warning';

export function StatusIcon({ kind, className = '' }: { kind: IconKind; className?: string }) {
  const name: IconName = kind === 'stale' ? 'clock' : kind === 'warning' ? 'warning' : ICON_OF[kind];
  return (
    <svg
      aria-hidden="true"
      data-icon={kind}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`status-icon ${className}`}
    >
      <path d={PATHS[name]} fill={name === 'bolt' ? 'currentColor' : 'none'} />
    </svg>
  );
}
