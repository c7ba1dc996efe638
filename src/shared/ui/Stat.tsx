import type { ReactNode } from 'react';

export type StatSize = 'sm' | 'md' | 'lg';

const VALUE: Record<StatSize, string> = {
  sm: 'text-xl font-semibold',
  md: 'stat-md font-semibold',
  lg: 'stat-lg font-bold',
};

interface StatProps {
  label: ReactNode;
  /** The figure, already formatted; null or undefined shows "—", never a zero standing in for no data. */
  value: ReactNode;
  size?: StatSize;
  /** A smaller line under the value ("since 18:04"). */
  hint?: ReactNode;
  testId?: string;
  className?: string;
}

/** One labelled figure (a `dt`/`dd` pair: put it inside a `dl`). Sizes follow the viewport. */
export function Stat({ label, value, size = 'md', hint, testId, className = '' }: StatProps) {
  return (
    <div className={`min-w-0 ${className}`}>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className={`${VALUE[size]} leading-tight`} data-testid={testId}>
        {value ?? '—'}
      </dd>
      {hint ? <dd className="text-sm text-muted">{hint}</dd> : null}
    </div>
  );
}
