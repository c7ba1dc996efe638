import type { ChargerSnapshot, ConnectivitySnapshot } from '../../../contract/snapshot.ts';
import { enumLabel, useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { Panel } from '../../shared/ui/Panel.tsx';
import { chargerLabels } from '../../shared/i18n/charger-labels.ts';
import { stripMessages } from './strip-messages.ts';
import { StripItem, StripSection } from './StripSection.tsx';

type Link = ConnectivitySnapshot['wifi'];

interface ConnectivityPanelProps {
  section: ChargerSnapshot['connectivity'];
  sectionError: (detail: string) => { headline: string; detail: string };
  /** One line in the live view's strip: the links the charger uses, nothing more. */
  compact?: boolean;
}

export function ConnectivityPanel({ section, sectionError, compact = false }: ConnectivityPanelProps) {
  const m = useMessages(stripMessages);
  const { lang } = useLocale();
  const labels = chargerLabels[lang];
  const fmt = useFormat();
  if (!section.ok) return <Panel title={m.connectivity} error={sectionError(section.error)} />;
  const c = section.data;
  const link = (l: Link): [string, string] =>
    !l || l.installed === false
      ? [m.notInstalled, 'text-muted']
      : l.enabled === false
        ? [m.off, 'text-muted']
        : l.up
          ? [m.linkUp(l.quality == null ? undefined : fmt.percent(l.quality)), 'text-ok']
          : [m.linkDown, 'text-error'];
  const faults = c.latestFaults;
  if (compact) {
    const used = ([[m.wifi, c.wifi], [m.gsm, c.gsm]] as const).filter(([, l]) => l && l.installed !== false && l.enabled !== false);
    return (
      <StripSection title={m.connectivity}>
        {used.map(([label, l]) => (
          <StripItem key={label} label={label} tone={link(l)[1]}>
            {link(l)[0]}
          </StripItem>
        ))}
        <StripItem label={m.centralSystem}>{enumLabel(labels.centralSystems, c.centralSystem)}</StripItem>
      </StripSection>
    );
  }
  const rows: [string, string, string?][] = [
    [m.wifi, ...link(c.wifi)],
    [m.gsm, ...link(c.gsm)],
    [m.centralSystem, enumLabel(labels.centralSystems, c.centralSystem)],
    [m.authorization, enumLabel(labels.authorizations, c.authorization)],
    [m.latestFaults, faults == null ? '—' : fmt.number(faults), faults ? 'text-warn' : undefined],
    [m.operatingTime, c.operatingSeconds == null ? '—' : fmt.duration(c.operatingSeconds)],
  ];
  return (
    <Panel title={m.connectivity}>
      <dl className="grid gap-x-6 gap-y-0.5 @md:grid-cols-2">
        {rows.map(([label, value, tone]) => (
          // A value too long for the row moves below its label whole, never broken mid-word.
          <div key={label} className="flex flex-wrap items-baseline justify-between gap-x-4">
            <dt className="text-sm text-muted">{label}</dt>
            <dd className={`ml-auto text-right text-base font-semibold ${tone ?? ''}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
