/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import { HistoryFilters } from './HistoryFilters.tsx';
import { resolveRange } from './date-range.ts';
import { HistoryTotals } from './HistoryTotals.tsx';
import { pageOf, totalsOf, type SessionRow } from './session-rows.ts';
import { SessionTable } from './SessionTable.tsx';
import { readHistoryParams } from './use-history-params.ts';

const EN = { lang: 'en' as const, locale: 'en-GB' };
const DE = { lang: 'de' as const, locale: 'de-DE' };
const wrap = (locale: typeof EN | typeof DE) => ({ children }: { children: ReactNode }) => <LocaleProvider value={locale}>{children}</LocaleProvider>;
const ZONE = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 30, 12);

afterEach(cleanup);

function row(id: number, patch: Partial<SessionRow> = {}): SessionRow {
  return {
    key: `platz13:${id}`,
    chargerId: 'platz13',
    chargerName: 'Platz 13',
    id,
    connectorId: 1,
    started: Date.UTC(2026, 10, id, 17),
    ended: Date.UTC(2026, 10, id, 19),
    running: false,
    pluggedInSeconds: 7200,
    chargingSeconds: 7000,
    energyUnits: 1234,
    maxPowerKw: 11,
    userId: 1,
    userName: 'Jürgen Müller',
    cardNumber: '0055',
    identificationCode: 'AB12',
    mode: 'Fast',
    stopReason: 'EVDisconnected',
    status: 'Finished',
    offPeakUnits: null,
    offPeakEstimated: false,
    costMinor: 432,
    costPending: false,
    ...patch,
  };
}

