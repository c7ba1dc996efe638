import type { PowerManagement } from '../../../contract/charger-schemas.ts';
import type { Section } from '../../../contract/live-status.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/format/use-format.ts';
import { phaseLimitsKw } from '../../../contract/power-limits.ts';
import { Panel } from '../../shared/ui/Panel.tsx';
import { stripMessages } from './strip-messages.ts';
import { StripItem, StripSection } from './StripSection.tsx';

interface PowerManagementPanelProps {
  section: Section<PowerManagement | null>;
  sectionError: (detail: string) => { headline: string; detail: string };
  /** One line in the live view's strip: power against each limit, nothing more. */
  compact?: boolean;
}

/** Load guard and cluster, each only when installed or enabled, power against their limits. */
export function PowerManagementPanel({ section, sectionError, compact = false }: PowerManagementPanelProps) {
  const m = useMessages(stripMessages);
  const fmt = useFormat();
  if (!section.ok) return <Panel title={m.powerManagement} error={sectionError(section.error)} />;
  const loadGuard = section.data?.loadGuard?.isInstalled ? section.data.loadGuard : null;
  const cluster = section.data?.cluster?.isEnabled ? section.data.cluster : null;
  if (compact) {
    const item = (title: string, power: number | null, limits: (number | null)[]) => {
      const limitKw = phaseLimitsKw(limits);
      return (
        <StripItem label={title}>
          {power == null ? '—' : limitKw == null ? fmt.kw(power) : m.of(fmt.kw(power), fmt.kw(limitKw))}
        </StripItem>
      );
    };
    return (
      <StripSection title={m.powerManagement}>
        {loadGuard ? item(m.loadGuard, loadGuard.buildingTotalPower, [loadGuard.maxCurrentL1, loadGuard.maxCurrentL2, loadGuard.maxCurrentL3]) : null}
        {cluster ? item(m.cluster, cluster.totalPower, [cluster.maxCurrentL1, cluster.maxCurrentL2, cluster.maxCurrentL3]) : null}
        {loadGuard || cluster ? null : <StripItem label={m.loadGuard}>{m.off}</StripItem>}
      </StripSection>
    );
  }
  return (
    <Panel title={m.powerManagement}>
      <div className="grid gap-x-6 gap-y-2 @md:grid-cols-2">
        {loadGuard ? (
          <Budget
            title={m.loadGuard}
            link={`${m.meter}: ${loadGuard.isConnected ? m.connected : m.disconnected}`}
            linkOk={loadGuard.isConnected === true}
            powerLabel={m.building}
            power={loadGuard.buildingTotalPower}
            limits={[loadGuard.maxCurrentL1, loadGuard.maxCurrentL2, loadGuard.maxCurrentL3]}
          />
        ) : null}
        {cluster ? (
          <Budget
            title={m.cluster}
            link={`${m.members}: ${cluster.allChargersConnected ? m.allConnected : m.notAllConnected}`}
            linkOk={cluster.allChargersConnected === true}
            powerLabel={m.chargers}
            power={cluster.totalPower}
            limits={[cluster.maxCurrentL1, cluster.maxCurrentL2, cluster.maxCurrentL3]}
          />
        ) : null}
        {loadGuard || cluster ? null : <p className="text-lg text-muted">{m.noPowerManagement}</p>}
      </div>
    </Panel>
  );
}

interface BudgetProps {
  title: string;
  link: string;
  linkOk: boolean;
  powerLabel: string;
  power: number | null;
  limits: (number | null)[];
}

function Budget({ title, link, linkOk, powerLabel, power, limits }: BudgetProps) {
  const m = useMessages(stripMessages);
  const fmt = useFormat();
  const limitKw = phaseLimitsKw(limits);
  const amps = limits.filter((a): a is number => a != null);
  const share = power != null && limitKw ? power / limitKw : null;
  const bar = share == null ? '' : share > 1 ? 'bg-error' : share > 0.8 ? 'bg-warn' : 'bg-ok';
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h3 className="text-base font-semibold">{title}</h3>
        <p className={`text-sm font-medium ${linkOk ? 'text-ok' : 'text-error'}`}>{link}</p>
      </div>
      <p className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="text-sm text-muted">{powerLabel}</span>
        <span className="text-lg font-semibold">
          {power == null ? '—' : limitKw == null ? fmt.kw(power) : m.of(fmt.kw(power), fmt.kw(limitKw))}
        </span>
      </p>
      {share == null ? null : (
        <div aria-hidden="true" className="mt-1 h-2 overflow-hidden rounded-full bg-panel-raised">
          <div className={`h-full rounded-full ${bar}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
      )}
      {limitKw == null ? null : (
        <p className="text-xs text-muted">
          {m.limit}:{' '}
          {m.perPhase(
            amps.every((a) => a === amps[0]) ? fmt.amps(amps[0]!) : `${amps.map((a) => fmt.number(a)).join('/')}\u202fA`,
            fmt.kw(limitKw),
          )}
        </p>
      )}
    </div>
  );
}
