import { ToggleGroup } from '../../shared/ui/ToggleGroup.tsx';
import { DateField } from '../../shared/ui/DateField.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useTimeZone } from '../../shared/time/time-zone-context.tsx';
import { powerMessages } from './messages.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { startOfLocalDay } from '../../shared/time/local-calendar.ts';
import { DEFAULT_RANGE, ENERGY_SPANS, LAST_SPANS, localDay, parseMonth, rangeParams, type EnergySpan, type LastSpan, type PowerRange } from './power-range.ts';

interface RangePickerProps {
  range: PowerRange;
  /** Days after the one of `nowMs` have no data, so they cannot be picked. */
  nowMs: number;
  /** URL changes to apply (the shell's own parameters stay). */
  onChange(changes: Record<string, string | null>): void;
}

/**
 * 6 h / 24 h / 7 days (lines), 30 days / 12 months (energy bars), or one calendar day; a calendar
 * month (opened from its bar) is named beside them while it is shown.
 */
export function RangePicker({ range, nowMs, onChange }: RangePickerProps) {
  const m = useMessages(powerMessages);
  const labels: Record<LastSpan, string> = { '6h': m.last6h, '24h': m.last24h, '7d': m.last7d };
  const energyLabels: Record<EnergySpan, string> = { '30d': m.last30d, '12m': m.last12m };
  const zone = useTimeZone();
  const fmt = useFormat();
  const today = localDay(nowMs, zone);
  const month = range.kind === 'month' ? parseMonth(range.month) : null;
  // An emptied field goes back to the default range; the field only reports whole days up to today.
  const pickDay = (day: string | null) => onChange(rangeParams(day === null ? DEFAULT_RANGE : { kind: 'day', day }));
  return (
    <ToggleGroup<LastSpan | EnergySpan>
      label={m.rangeLabel}
      className="power-range"
      options={[
        ...LAST_SPANS.map((span) => ({ value: span, label: labels[span], data: { 'data-range': span } })),
        ...ENERGY_SPANS.map((span) => ({ value: span, label: energyLabels[span], data: { 'data-range': span } })),
      ]}
      value={range.kind === 'last' || range.kind === 'energy' ? range.span : null}
      onChange={(span) => onChange(rangeParams((LAST_SPANS as readonly string[]).includes(span) ? { kind: 'last', span: span as LastSpan } : { kind: 'energy', span: span as EnergySpan }))}
    >
      {month ? (
        <span data-active="true" data-range="month" className="power-month flex min-h-11 items-center rounded-lg border border-border px-3 text-sm font-medium">
          {fmt.month(startOfLocalDay(month, zone))}
        </span>
      ) : null}
      <div data-active={range.kind === 'day'} className="power-day rounded-lg border border-border">
        <DateField label={m.day} accessibleLabel={m.dayLabel} layout="inline" max={today} value={range.kind === 'day' ? range.day : null} onChange={pickDay} testId="power-day" />
      </div>
    </ToggleGroup>
  );
}