describe('SessionTable', () => {
  const params = readHistoryParams(new URLSearchParams(''));

  it('lists the page’s sessions with their figures, and marks a running one', () => {
    const rows = [row(3, { running: true, ended: null }), row(2)];
    render(
      <SessionTable page={pageOf(rows, 1, 25)} total={2} emptyText="none" combined={false} showCost showOffPeak={false} currency="EUR" params={params} update={() => {}} />,
      { wrapper: wrap(EN) },
    );
    const shown = screen.getAllByTestId('session-row');
    expect(shown).toHaveLength(2);
    expect(shown[0]).toHaveAttribute('data-running', 'true');
    expect(within(shown[0]!).getByText('Running')).toBeInTheDocument();
    expect(within(shown[1]!).getByTestId('session-energy')).toHaveTextContent('12.34');
    expect(shown[1]).toHaveTextContent('€4.32');
    expect(shown[1]).toHaveTextContent('Car disconnected');
    // Each cell names its column, which the phone layout shows above the value.
    expect(within(shown[1]!).getByTestId('session-energy').closest('td')).toHaveAttribute('data-label', 'Energy');
    expect(screen.getByTestId('session-range-info')).toHaveTextContent('1');
  });

  it('sorts by a column header and turns pages, through the URL', async () => {
    const update = vi.fn();
    const rows = Array.from({ length: 30 }, (_, i) => row(i + 1));
    render(
      <SessionTable page={pageOf(rows, 1, 25)} total={30} emptyText="none" combined={false} showCost={false} showOffPeak={false} currency={null} params={params} update={update} />,
      { wrapper: wrap(EN) },
    );
    await userEvent.click(screen.getByRole('button', { name: /Energy/ }));
    expect(update).toHaveBeenLastCalledWith({ sort: 'energy', dir: null });
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(update).toHaveBeenLastCalledWith({ page: '2' });
    await userEvent.selectOptions(screen.getByLabelText('Rows per page'), '50');
    expect(update).toHaveBeenLastCalledWith({ size: '50' });
  });

  it('says so when there is nothing to show, in German too', () => {
    render(
      <SessionTable page={pageOf([], 1, 25)} total={0} emptyText="Keine Ladevorgänge" combined={false} showCost={false} showOffPeak={false} currency={null} params={params} update={() => {}} />,
      { wrapper: wrap(DE) },
    );
    expect(screen.getByText('Keine Ladevorgänge')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Weiter' })).toBeDisabled();
  });
});

describe('HistoryFilters', () => {
  const setup = (search: string, rows: SessionRow[] = [row(1), row(2, { userName: 'Anna', userId: 2, stopReason: 'RemoteStop' })]) => {
    const params = readHistoryParams(new URLSearchParams(search));
    const update = vi.fn();
    render(<HistoryFilters params={params} update={update} range={resolveRange(params.range, NOW, ZONE)} rows={rows} combined={false} now={NOW} zone={ZONE} />, {
      wrapper: wrap(EN),
    });
    return update;
  };

  it('presses the current range and switches to another preset', async () => {
    const update = setup('');
    expect(screen.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Last year' }));
    expect(update).toHaveBeenCalledWith({ range: 'last-year', from: null, to: null });
  });

  it('starts a custom range from the days shown', async () => {
    const update = setup('range=last-month');
    await userEvent.click(screen.getByRole('button', { name: 'Custom' }));
    expect(update).toHaveBeenCalledWith({ range: 'custom', from: '2026-10-01', to: '2026-10-31' });
  });

  it('offers only the users and stop reasons of the range, and clears the filters', async () => {
    const update = setup('user=1');
    const user = screen.getByLabelText('User');
    expect(within(user).getAllByRole('option').map((o) => o.textContent)).toEqual(['All', 'Anna', 'Jürgen Müller']);
    await userEvent.selectOptions(screen.getByLabelText('Stop reason'), 'RemoteStop');
    expect(update).toHaveBeenCalledWith({ stop: 'RemoteStop' });
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(update).toHaveBeenLastCalledWith({ user: null, card: null, stop: null });
  });

  it('flags a custom range that ends before it starts', () => {
    setup('range=custom&from=2026-11-10&to=2026-11-01');
    expect(screen.getByTestId('range-error')).toBeInTheDocument();
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a custom range’s days in the page’s language and takes a typed one', async () => {
    const params = readHistoryParams(new URLSearchParams('range=custom&from=2026-11-01&to=2026-11-20'));
    const update = vi.fn();
    render(<HistoryFilters params={params} update={update} range={resolveRange(params.range, NOW, ZONE)} rows={[row(1)]} combined={false} now={NOW} zone={ZONE} />, {
      wrapper: wrap(DE),
    });
    expect(screen.getByLabelText('Von')).toHaveValue('01.11.2026');
    expect(screen.getByLabelText('Bis')).toHaveValue('20.11.2026');
    await userEvent.clear(screen.getByLabelText('Bis'));
    await userEvent.type(screen.getByLabelText('Bis'), '15.11.2026');
    expect(update).toHaveBeenLastCalledWith({ to: '2026-11-15' });
  });
});

describe('HistoryTotals: active charging time', () => {
  const show = (rows: SessionRow[], locale: typeof EN | typeof DE = EN) =>
    render(
      <HistoryTotals totals={totalsOf(rows)} currency="EUR" loading={false} costPending={false} offPeakWindow={null} incomplete={false} exportDisabled={false} onExport={() => {}} />,
      { wrapper: wrap(locale) },
    );

  it('reads "—" with the reason when no session has an archived profile, never 0 s', () => {
    show([row(1, { chargingSeconds: null }), row(2, { chargingSeconds: null })], DE);
    expect(screen.getByTestId('sessions-total-duration')).toHaveTextContent(/^—$/);
    expect(screen.getByText('unbekannt: kein Leistungsverlauf archiviert')).toBeInTheDocument();
  });

  it('sums the known times and says how many sessions it leaves out', () => {
    show([row(1, { chargingSeconds: 3600 }), row(2, { chargingSeconds: null })]);
    expect(screen.getByTestId('sessions-total-duration')).toHaveTextContent('1 hr');
    expect(screen.getByText('without 1 of 2 sessions (no power profile archived)')).toBeInTheDocument();
  });
});

describe('SessionTable: active charging time of a session', () => {
  it('reads "—" for a session without an archived profile and its time otherwise', () => {
    const params = readHistoryParams(new URLSearchParams(''));
    render(
      <SessionTable page={pageOf([row(2, { chargingSeconds: null }), row(1, { chargingSeconds: 0 })], 1, 25)} total={2} emptyText="none" combined={false} showCost={false} showOffPeak={false} currency={null} params={params} update={() => {}} />,
      { wrapper: wrap(EN) },
    );
    expect(screen.getAllByTestId('session-charging').map((cell) => cell.textContent)).toEqual(['—', '00:00:00']);
  });
});
