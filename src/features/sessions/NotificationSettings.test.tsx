/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider, type Lang } from '../../shared/i18n/i18n.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';

const listed = {
  targets: [
    { kind: 'ntfy', address: 'https://ntfy.example.com' },
    { kind: 'webhook', address: 'http://homeassistant.local:8123' },
  ],
  rules: ['session_finished', 'unreachable'],
  unreachableMinutes: 15,
  language: 'de',
  pinRequired: false,
};
const posts: Array<Record<string, string>> = [];

function server(settings: unknown, answer: (headers: Record<string, string>) => { status: number; body: unknown }) {
  posts.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_path: string, init: RequestInit = {}) => {
      if ((init.method ?? 'GET') === 'GET') return Response.json(settings);
      const headers = (init.headers ?? {}) as Record<string, string>;
      posts.push(headers);
      expect(init.body).toBeUndefined();
      const { status, body } = answer(headers);
      return Response.json(body, { status });
    }),
  );
}

function mount(lang: Lang = 'en') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LocaleProvider value={{ lang, locale: lang === 'de' ? 'de-DE' : 'en-GB' }}>
        <NotificationSettings />
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NotificationSettings', () => {
  it('lists the targets and rules, sends a test message and shows each target’s answer', async () => {
    server(listed, () => ({ status: 200, body: { results: [{ kind: 'ntfy', address: 'https://ntfy.example.com', ok: true, error: null }, { kind: 'webhook', address: 'http://homeassistant.local:8123', ok: false, error: 'answered HTTP 500' }] } }));
    const user = mount();
    expect(await screen.findByTestId('notification-targets')).toHaveTextContent('ntfy: https://ntfy.example.com' + 'Webhook: http://homeassistant.local:8123');
    expect(screen.getByText('Tells: charging finished, a charger unreachable for more than 15 min.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a test message' }));
    expect(await screen.findByRole('status')).toHaveTextContent('ntfy: delivered' + 'Webhook: not delivered (answered HTTP 500)');
    expect(posts).toHaveLength(1);
  });

  it('gives a target’s reason in German on a German page, or none it has no German for', async () => {
    const failed = (error: string) => ({ kind: 'webhook', address: 'http://homeassistant.local:8123', ok: false, error });
    server(listed, () => ({ status: 200, body: { results: [failed('answered HTTP 500'), { ...failed('the receiver is sulking'), kind: 'ntfy' }, { ...failed('ECONNREFUSED'), kind: 'mqtt' }] } }));
    const user = mount('de');
    await user.click(await screen.findByRole('button', { name: 'Testnachricht senden' }));
    const results = await screen.findByRole('status');
    expect(results).toHaveTextContent('Webhook: nicht zugestellt (Antwort HTTP 500)');
    expect(results).toHaveTextContent('ntfy: nicht zugestellt');
    expect(results).not.toHaveTextContent('sulking');
    expect(results).toHaveTextContent('MQTT (Home Assistant): nicht zugestellt (ECONNREFUSED)');
  });

  it('asks for the admin PIN when the server refuses without it, in German', async () => {
    server(listed, (headers) =>
      headers['x-admin-pin'] === '2468'
        ? { status: 200, body: { results: [{ kind: 'ntfy', address: 'https://ntfy.example.com', ok: true, error: null }] } }
        : { status: 403, body: { error: { code: 'forbidden', message: 'the admin PIN is required (X-Admin-Pin)' } } },
    );
    const user = mount('de');
    await user.click(await screen.findByRole('button', { name: 'Testnachricht senden' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Bitte die Admin-PIN eingeben, um eine Testnachricht zu senden.');
    await user.type(screen.getByLabelText('Admin-PIN'), '2468');
    await user.click(screen.getByRole('button', { name: 'Testnachricht senden' }));
    expect(await screen.findByRole('status')).toHaveTextContent('ntfy: zugestellt');
    expect(posts.at(-1)).toMatchObject({ 'x-admin-pin': '2468' });
  });

});
