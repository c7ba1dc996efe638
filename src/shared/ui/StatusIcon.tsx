import type { StatusKind } from './status-style.ts';

/**
 * One icon per status kind, inline SVG in `currentColor` (no icon font, no request): a bolt for
 * charging, a plug for available, a pause for waiting, a warning triangle for a fault, a slashed
 * circle for offline, a question mark for unknown, a clock for stale data.
 */
const PATHS: Record<StatusKind | 'stale', string> = {
  charging: 'M13 2 4 14h7l-1 8 9-12h-7z',
  available: 'M9 2v5M15 2v5M6 7h12v4a6 6 0 0 1-12 0zM12 17v5',
  waiting: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM10 8v8M14 8v8',
  fault: 'M12 3 2 21h20zM12 10v5M12 18v.5',
  offline: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM5 5l14 14',
  unknown: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.5',
  stale: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM12 6v6l4 2',
};

export function StatusIcon({ kind, className = '' }: { kind: StatusKind | 'stale'; className?: string }) {
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
      <path d={PATHS[kind]} fill={kind === 'charging' ? 'currentColor' : 'none'} />
    </svg>
  );
}
