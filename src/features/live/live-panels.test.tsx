/** @vitest-environment jsdom */
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorSchema, powerManagementSchema, type Connector } from '../../api/charger-schemas.ts';
import status from '../../api/fixtures/general-status.json';
import { LocaleProvider, type LocaleInfo } from '../../shared/i18n/i18n.tsx';
import { ConnectorCard } from './ConnectorCard.tsx';
import { PowerManagementPanel } from './PowerManagementPanel.tsx';

const EN: LocaleInfo = { lang: 'en', locale: 'en-GB' };
const DE: LocaleInfo = { lang: 'de', locale: 'de-DE' };
const NNBSP = '\u202f';
const wrap = (locale: LocaleInfo) => ({ children }: { children: ReactNode }) => <LocaleProvider value={locale}>{children}</LocaleProvider>;

afterEach(cleanup);

const wire = status.evses[0]!.connectors[0]!;
function connector(online: Record<string, unknown>): Connector {
  return connectorSchema.parse({ ...wire, onlineData: { ...wire.onlineData, ...online } });
}
const now = Date.UTC(2022, 9, 7, 12, 0, 0);

describe('ConnectorCard', () => {
  it('shows an idle connector\'s last session, not its leftover numbers as if live', () => {
    // Like the real charger: idle, but still reporting the previous session's energy and id.
    render(<ConnectorCard label="1" connector={connector({ status: 'Available', consumedEnergy: 5.5 })} fetchedAt={now} now={now} />, { wrapper: wrap(EN) });
    const card = screen.getByTestId('connector-card');
    expect(card.dataset.status).toBe('Available');
    expect(screen.getByTestId('connector-status').textContent).toBe('Status: Available');
    expect(screen.getByRole('heading', { name: 'Last session' })).toBeTruthy();
    expect(card.textContent).toContain(`62.83${NNBSP}kWh`);
    expect(card.textContent).toContain('13 hrs 16 mins');
    expect(card.textContent).toContain('Cable unplugged');
    expect(card.textContent).not.toContain(`5.50${NNBSP}kWh`);
    expect(screen.queryByTestId('session-duration')).toBeNull();
  });

  it('ticks a running session\'s duration on from the last fetch', () => {
    const charging = connector({ status: 'Charging', power: 7.36, consumedEnergy: 5.5, chargingDuration: '01:00:00' });
    const { rerender } = render(<ConnectorCard label="1" connector={charging} fetchedAt={now} now={now} />, { wrapper: wrap(EN) });
    expect(screen.getByRole('heading', { name: 'Charging session' })).toBeTruthy();
    expect(screen.getByTestId('connector-power').textContent).toBe('7.4kW');
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:00');
    expect(screen.getByTestId('connector-card').textContent).toContain(`5.50${NNBSP}kWh`);
    rerender(<ConnectorCard label="1" connector={charging} fetchedAt={now} now={now + 3_400} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:03');
  });

  it('speaks German, with the decimal comma', () => {
    render(<ConnectorCard label="1" connector={connector({ status: 'Charging', power: 11.04, mode: 'Fast' })} fetchedAt={now} now={now} />, { wrapper: wrap(DE) });
    expect(screen.getByRole('heading', { name: 'Ladepunkt 1' })).toBeTruthy();
    expect(screen.getByTestId('connector-status').textContent).toBe('Status: Lädt');
    expect(screen.getByTestId('connector-power').textContent).toBe('11,0kW');
    expect(screen.getByTestId('connector-card').textContent).toContain('Schnell');
  });

  it('shows unknown values readably and a fault prominently', () => {
    render(
      <ConnectorCard
        label="1"
        connector={connector({ status: 'WaitingForGridCapacity', faultEventType: 'OverCurrentFailure', faultEventDescription: 'Vehicle drew 40 A' })}
        fetchedAt={now}
        now={now}
      />,
      { wrapper: wrap(EN) },
    );
    expect(screen.getByTestId('connector-status').textContent).toBe('Status: Waiting for grid capacity');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Fault: Over current failure');
    expect(alert.textContent).toContain('Vehicle drew 40 A');
  });
});

describe('PowerManagementPanel', () => {
  const sectionError = (detail: string) => ({ headline: 'Unexpected data', detail });
  const pm = (patch: { loadGuard?: object | null; cluster?: object | null }) => ({
    ok: true as const,
    data: powerManagementSchema.parse({ ...status.powerManagement, ...patch }),
  });

  it('shows power against the limits, with the limit in A as kW', () => {
    render(<PowerManagementPanel section={pm({})} sectionError={sectionError} />, { wrapper: wrap(EN) });
    const panel = screen.getByRole('region', { name: 'Power management' });
    expect(panel.textContent).toContain(`1.5${NNBSP}kW of 41.4${NNBSP}kW`);
    expect(panel.textContent).toContain(`Limit: 60${NNBSP}A per phase · 41.4${NNBSP}kW`);
    expect(panel.textContent).toContain(`0.0${NNBSP}kW of 17.3${NNBSP}kW`);
  });

  it('shows only what is installed or enabled', () => {
    render(
      <PowerManagementPanel section={pm({ loadGuard: { ...status.powerManagement.loadGuard, isInstalled: false } })} sectionError={sectionError} />,
      { wrapper: wrap(EN) },
    );
    expect(screen.queryByText('Load guard')).toBeNull();
    expect(screen.getByText('Cluster')).toBeTruthy();
    cleanup();
    render(<PowerManagementPanel section={pm({ loadGuard: null, cluster: { ...status.powerManagement.cluster, isEnabled: false } })} sectionError={sectionError} />, {
      wrapper: wrap(DE),
    });
    expect(screen.getByText('Weder Load Guard noch Cluster eingerichtet.')).toBeTruthy();
  });

  it('keeps a malformed section inside its panel', () => {
    render(<PowerManagementPanel section={{ ok: false, error: 'powerManagement: expected object' }} sectionError={sectionError} />, { wrapper: wrap(EN) });
    expect(screen.getByTestId('panel-error').textContent).toContain('powerManagement: expected object');
  });
});
