import type { ReactNode } from 'react';
import { StatusIcon } from './StatusIcon.tsx';
import { statusMotion, statusStyle, type StateKind } from './status-style.ts';

interface StatusBadgeProps {
  kind: StateKind;
  /** The status word ("Charging", "Lädt"). */
  word: ReactNode;
  /** Old data: neutral colours, a clock icon and the `staleLabel` before the word. */
  stale?: boolean;
  staleLabel?: string;
  className?: string;
}

/** Colour + icon + word: a status pill as every view shows it. Size comes from `className`. */
export function StatusBadge({ kind, word, stale = false, staleLabel, className = '' }: StatusBadgeProps) {
  const style = statusStyle(kind, stale);
  return (
    <span data-kind={kind} data-stale={stale} className={`inline-flex max-w-full items-center gap-[0.3em] rounded-full px-[0.5em] py-[0.05em] font-bold ${style.fill} ${style.onFill} ${className}`}>
      <StatusIcon kind={stale ? 'stale' : kind} className={`size-[0.9em] shrink-0 ${statusMotion(kind, stale)}`} />
      <span className="min-w-0">
        {stale && staleLabel ? <span className="block text-[0.4em] font-semibold uppercase leading-tight tracking-wide">
            {staleLabel}
            <span className="sr-only">: </span>
          </span> : null}
        {word}
      </span>
    </span>
  );
}
