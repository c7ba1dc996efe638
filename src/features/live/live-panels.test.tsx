/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectorFixture, snapshotFixture, type ConnectorOptions } from '../../../test-support/snapshot-fixtures.ts';
import type { ChargerSnapshot, ConnectorSnapshot } from '../../../contract/snapshot.ts';
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

const now = Date.UTC(2022, 9, 7, 12, 0, 0);
/** A connector as the server's snapshot has it, read at `now`. */
function connector(options: ConnectorOptions & { startedAt?: string | null }): ConnectorSnapshot {
  const { startedAt, ...rest } = options;
  const c = connectorFixture({ lastSession: { energyKwh: 62.83263, durationSeconds: 47_754, endedAt: '2022-10-07T09:22:18.738Z', stopReason: 'LocalStopUserDisconnectedCableFromVehicle' }, ...rest });
  if (c.session && options.activeSeconds !== undefined && options.activeSeconds !== null) c.session.startedAt = startedAt ?? new Date(now - options.activeSeconds * 1000).toISOString();
  return c;
}
const EUR = 'EUR';

describe('ConnectorCard', () => {
  // The card's clocks (session duration, "ended … ago", departure) read the shared ticker.
  beforeEach(() => vi.useFakeTimers({ now }));

  it('shows an idle connector\'s last session, not its leftover numbers as if live', () => {
    // Like the real charger: idle, but still reporting the previous session's energy and id.
    render(<ConnectorCard connector={connector({ kind: 'available', energyKwh: 5.5 })} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    const card = screen.getByTestId('connector-card');
    expect(card.dataset.status).toBe('Available');
    expect(screen.getByTestId('connector-status').textContent).toBe('Connector 1 status: Available');
    expect(screen.getByTestId('last-session').textContent).toBe(`62.8${NNBSP}kWh`);
    expect(card.textContent).toContain(`62.8${NNBSP}kWh`);
    expect(card.textContent).toContain('13 hrs 16 mins');
    expect(card.textContent).toContain('Cable unplugged');
    expect(card.textContent).not.toContain(`5.5${NNBSP}kWh`);
    expect(screen.queryByTestId('session-duration')).toBeNull();
  });

  it('ticks a running session\'s duration on from the last fetch', () => {
    const charging = connector({ kind: 'charging', powerKw: 7.36, energyKwh: 5.5, activeSeconds: 3600, costSoFar: null });
    const { rerender } = render(<ConnectorCard connector={charging} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    expect(screen.getByTestId('session-energy')).toBeTruthy();
    expect(screen.queryByTestId('last-session')).toBeNull();
    expect(screen.getByTestId('connector-power').textContent).toBe('7.4kW');
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:00');
    expect(screen.getByTestId('session-energy').textContent).toBe(`5.5${NNBSP}kWh`);
    // Started an hour before the reading; no price known: the cost says so, never 0.
    expect(screen.getByTestId('session-duration').parentElement!.textContent).toMatch(/started \d{2}:\d{2}/);
    expect(screen.getByTestId('session-cost').textContent).toBe('—');
    act(() => vi.advanceTimersByTime(3_400));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:03');
    rerender(<ConnectorCard connector={charging} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:03');
  });

  it('stops the session clock while the card is stale: the charger’s own last figure, not one counted on', () => {
    const charging = connector({ kind: 'charging', activeSeconds: 3600 });
    render(<ConnectorCard connector={charging} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} stale />, { wrapper: wrap(EN) });
    act(() => vi.advanceTimersByTime(4_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:00');
  });

  it('never steps the session clock back within a session, but starts a new session afresh', () => {
    const seconds = (text: string) => text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
    const charging = (chargingDuration: string, session = 41) =>
      connector({ kind: 'charging', activeSeconds: seconds(chargingDuration), startedAt: new Date(now - session * 3600_000).toISOString() });
    const { rerender } = render(<ConnectorCard connector={charging('01:00:00')} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    // The next answer comes from the server's 2 s cache: its value is two seconds old.
    rerender(<ConnectorCard connector={charging('01:00:03')} currency={EUR} fetchedAt={now + 5_000} statusIntervalMs={5_000} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:05');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('session-duration').textContent).toBe('01:00:06');
    // A new session on the same connector counts from its own start.
    rerender(<ConnectorCard connector={charging('00:00:10', 42)} currency={EUR} fetchedAt={now + 8_000} statusIntervalMs={5_000} />);
    expect(screen.getByTestId('session-duration').textContent).toBe('00:00:10');
  });

  it('gives a departure in the past or further off its date, and tomorrow morning a bare time', () => {
    const departing = (at: number) => connector({ kind: 'charging', departureAt: new Date(at).toISOString() });
    const departure = () => screen.getByText('Departure').nextElementSibling!.textContent;
    const { rerender } = render(<ConnectorCard connector={departing(now + 7 * 3600_000)} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    expect(departure()).toMatch(/^\d{2}:\d{2}$/);
    rerender(<ConnectorCard connector={departing(now - 3 * 3600_000)} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />);
    expect(departure()).toMatch(/^7 Oct, \d{2}:\d{2}$/);
    rerender(<ConnectorCard connector={departing(now + 30 * 3600_000)} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />);
    expect(departure()).toMatch(/^8 Oct, \d{2}:\d{2}$/);
  });

  it('names the connector in the status it announces', () => {
    render(<ConnectorCard connector={connector({ kind: 'charging', label: '2/1' })} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(EN) });
    const status = screen.getByTestId('connector-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Connector 2/1 status: Charging');
  });

  it('says "Fault" alone when the charger gives a description but no type', () => {
    render(<ConnectorCard connector={connector({ kind: 'fault', fault: { severity: 'fault', type: null, text: 'Overheating' } })} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, {
      wrapper: wrap(EN),
    });
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('p')!.textContent).toBe('Fault');
    expect(alert.textContent).toContain('Overheating');
  });

  it('speaks German, with the decimal comma', () => {
    render(<ConnectorCard connector={connector({ kind: 'charging', powerKw: 11.04 })} currency={EUR} fetchedAt={now} statusIntervalMs={5_000} />, { wrapper: wrap(DE) });
    expect(screen.getByRole('heading', { name: 'Ladepunkt 1' })).toBeTruthy();
    expect(screen.getByTestId('connector-status').textContent).toBe('Status Ladepunkt 1: Lädt');
    expect(screen.getByTestId('connector-power').textContent).toBe('11,0kW');
    expect(screen.getByTestId('connector-card').textContent).toContain('Kosten bisher');
  });

  it('shows the running session’s cost and today and this month as the snapshot has them, "—" while unknown', () => {
    const charging = connector({ kind: 'charging', powerKw: 7.4, energyKwh: 10, costSoFar: 3.5 });
    render(
      <ConnectorCard
        connector={charging}
        currency={EUR}
        fetchedAt={now}
        statusIntervalMs={5_000}
        totals={{ today: { kwh: null, cost: null }, month: { kwh: 120, cost: 42 } }}
      />,
      { wrapper: wrap(EN) },
    );
    expect(screen.getByTestId('session-cost').textContent).toBe('€3.50');
    expect(screen.getByTestId('today-energy').textContent).toBe('—');
    expect(screen.getByTestId('month-energy').textContent).toBe(`120.0${NNBSP}kWh`);
    expect(screen.getByTestId('month-energy').parentElement!.textContent).toContain('€42.00');
  });

  it('stale: marked on the card, "as of" in the state’s place and size, the last known state beside it', () => {
    const charging = connector({ kind: 'charging', powerKw: 7.4 });
    render(<ConnectorCard connector={charging} currency={EUR} fetchedAt={now - 60_000} statusIntervalMs={5_000} stale />, { wrapper: wrap(EN) });
    const card = screen.getByTestId('connector-card');
    expect(card).toHaveAttribute('data-stale', 'true');
    expect(card).toHaveAttribute('data-status', 'Charging');
    expect(card).toHaveAttribute('data-state', 'charging');
    expect(screen.getByTestId('connector-status')).toHaveTextContent(/^Connector 1 status: as of \d{2}:\d{2}, Last known: Charging$/);
    // No live colour: the pill is gone, the "as of" line takes its size.
    expect(screen.getByTestId('connector-status').querySelector('[data-kind]')).toBeNull();
    expect(screen.getByTestId('stale-since')).toHaveClass('card-state');
    expect(screen.getByTestId('last-known')).toHaveTextContent('Last known: Charging');
    // The power stays readable, not erased.
    expect(screen.getByTestId('connector-power')).toHaveTextContent('7.4kW');
  });

  it('shows unknown values readably, and a fault reported beside them as a warning', async () => {
    render(
      <ConnectorCard
        connector={connector({ kind: 'unknown', raw: 'WaitingForGridCapacity', fault: { severity: 'warning', type: 'OverCurrentFailure', text: 'Vehicle drew 40 A' } })}
        currency={EUR}
        fetchedAt={now}
        statusIntervalMs={5_000}
      />,
      { wrapper: wrap(EN) },
    );
    expect(screen.getByTestId('connector-status').textContent).toBe('Connector 1 status: Waiting for grid capacity');
    // The fault's words are a lazy part of their own.
    await act(() => vi.dynamicImportSettled());
    const alert = screen.getByTestId('fault-notice');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveAttribute('data-severity', 'warning');
    expect(alert.textContent).toContain('Warning: Overcurrent');
    expect(alert.textContent).toContain('Vehicle drew 40 A');
    expect(alert.textContent).toContain('Charging goes on.');
  });
});

describe('ConnectivityPanel', () => {
  const sectionError = (detail: string) => ({ headline: 'Unexpected data', detail });
  const base = snapshotFixture().connectivity as Extract<ChargerSnapshot['connectivity'], { ok: true }>;
  const panel = (wifi: object) => ({ ok: true as const, data: { ...base.data, wifi: { ...base.data.wifi!, ...wifi } } });

  it('shows a link with its quality, and without one when the charger gives none', () => {
    render(<ConnectivityPanel section={panel({ up: true, quality: 69 })} sectionError={sectionError} />, { wrapper: wrap(EN) });
    expect(screen.getByText('Connected · 69%')).toBeTruthy();
    cleanup();
    render(<ConnectivityPanel section={panel({ up: true, quality: null })} sectionError={sectionError} />, { wrapper: wrap(DE) });
    expect(screen.getByText('Verbunden')).toBeTruthy();
  });
});

describe('PowerManagementPanel', () => {
  const sectionError = (detail: string) => ({ headline: 'Unexpected data', detail });
  const base = (snapshotFixture().powerManagement as Extract<ChargerSnapshot['powerManagement'], { ok: true }>).data!;
  const guard = { ...base.loadGuard!, buildingKw: 1.5322 };
  const cluster = { ...base.cluster!, powerKw: 0 };
  const pm = (patch: { loadGuard?: object | null; cluster?: object | null }) => ({
    ok: true as const,
    data: { loadGuard: guard, cluster, ...patch } as NonNullable<typeof base>,
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
      <PowerManagementPanel section={pm({ loadGuard: { ...guard, installed: false } })} sectionError={sectionError} />,
      { wrapper: wrap(EN) },
    );
    expect(screen.queryByText('Load guard')).toBeNull();
    expect(screen.getByText('Cluster')).toBeTruthy();
    cleanup();
    render(<PowerManagementPanel section={pm({ loadGuard: null, cluster: { ...cluster, enabled: false } })} sectionError={sectionError} />, {
      wrapper: wrap(DE),
    });
    expect(screen.getByText('Weder Load Guard noch Cluster eingerichtet.')).toBeTruthy();
  });

  it('keeps a malformed section inside its panel', () => {
    render(<PowerManagementPanel section={{ ok: false, error: 'powerManagement: expected object' }} sectionError={sectionError} />, { wrapper: wrap(EN) });
    expect(screen.getByTestId('panel-error').textContent).toContain('powerManagement: expected object');
  });
});
