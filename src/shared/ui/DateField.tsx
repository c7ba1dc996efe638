import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { defineMessages, useLocale, useMessages } from '../i18n/i18n.tsx';
import { formatDayText, parseDayText } from './date-text.ts';
import { FIELD } from './Select.tsx';
import { TOUCH } from './touch.ts';
import './date-field.css';

export const dateFieldMessages = defineMessages({
  en: {
    pick: (label: string) => `${label}: choose from a calendar`,
    invalid: (example: string) => `Enter a date like ${example}.`,
    notBefore: (day: string) => `Choose ${day} or later.`,
    notAfter: (day: string) => `Choose ${day} or earlier.`,
  },
  de: {
    pick: (label: string) => `${label}: im Kalender wählen`,
    invalid: (example: string) => `Datum wie ${example} eingeben.`,
    notBefore: (day: string) => `Frühestens ${day} wählen.`,
    notAfter: (day: string) => `Spätestens ${day} wählen.`,
  },
});

/** The day the "enter a date like …" message shows as its example. */
const EXAMPLE_DAY = '2026-11-30';

interface DateFieldProps {
  label: string;
  /** The day, `YYYY-MM-DD`; null when none is chosen. A text that is no real day is shown as it is. */
  value: string | null;
  /** A real day within min…max, or null when the field was emptied. */
  onChange(value: string | null): void;
  min?: string | undefined;
  max?: string | undefined;
  /** The caller finds the value wrong (a range that ends before it starts). */
  invalid?: boolean | undefined;
  /** Label above the field (forms) or beside it (a toolbar). */
  layout?: 'stacked' | 'inline';
  /** A longer name for screen readers than the visible label. */
  accessibleLabel?: string | undefined;
  className?: string;
  testId?: string;
}

/**
 * A day in the page's language: a text field showing `30.11.2026` (German) or `30/11/2026`
 * (English), which reads what is typed in that form (or `2026-11-30`), and a calendar button
 * (44 × 44 px) that opens the browser's own picker, for a finger. The picker belongs to a native
 * date input kept out of sight and out of the tab order; the field never shows its text, which
 * Chromium writes in its own UI language rather than the page's.
 *
 * A typed day takes effect as soon as it is a whole real day; what cannot be read is kept as typed
 * and flagged when the field is left (or on Enter), and changes nothing.
 */
export function DateField({ label, value, onChange, min, max, invalid = false, layout = 'stacked', accessibleLabel, className = '', testId }: DateFieldProps) {
  const m = useMessages(dateFieldMessages);
  const { locale } = useLocale();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  // The text while it is being typed; null shows the value, formatted.
  const [draft, setDraft] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const shown = draft ?? (value ? formatDayText(value, locale) : '');

  const problemOf = (text: string): string | null => {
    if (text.trim() === '') return null;
    const day = parseDayText(text, locale);
    if (day === null) return m.invalid(formatDayText(EXAMPLE_DAY, locale));
    if (min && day < min) return m.notBefore(formatDayText(min, locale));
    if (max && day > max) return m.notAfter(formatDayText(max, locale));
    return null;
  };
  const problem = draft !== null && checked ? problemOf(draft) : null;

  const type = (text: string) => {
    setDraft(text);
    setChecked(false);
    const day = parseDayText(text, locale);
    if (day !== null && problemOf(text) === null && day !== value) onChange(day);
  };
  /** Leaving the field (or Enter): a readable day is shown in the language's form again. */
  const settle = () => {
    if (draft === null) return;
    if (draft.trim() === '') {
      setDraft(null);
      if (value !== null) onChange(null);
    } else if (problemOf(draft) === null) {
      setDraft(null);
    } else {
      setChecked(true);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') settle();
  };
  const openPicker = () => {
    const input = picker.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      // No picker for this element here (an older browser): the typed form still works.
      input.focus();
    }
  };

  const errorId = `${id}-error`;
  return (
    <div className={`flex text-sm text-muted ${layout === 'stacked' ? 'flex-col' : 'items-center gap-2'} ${className}`} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div className="relative flex items-center gap-1">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          aria-label={accessibleLabel}
          className={`${FIELD} date-field-text tabular-nums`}
          value={shown}
          placeholder={formatDayText(EXAMPLE_DAY, locale)}
          aria-invalid={invalid || problem !== null}
          aria-describedby={problem ? errorId : undefined}
          onChange={(event) => type(event.target.value)}
          onBlur={settle}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className={`${TOUCH} inline-flex items-center justify-center rounded-lg border border-border text-text hover:bg-panel-raised`}
          aria-label={m.pick(accessibleLabel ?? label)}
          onClick={openPicker}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="date-field-icon" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </button>
        {/* The browser's picker, anchored under the calendar button; it sets the value only. */}
        <input
          ref={picker}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          className="date-field-picker"
          value={value && parseDayText(value, locale) ? value : ''}
          min={min}
          max={max}
          onChange={(event) => {
            setDraft(null);
            setChecked(false);
            onChange(event.target.value || null);
          }}
        />
      </div>
      {problem ? (
        <p id={errorId} role="alert" className="text-sm font-semibold text-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
