import { useId, type SelectHTMLAttributes } from 'react';
import { FIELD } from './field.ts';

export { FIELD };

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  /** Label above the field (forms) or beside it (a toolbar). */
  layout?: 'stacked' | 'inline';
}

/** A labelled native select: the tablet's own picker, 44 px high. */
export function Select({ label, value, options, onChange, layout = 'stacked', className = '', ...rest }: SelectProps) {
  const id = useId();
  return (
    <div className={`flex text-sm text-muted ${layout === 'stacked' ? 'flex-col' : 'items-center gap-2'}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} className={`${FIELD} ${className}`} value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
