import { useMemo } from 'react';
import { Button } from '../../shared/ui/Button.tsx';
import { DateField } from '../../shared/ui/DateField.tsx';
import { Select } from '../../shared/ui/Select.tsx';
import { ToggleGroup } from '../../shared/ui/ToggleGroup.tsx';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { presetDays, RANGE_PRESETS, type RangePreset, type ResolvedRange } from './date-range.ts';
import { formatIsoDate } from '../../shared/time/local-calendar.ts';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { sessionLabels, sessionsMessages } from './messages.ts';
import { NO_USER, userKeyOf, type SessionRow } from './session-rows.ts';
import type { HistoryParams } from './use-history-params.ts';

interface HistoryFiltersProps {
  params: HistoryParams;
  update: (changes: Record<string, string | null>) => void;
  range: ResolvedRange;
  /** All rows of the range: the user and card choices list who actually charged. */
  rows: SessionRow[];
  combined: boolean;
  now: number;
  zone: string;
}

export function HistoryFilters({ params, update, range, rows, combined, now, zone }: HistoryFiltersProps) {
  const m = useMessages(sessionsMessages);
  const { lang } = useLocale();
  const labels = sessionLabels[lang];
  const { users, cards, stopReasons } = useMemo(() => filterChoices(rows, combined), [rows, combined]);

  const choosePreset = (preset: RangePreset) => {
    if (preset !== 'custom') return update({ range: preset === 'this-month' ? null : preset, from: null, to: null });
    // Start the custom range from what was shown, so the user only adjusts it.
    const shown = params.range.preset === 'custom' ? null : presetDays(params.range.preset, now, zone);
    update({ range: 'custom', from: params.range.from ?? (shown ? formatIsoDate(shown.from) : null), to: params.range.to ?? (shown ? formatIsoDate(shown.to) : null) });
  };

  const keep = (value: string | null, list: { value: string }[]) => (value && !list.some((o) => o.value === value) ? [{ value, label: value }] : []);
  const hasFilter = params.filter.user || params.filter.card || params.filter.stop;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <ToggleGroup
          label={m.range}
          options={RANGE_PRESETS.map((preset) => ({ value: preset, label: labels.presets[preset] }))}
          value={params.range.preset}
          onChange={choosePreset}
        />
        {params.range.preset === 'custom' ? (
          <div className="flex flex-wrap items-start gap-2">
            <DateField label={m.from} value={params.range.from} invalid={isBad(range, 'from')} onChange={(from) => update({ from })} testId="range-from" />
            <DateField label={m.to} value={params.range.to} invalid={isBad(range, 'to')} onChange={(to) => update({ to })} testId="range-to" />
          </div>
        ) : null}
      </div>
      {!range.ok ? (
        <p role="alert" data-testid="range-error" className="text-sm font-semibold text-error">
          {labels.rangeProblems[range.problem]}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <Choice label={m.user} value={params.filter.user} onChange={(user) => update({ user })} any={m.any}
          options={[...users.map((u) => ({ value: u.value, label: u.label ?? m.noUser })), ...keep(params.filter.user, users)]} />
        <Choice label={m.card} value={params.filter.card} onChange={(card) => update({ card })} any={m.any} options={[...cards, ...keep(params.filter.card, cards)]} />
        <Choice
          label={m.stopReason}
          value={params.filter.stop}
          onChange={(stop) => update({ stop })}
          any={m.any}
          options={[...stopReasons, ...(params.filter.stop && !stopReasons.includes(params.filter.stop) ? [params.filter.stop] : [])].map((value) => ({
            value,
            label: enumLabel(chargerLabels[lang].stopReasons, value),
          }))}
        />
        {hasFilter ? (
          <Button variant="link" onClick={() => update({ user: null, card: null, stop: null })}>
            {m.clearFilters}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function isBad(range: ResolvedRange, side: 'from' | 'to'): boolean {
  return !range.ok && (range.problem.startsWith(side) || (side === 'to' && range.problem === 'end-before-start'));
}

function Choice({ label, value, options, onChange, any }: { label: string; value: string | null; options: { value: string; label: string }[]; onChange: (value: string | null) => void; any: string }) {
  return <Select label={label} className="min-w-40" value={value ?? ''} options={[{ value: '', label: any }, ...options]} onChange={(v) => onChange(v || null)} />;
}

/** Who and what appears in the range: users (by name), cards (number · UID), stop reasons. */
function filterChoices(rows: SessionRow[], combined: boolean) {
  const users = new Map<string, string | null>();
  const cards = new Map<string, string>();
  const stops = new Set<string>();
  for (const row of rows) {
    const key = userKeyOf(row, combined);
    if (!users.has(key)) users.set(key, key === NO_USER ? null : `${row.userName ?? `#${row.userId}`}${combined ? ` (${row.chargerName})` : ''}`);
    if (row.identificationCode && !cards.has(row.identificationCode)) {
      cards.set(row.identificationCode, `${row.cardNumber ? `${row.cardNumber} · ` : ''}${row.identificationCode}${combined ? ` (${row.chargerName})` : ''}`);
    }
    if (row.stopReason) stops.add(row.stopReason);
  }
  const byLabel = (a: { label: string | null }, b: { label: string | null }) => (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff');
  return {
    users: [...users].map(([value, label]) => ({ value, label })).sort(byLabel),
    cards: [...cards].map(([value, label]) => ({ value, label })).sort(byLabel),
    stopReasons: [...stops].sort(),
  };
}
