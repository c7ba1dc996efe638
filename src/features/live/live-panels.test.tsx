/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectivitySchema, connectorSchema, powerManagementSchema, type Connector } from '../../../contract/charger-schemas.ts';
import status from '../../../contract/fixtures/general-status.json';
import { LocaleProvider, type LocaleInfo } from '../../shared/i18n/i18n.tsx';
import { ConnectivityPanel } from './ConnectivityPanel.tsx';
import { ConnectorCard } from './ConnectorCard.tsx';
import { PowerManagementPanel } from './PowerManagementPanel.tsx';

const EN: LocaleInfo = { lang: 'en', locale: 'en-GB' };
const DE: LocaleInfo = { lang: 'de', locale: 'de-DE' };
const NNBSP = '\u202f';
const wrap = (locale: LocaleInfo) => ({ children }: { children: ReactNode }) => <LocaleProvider value={locale}>{children}</LocaleProvider>;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const wire = status.evses[0]!.connectors[0]!;
function connector(online: Record<string, unknown>): Connector {
  return connectorSchema.parse({ ...wire, onlineData: { ...wire.onlineData, ...online } });
}
const now = Date.UTC(2022, 9, 7, 12, 0, 0);

describe('ConnectorCard', () => {
  // The card's clocks (session duration, "ended … ago", departure) read the shared ticker.
  beforeEach(() => vi.useFakeTimers({ now }));

  it('shows an idle connector\'s last session, not its leftover numbers as if live', () => {
    // Like the real charger: idle, but still reporting the previous session's energy and id.
    render(<ConnectorCard label="1" connector={connector({ status: 'Available', consumedEnergy: 5.5 })} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    const card = screen.getByTestId('connector-card');
    expect(card.dataset.status).toBe('Available');
    expect(screen.getByTestId('connector-status').textContent).toBe('Connector 1 status: Available');
    expect(screen.getByRole('heading', { name: 'Last session' })).toBeTruthy();
    expect(card.textContent).toContain(`62.8${NNBSP}kWh`);
    expect(card.textContent).toContain('13 hrs 16 mins');
    expect(card.textContent).toContain('Cable unplugged');
    expect(card.textContent).not.toContain(`5.5${NNBSP}kWh`);
    expect(screen.queryByTestId('session-duration')).toBeNull();
  });

  it('ticks a running session\'s duration on from the last fetch', () => {
    const charging = connector({ status: 'Charging', power: 7.36, consumedEnergy: 5.5, chargingDuration: '01:00:00' });
    const { rerender } = render(<ConnectorCard label="1" connector={charging} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    expect(screen.getByRole('heading', { name: 'Charging session' })).toBeTruthy();
    expect(screen.getByTestId('connector-power').textContent).toBe('7.4kW');
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:00');
    expect(screen.getByTestId('session-energy').textContent).toBe(`5.5${NNBSP}kWh`);
    // Started an hour before the reading; no price known: the cost says so, never 0.
    expect(screen.getByTestId('session-duration').parentElement!.textContent).toMatch(/since \d{2}:\d{2}/);
    expect(screen.getByTestId('session-cost').textContent).toBe('—');
    act(() => vi.advanceTimersByTime(3_400));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:03');
    rerender(<ConnectorCard label="1" connector={charging} fetchedAt={now} statusIntervalMs={5_000} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:03');
  });

  it('never steps the session clock back within a session, but starts a new session afresh', () => {
    const charging = (chargingDuration: string, sessionId = 41) => connector({ status: 'Charging', sessionId, chargingDuration });
    const { rerender } = render(<ConnectorCard label="1" connector={charging('01:00:00')} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    // The next answer comes from the server's 2 s cache: its value is two seconds old.
    rerender(<ConnectorCard label="1" connector={charging('01:00:03')} fetchedAt={now + 5_000} statusIntervalMs={5_000} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:06');
    // A new session on the same connector counts from its own start.
    rerender(<ConnectorCard label="1" connector={charging('00:00:10', 42)} fetchedAt={now + 8_000} statusIntervalMs={5_000} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('00:00:10');
  });

  it('gives a departure in the past or further off its date, and tomorrow morning a bare time', () => {
    const departing = (at: number) => connector({ status: 'Charging', plannedDepartureTime: new Date(at).toISOString() });
    const departure = () => screen.getByText('Departure').nextElementSibling!.textContent;
    const { rerender } = render(<ConnectorCard label="1" connector={departing(now + 7 * 3600_000)} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    expect(departure()).toMatch(/^\d{2}:\d{2}$/);
    rerender(<ConnectorCard label="1" connector={departing(now - 3 * 3600_000)} fetchedAt={now} statusIntervalMs={5_000} />);
    expect(departure()).toMatch(/^7 Oct, \d{2}:\d{2}$/);
    rerender(<ConnectorCard label="1" connector={departing(now + 30 * 3600_000)} fetchedAt={now} statusIntervalMs={5_000} />);
    expect(departure()).toMatch(/^8 Oct, \d{2}:\d{2}$/);
  });

  it('names the connector in the status it announces', () => {
    render(<ConnectorCard label="2/1" connector={connector({ status: 'Charging' })} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    const status = screen.getByTestId('connector-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Connector 2/1 status: Charging');
  });

  it('says "Fault" alone when the charger gives a description but no type', () => {
    render(<ConnectorCard label="1" connector={connector({ status: 'Faulted', faultEventType: null, faultEventDescription: 'Overheating' })} fetchedAt={now} statusIntervalMs={5_000} />, {
      wrapper: wrap(EN),
    });
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('p')!.textContent).toBe('Fault');
    expect(alert.textContent).toContain('Overheating');
  });

  it('speaks German, with the decimal comma', () => {
    render(<ConnectorCard label="1" connector={connector({ status: 'Charging', power: 11.04, mode: 'Fast' })} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(DE) });
    expect(screen.getByRole('heading', { name: 'Ladepunkt 1' })).toBeTruthy();
    expect(screen.getByTestId('connector-status').textContent).toBe('Status Ladepunkt 1: Lädt');
    expect(screen.getByTestId('connector-power').textContent).toBe('11,0kW');
    expect(screen.getByTestId('connector-card').textContent).toContain('Kosten bisher');
  });

  it('prices the running session and shows today and this month as "—" while unknown', () => {
    const charging = connector({ status: 'Charging', power: 7.4, consumedEnergy: 10 });
    render(
      <ConnectorCard
        label="1"
        connector={charging}
        fetchedAt={now}
        statusIntervalMs={5_000}
        price={{ pricePerKwh: 0.35, currency: 'EUR' }}
        totals={{ today: { kwh: null }, month: { kwh: 120 } }}
      />,
      { wrapper: wrap(EN) },
    );
    expect(screen.getByTestId('session-cost').textContent).toBe('€3.50');
    expect(screen.getByTestId('today-energy').textContent).toBe('—');
    expect(screen.getByTestId('month-energy').textContent).toBe(`120.0${NNBSP}kWh`);
    expect(screen.getByTestId('energy-totals').textContent).toContain('€42.00');
  });

  it('stale: marked on the card, the status neutral as "last known", and since when', () => {
    const charging = connector({ status: 'Charging', power: 7.4 });
    render(<ConnectorCard label="1" connector={charging} fetchedAt={now - 60_000} statusIntervalMs={5_000} stale />, { wrapper: wrap(EN) });
    const card = screen.getByTestId('connector-card');
    expect(card).toHaveAttribute('data-stale', 'true');
    expect(card).toHaveAttribute('data-status', 'Charging');
    expect(screen.getByTestId('connector-status')).toHaveTextContent('Connector 1 status: Last known: Charging');
    expect(screen.getByTestId('connector-status').querySelector('[data-kind]')).toHaveAttribute('data-stale', 'true');
    expect(screen.getByTestId('stale-since')).toHaveTextContent(/^since \d{2}:\d{2}$/);
    // The power stays readable, not erased.
    expect(screen.getByTestId('connector-power')).toHaveTextContent('7.4kW');
  });

  it('shows unknown values readably and a fault prominently', () => {
    render(
      <ConnectorCard
        label="1"
        connector={connector({ status: 'WaitingForGridCapacity', faultEventType: 'OverCurrentFailure', faultEventDescription: 'Vehicle drew 40 A' })}
        fetchedAt={now} statusIntervalMs={5_000}
      />,
      { wrapper: wrap(EN) },
    );
    expect(screen.getByTestId('connector-status').textContent).toBe('Connector 1 status: Waiting for grid capacity');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Fault: Over current failure');
    expect(alert.textContent).toContain('Vehicle drew 40 A');
  });
});

describe('ConnectivityPanel', () => {
  const sectionError = (detail: string) => ({ headline: 'Unexpected data', detail });
  const panel = (wifi: object) => ({ ok: true as const, data: connectivitySchema.parse({ ...status, wifi: { ...status.wifi, ...wifi } }) });

  it('shows a link with its quality, and without one when the charger gives none', () => {
    render(<ConnectivityPanel section={panel({ linkIsUp: true, linkQuality: 69 })} sectionError={sectionError} />, { wrapper: wrap(EN) });
    expect(screen.getByText('Connected · 69%')).toBeTruthy();
    cleanup();
    render(<ConnectivityPanel section={panel({ linkIsUp: true, linkQuality: null })} sectionError={sectionError} />, { wrapper: wrap(DE) });
    expect(screen.getByText('Verbunden')).toBeTruthy();
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
