/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SettingsResponseWire } from '../../api/archive-schemas.ts';
import { isApiError } from '../../api/api-error.ts';
import { sendJson } from '../../api/http.ts';
import type { ChargerInfo } from '../../api/server-schemas.ts';
import { LocaleProvider, type Lang } from '../../shared/i18n/i18n.tsx';
import { SETTINGS_KEY } from './api/settings-key.ts';
import { HouseholdSettings } from './HouseholdSettings.tsx';

const PLATZ13: ChargerInfo = { id: 'platz13', name: 'Platz 13', simulated: false, timeZone: 'UTC' };
const CARPORT: ChargerInfo = { id: 'carport', name: 'Carport', simulated: false, timeZone: 'Europe/Zurich' };

const SETTINGS: SettingsResponseWire = {
  pricePerKWh: 0.3,
  currency: 'EUR',
  offPeak: null,
  isDefault: false,
  pinRequired: false,
  writable: true,
  writableFromHere: true,
  readOnlyReason: null,
  timeZones: { platz13: { zone: 'UTC', source: 'server' }, carport: { zone: 'Europe/Zurich', source: 'file' } },
  serverTimeZone: 'UTC',
  zoneWarning: null,
};

const puts: unknown[] = [];
/** The server: GET answers `settings`, PUT is recorded and answered with `settings` as then. */
function server(settings: SettingsResponseWire) {
  puts.length = 0;
  let current = settings;
  const fetchMock = vi.fn(async (_path: string, init: RequestInit = {}) => {
    if ((init.method ?? 'GET') === 'PUT') {
      const body = JSON.parse(String(init.body)) as { timeZones?: Record<string, string | null> };
      puts.push(body);
      const timeZones = { ...current.timeZones };
      for (const [id, zone] of Object.entries(body.timeZones ?? {})) timeZones[id] = zone === null ? { zone: 'UTC', source: 'server' } : { zone, source: 'settings' };
      current = { ...current, timeZones };
    }
    return Response.json(current);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function mount(chargers: ChargerInfo[], lang: Lang = 'en') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LocaleProvider value={{ lang, locale: lang === 'de' ? 'de-DE' : 'en-GB' }}>
        <HouseholdSettings chargers={chargers} />
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return Object.assign(userEvent.setup(), { client });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('on a tablet of a server without ADMIN_PIN', () => {
  const tablet: SettingsResponseWire = { ...SETTINGS, writableFromHere: false, readOnlyReason: 'local_only' };

  it('the settings are shown but cannot be changed, and the screen says how to set a PIN', async () => {
    server(tablet);
    mount([PLATZ13]);
    const note = await screen.findByTestId('settings-access');
    expect(note).toHaveTextContent('Settings can be changed only on the dashboard server itself');
    expect(note).toHaveTextContent('ADMIN_PIN=');
    expect(note).toHaveTextContent('.env');
    expect(screen.getByLabelText('Price per kWh')).toBeDisabled();
    expect(screen.getByLabelText('Time zone')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Use this time zone' })).toBeDisabled();
    // Not the words for a server without an archive: this one keeps settings, only not from here.
    expect(screen.getByTestId('price-source')).not.toHaveTextContent('cannot keep settings');
  });

  it('in German too', async () => {
    server(tablet);
    mount([PLATZ13], 'de');
    const note = await screen.findByTestId('settings-access');
    expect(note).toHaveTextContent('Einstellungen lassen sich nur auf dem Dashboard-Server selbst ändern');
    expect(note).toHaveTextContent('Admin-PIN festlegen');
    expect(note).toHaveTextContent('ADMIN_PIN=');
  });

  it('on the server machine itself there is nothing to explain', async () => {
    server(SETTINGS);
    mount([PLATZ13]);
    await screen.findByTestId('price-settings');
    expect(screen.queryByTestId('settings-access')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Price per kWh')).toBeEnabled();
  });
});

describe('on a kiosk display', () => {
  it('no setting is shown, for either kiosk mode', async () => {
    for (const mode of ['1', 'locked']) {
      window.history.replaceState(null, '', `/sessions?kiosk=${mode}`);
      server(SETTINGS);
      const { client } = mount([PLATZ13]);
      // The settings are read (the history prices sessions with them), but no control shows.
      await waitFor(() => expect(client.getQueryState(SETTINGS_KEY)?.status).toBe('success'));
      expect(screen.queryByTestId('price-settings')).not.toBeInTheDocument();
      expect(screen.queryByTestId('zone-settings')).not.toBeInTheDocument();
      cleanup();
    }
  });

  it('the page sends no settings at all, whatever part of it asks', async () => {
    window.history.replaceState(null, '', '/sessions?kiosk=1&charger=platz13');
    const fetchMock = server(SETTINGS);
    const refused = await sendJson('/api/settings', 'PUT', { pricePerKWh: 9, currency: 'EUR', offPeak: null }).catch((error: unknown) => error);
    expect(isApiError(refused) && refused.code).toBe('kiosk');
    expect(fetchMock).not.toHaveBeenCalled();
    window.history.replaceState(null, '', '/sessions?kiosk=0');
    await sendJson('/api/settings', 'PUT', { pricePerKWh: 0.3, currency: 'EUR', offPeak: null });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('each charger’s time zone', () => {
  it('shows the zone and where it comes from, and saves a zone chosen here for that charger only', async () => {
    server(SETTINGS);
    const user = mount([PLATZ13, CARPORT]);
    expect(await screen.findByTestId('zone-source-platz13')).toHaveTextContent('UTC · the server’s own zone');
    expect(screen.getByTestId('zone-source-carport')).toHaveTextContent('Europe/Zurich · from CHARGERS_FILE');
    await user.type(screen.getByLabelText('Time zone of Platz 13'), 'europe/zurich');
    await user.click(screen.getByRole('button', { name: 'Use this time zone' }));
    await waitFor(() => expect(puts).toEqual([{ timeZones: { platz13: 'Europe/Zurich' } }]));
    expect(await screen.findByTestId('zone-source-platz13')).toHaveTextContent('Europe/Zurich · chosen here');
  });

  it('refuses a name that is not a time zone, and sends nothing', async () => {
    server(SETTINGS);
    const user = mount([PLATZ13]);
    await user.type(await screen.findByLabelText('Time zone'), 'Zurich');
    await user.click(screen.getByRole('button', { name: 'Use this time zone' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a time zone name like Europe/Zurich.');
    expect(screen.getByLabelText('Time zone')).toHaveAttribute('aria-invalid', 'true');
    expect(puts).toEqual([]);
  });

  it('an emptied field lets the charger follow its configuration again', async () => {
    server({ ...SETTINGS, timeZones: { platz13: { zone: 'Asia/Tokyo', source: 'settings' } } });
    const user = mount([PLATZ13]);
    expect(await screen.findByLabelText('Time zone')).toHaveValue('Asia/Tokyo');
    await user.clear(screen.getByLabelText('Time zone'));
    await user.click(screen.getByRole('button', { name: 'Use this time zone' }));
    await waitFor(() => expect(puts).toEqual([{ timeZones: { platz13: null } }]));
  });

  it('warns, in English and German, while the server runs in UTC and nobody set the charger’s zone', async () => {
    const warned: SettingsResponseWire = { ...SETTINGS, zoneWarning: { code: 'server_utc_zone_unset', chargerIds: ['platz13'] } };
    server(warned);
    mount([PLATZ13, CARPORT]);
    const warning = await screen.findByTestId('zone-warning');
    expect(warning).toHaveTextContent('The dashboard server runs in UTC and no time zone is set for Platz 13');
    expect(warning).not.toHaveTextContent('Carport');
    cleanup();
    server(warned);
    mount([PLATZ13], 'de');
    expect(await screen.findByTestId('zone-warning')).toHaveTextContent('Der Dashboard-Server läuft in UTC und für Platz 13 ist keine Zeitzone festgelegt');
    cleanup();
    server(SETTINGS);
    mount([PLATZ13]);
    await screen.findByTestId('zone-settings');
    expect(screen.queryByTestId('zone-warning')).not.toBeInTheDocument();
  });
});
