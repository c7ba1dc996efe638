import { useState } from 'react';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { parseIsoDate } from '../../shared/time/local-calendar.ts';
import { powerMessages } from './messages.ts';
import { DEFAULT_RANGE, ENERGY_SPANS, LAST_SPANS, localDay, rangeParams, type EnergySpan, type LastSpan, type PowerRange } from './power-range.ts';

interface RangePickerProps {
  range: PowerRange;
  /** Days after the one of `nowMs` have no data, so they cannot be picked. */
  nowMs: number;
  /** URL changes to apply (the shell's own parameters stay). */
  onChange(changes: Record<string, string | null>): void;
}

/** 6 h / 24 h / 7 days (lines), 30 days / 12 months (energy bars), or one calendar day. */
export function RangePicker({ range, nowMs, onChange }: RangePickerProps) {
  const m = useMessages(powerMessages);
  const labels: Record<LastSpan, string> = { '6h': m.last6h, '24h': m.last24h, '7d': m.last7d };
  const energyLabels: Record<EnergySpan, string> = { '30d': m.last30d, '12m': m.last12m };
  const today = localDay(nowMs);
  // What the date field shows while it is being typed into: Chrome reports each keystroke of the
  // year as a date (0002-…, 0020-…), which must neither change the range nor be wiped out.
  const [draft, setDraft] = useState<string | null>(null);
  const pickDay = (value: string) => {
    if (value === '') {
      setDraft(null);
      onChange(rangeParams(DEFAULT_RANGE));
    } else if (parseIsoDate(value) && value <= today) {
      setDraft(null);
      onChange(rangeParams({ kind: 'day', day: value }));
    } else {
      setDraft(value);
    }
  };
  return (
    <div role="group" aria-label={m.rangeLabel} className="power-range flex flex-wrap items-center gap-1">
      {LAST_SPANS.map((span) => (
        <button
          key={span}
          type="button"
          aria-pressed={range.kind === 'last' && range.span === span}
          data-range={span}
          onClick={() => onChange(rangeParams({ kind: 'last', span }))}
          className="rounded-lg border border-border px-3 py-1.5 text-sm font-medium text-muted hover:bg-panel-raised"
        >
          {labels[span]}
        </button>
      ))}
      {ENERGY_SPANS.map((span) => (
        <button
          key={span}
          type="button"
          aria-pressed={range.kind === 'energy' && range.span === span}
          data-range={span}
          onClick={() => onChange(rangeParams({ kind: 'energy', span }))}
          className="rounded-lg border border-border px-3 py-1.5 text-sm font-medium text-muted hover:bg-panel-raised"
        >
          {energyLabels[span]}
        </button>
      ))}
      <label data-active={range.kind === 'day'} className="flex items-center gap-2 rounded-lg border border-border px-2 py-1 text-sm text-muted">
        <span>{m.day}</span>
        <input
          type="date"
          aria-label={m.dayLabel}
          max={today}
          value={draft ?? (range.kind === 'day' ? range.day : '')}
          onChange={(event) => pickDay(event.target.value)}
          onBlur={() => setDraft(null)}
          className="power-date text-text"
        />
      </label>
    </div>
  );
}
