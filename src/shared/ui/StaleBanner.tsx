import type { ReactNode } from 'react';

interface StaleBannerProps {
  /** "Charger unreachable"; null while the data is live, which leaves the region empty. */
  reason: string | null;
  /** "last update 2 minutes ago", or a sentence saying there was never any data. */
  age?: ReactNode;
  detail?: string | undefined;
}

/**
 * Shown above data that is no longer live; announced politely to screen readers. The status
 * region is always in the page, empty (and out of the layout) while all is well, and filled when
 * the data goes stale: screen readers often skip a live region that appears already filled.
 */
export function StaleBanner({ reason, age, detail }: StaleBannerProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid={reason === null ? undefined : 'stale-banner'}
      className={
        reason === null ? 'sr-only' : 'flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-xl border border-warn/60 bg-warn/15 px-4 py-2 text-warn'
      }
    >
      {reason === null ? null : (
        <>
          <span className="font-semibold text-text">{reason}</span>
          {/* The age ticks every second: read on demand, not announced each time. */}
          <span className="text-text" aria-live="off">
            {age}
          </span>
          {detail ? <span className="text-sm text-muted">{detail}</span> : null}
        </>
      )}
    </div>
  );
}
