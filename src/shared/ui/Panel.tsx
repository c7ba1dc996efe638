import type { ReactNode } from 'react';

interface PanelProps {
  /** Visible heading; also names the region for screen readers. */
  title: string;
  /** When set, the panel shows this problem instead of (or above) its content. */
  error?: { headline: string; detail?: string } | null;
  children?: ReactNode;
  className?: string;
  actions?: ReactNode;
  testId?: string;
}

/** A titled region of the dashboard; its own error stays inside it (`panel-error`). */
export function Panel({ title, error, children, className = '', actions, testId }: PanelProps) {
  const headingId = `panel-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} data-testid={testId} className={`rounded-2xl border border-border bg-panel p-4 ${className}`}>
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-muted">
          {title}
        </h2>
        {actions}
      </div>
      {error ? <PanelError headline={error.headline} detail={error.detail} /> : null}
      {children}
    </section>
  );
}

export function PanelError({ headline, detail }: { headline: string; detail?: string | undefined }) {
  return (
    <div role="alert" data-testid="panel-error" className="mb-3 rounded-xl border border-error/60 bg-error/10 p-3 text-error">
      <p className="font-semibold">{headline}</p>
      {detail ? <p className="mt-1 break-words text-sm text-text">{detail}</p> : null}
    </div>
  );
}
