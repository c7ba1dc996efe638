import type { ButtonHTMLAttributes } from 'react';
import { TOUCH } from './touch.ts';

export type ButtonVariant =
  /** Bordered, the everyday control. */
  | 'default'
  /** Accent border and text: the one action of a panel (CSV export). */
  | 'primary'
  /** Looks like a link, acts like a button (clear filters, forget a setting). */
  | 'link';

const BASE = `${TOUCH} inline-flex items-center justify-center gap-2 rounded-lg px-3 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50`;
const VARIANTS: Record<ButtonVariant, string> = {
  default: 'border border-border hover:bg-panel-raised aria-pressed:border-accent aria-pressed:bg-panel-raised aria-pressed:text-text',
  primary: 'border border-accent font-semibold text-accent hover:bg-panel-raised',
  link: 'text-accent underline',
};

/** The class string of a button, for a router link that should look and size like one. */
export function buttonClass(variant: ButtonVariant = 'default', extra = ''): string {
  return `${BASE} ${VARIANTS[variant]} ${extra}`.trim();
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
}

/** A button at least 44 × 44 px; `type="button"` unless told otherwise (no accidental submits). */
export function Button({ variant = 'default', className = '', type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
