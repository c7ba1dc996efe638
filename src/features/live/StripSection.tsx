import { useId, type ReactNode } from 'react';

/** A named part of the live view's compact strip (a region, like the full panel it stands for). */
export function StripSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-wrap items-baseline gap-x-4 gap-y-0.5">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-muted">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function StripItem({ label, tone = '', children }: { label: string; tone?: string; children: ReactNode }) {
  return (
    <p className="whitespace-nowrap text-base">
      <span className="text-muted">{label} </span>
      <span className={`font-semibold ${tone}`}>{children}</span>
    </p>
  );
}
