/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider, type Lang } from '../../shared/i18n/i18n.tsx';
import { PriceSettings } from './PriceSettings.tsx';
import type { Pricing } from './session-rows.ts';

interface Sent {
  method: string;
  body: unknown;
  headers: Record<string, string>;
}
const sent: Sent[] = [];

/** The server: answers PUT with `answer` (a status and body), GET with nothing that matters here. */
function server(answer: (request: Sent) => { status: number; body: unknown }) {
  sent.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_path: string, init: RequestInit = {}) => {
      const request = { method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : null, headers: (init.headers ?? {}) as Record<string, string> };
      sent.push(request);
      if (request.method === 'GET') return new Promise(() => {});
      const { status, body } = answer(request);
      return Response.json(body, { status });
    }),
  );
}

const saved = { pricePerKWh: 0.4, currency: 'EUR', offPeak: null, isDefault: false, pinRequired: false, writable: true };
const forbidden = { status: 403, body: { error: { code: 'forbidden', message: 'the admin PIN is required (X-Admin-Pin)' } } };

function mount(props: Partial<Parameters<typeof PriceSettings>[0]> = {}, lang: Lang = 'en') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LocaleProvider value={{ lang, locale: lang === 'de' ? 'de-DE' : 'en-GB' }}>
        <PriceSettings pricing={null} currency="EUR" isDefault pinRequired={false} writable {...props} />
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const puts = () => sent.filter((r) => r.method === 'PUT');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PriceSettings', () => {
  it('saves the price and the off-peak window on the server, as JSON', async () => {
    server(() => ({ status: 200, body: saved }));
    const user = mount();
    expect(screen.getByTestId('price-source')).toHaveTextContent('Set a price to see costs');
    await user.type(screen.getByLabelText('Price per kWh'), '0.40');
    await user.click(screen.getByLabelText('Off-peak price'));
    await user.type(screen.getByLabelText('Off-peak per kWh'), '0.2');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.headers['content-type']).toBe('application/json');
    expect(puts()[0]!.body).toEqual({ pricePerKWh: 0.4, currency: 'EUR', offPeak: { pricePerKWh: 0.2, from: '22:00', to: '06:00' } });
  });

  it('shows what the server holds, with a decimal comma in German', () => {
    server(() => ({ status: 200, body: saved }));
    const pricing: Pricing = { pricePerKwh: 0.35, currency: 'CHF', offPeak: { pricePerKwh: 0.21, window: { from: 23 * 60, to: 7 * 60 } } };
    mount({ pricing, isDefault: false }, 'de');
    expect(screen.getByLabelText('Preis pro kWh')).toHaveValue('0,35');
    expect(screen.getByLabelText('Währung')).toHaveValue('CHF');
    expect(screen.getByLabelText('Niedertarif pro kWh')).toHaveValue('0,21');
    expect(screen.getByLabelText('von')).toHaveValue('23:00');
    expect(screen.getByTestId('price-source')).toHaveTextContent('Alle Bildschirme');
  });

  it('refuses a price it cannot read, and sends nothing', async () => {
    server(() => ({ status: 200, body: saved }));
    const user = mount();
    await user.type(screen.getByLabelText('Price per kWh'), '1.000,50');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a price like 0.35');
    expect(screen.getByLabelText('Price per kWh')).toHaveAttribute('aria-invalid', 'true');
    expect(puts()).toHaveLength(0);
  });

  it('asks for the admin PIN when the server says one is needed, and sends it', async () => {
    server((request) => (request.headers['x-admin-pin'] === '4711' ? { status: 200, body: saved } : forbidden));
    const user = mount();
    expect(screen.queryByLabelText('Admin PIN')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Price per kWh'), '0.4');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the admin PIN to change the settings.');
    await user.type(screen.getByLabelText('Admin PIN'), '1234');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The admin PIN was not accepted.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Admin PIN'));
    await user.type(screen.getByLabelText('Admin PIN'), '4711');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(puts().map((r) => r.headers['x-admin-pin'])).toEqual([undefined, '1234', '4711']);
  });

  it('offers the PIN field from the start when the server announces it', () => {
    server(() => forbidden);
    mount({ pinRequired: true });
    expect(screen.getByLabelText('Admin PIN')).toHaveAttribute('type', 'password');
  });

  it('cannot be changed on a server without an archive', () => {
    server(() => ({ status: 409, body: { error: { code: 'archive_off', message: 'off' } } }));
    mount({ writable: false });
    expect(screen.getByLabelText('Price per kWh')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByTestId('price-source')).toHaveTextContent('cannot keep settings');
  });

  it('an empty price saves "no price"', async () => {
    server(() => ({ status: 200, body: { ...saved, pricePerKWh: null } }));
    const user = mount({ pricing: { pricePerKwh: 0.3, currency: 'EUR', offPeak: null }, isDefault: false });
    await user.clear(screen.getByLabelText('Price per kWh'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]!.body).toEqual({ pricePerKWh: null, currency: 'EUR', offPeak: null });
  });

  it('words a refused save in the page’s language: the server’s English sentence only on an English page', async () => {
    const invalid = { status: 400, body: { error: { code: 'bad_request', message: 'pricePerKWh must be at most 100' } } };
    server(() => invalid);
    let user = mount({}, 'de');
    await user.type(screen.getByLabelText('Preis pro kWh'), '0,4');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nicht gespeichert: Ungültige Anfrage');
    expect(screen.getByRole('alert')).not.toHaveTextContent('pricePerKWh');
    cleanup();
    server(() => invalid);
    user = mount({}, 'en');
    await user.type(screen.getByLabelText('Price per kWh'), '0.4');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: Invalid request (pricePerKWh must be at most 100)');
  });
});
