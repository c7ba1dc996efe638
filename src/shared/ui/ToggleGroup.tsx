import type { ReactNode } from 'react';
import { Button } from './Button.tsx';

export interface ToggleOption<V extends string> {
  value: V;
  label: ReactNode;
  /** Extra attributes for tests and styles (`data-range`). */
  data?: Record<`data-${string}`, string>;
}

interface ToggleGroupProps<V extends string> {
  /** Names the group for screen readers ("Time range"). */
  label: string;
  options: readonly ToggleOption<V>[];
  /** The pressed option; null when none is (a custom range chosen elsewhere). */
  value: V | null;
  onChange(value: V): void;
  className?: string;
  children?: ReactNode;
}

/**
 * One choice out of a few, as pressed buttons (`aria-pressed`), each 44 px: a segmented control
 * a finger can use, and a keyboard (Tab, Space) without a custom key model.
 */
export function ToggleGroup<V extends string>({ label, options, value, onChange, className = '', children }: ToggleGroupProps<V>) {
  return (
    <div role="group" aria-label={label} className={`flex flex-wrap items-center gap-1 ${className}`}>
      {options.map((option) => (
        <Button key={option.value} aria-pressed={value === option.value} onClick={() => onChange(option.value)} {...option.data}>
          {option.label}
        </Button>
      ))}
      {children}
    </div>
  );
}
