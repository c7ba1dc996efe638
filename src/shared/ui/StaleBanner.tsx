interface StaleBannerProps {
  /** "Charger unreachable" */
  reason: string;
  /** "updated 2 minutes ago", or a sentence saying there was never any data. */
  age: string;
  detail?: string | undefined;
}

/** Shown above data that is no longer live; announced politely to screen readers. */
export function StaleBanner({ reason, age, detail }: StaleBannerProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="stale-banner"
      className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-xl border border-warn/60 bg-warn/15 px-4 py-2 text-warn"
    >
      <span className="font-semibold">{reason}</span>
      {/* The age ticks every second: read on demand, not announced each time. */}
      <span className="text-text" aria-live="off">
        {age}
      </span>
      {detail ? <span className="text-sm text-muted">{detail}</span> : null}
    </div>
  );
}
