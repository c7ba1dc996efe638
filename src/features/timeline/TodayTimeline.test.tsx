/** @vitest-environment jsdom */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TimelineResponseWire } from '../../api/archive-schemas.ts';
import { LocaleProvider, type Lang } from '../../shared/i18n/i18n.tsx';
import { TodayTimeline } from './TodayTimeline.tsx';
import { isoDay, timelineQuery } from './api/timeline-query.ts';

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** An evening and the next morning, as the archive answers them. */
const day: TimelineResponseWire = {
  date: '2026-11-30',
  source: 'archive',
  events: [
    { at: '2026-11-30T17:04:00Z', kind: 'plugged_in', connectorId: 1 },
    { at: '2026-11-30T17:04:30Z', kind: 'charging', connectorId: 1 },
    { at: '2026-11-30T19:30:00Z', kind: 'suspended_ev', connectorId: 1 },
    { at: '2026-11-30T20:10:00Z', kind: 'fault', connectorId: 1, detail: 'GroundFailure: residual current' },
    { at: '2026-11-30T20:12:00Z', kind: 'fault_cleared', connectorId: 1, detail: 'GroundFailure: residual current' },
    { at: '2026-11-30T22:39:00Z', kind: 'finished', connectorId: 1 },
    { at: '2026-11-30T22:45:00Z', kind: 'unplugged', connectorId: 1 },
    { at: '2026-11-30T23:00:00Z', kind: 'solar_eclipse' },
  ],
};

const requests: string[] = [];

function mount(answer: TimelineResponseWire | 'fail', lang: Lang = 'en') {
  requests.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      requests.push(path);
      if (path.includes('/generalStatus')) return new Promise(() => {});
      return answer === 'fail' ? Response.json({ error: { code: 'not_found', message: 'no such charger' } }, { status: 404 }) : Response.json(answer);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <LocaleProvider value={{ lang, locale: lang === 'de' ? 'de-DE' : 'en-GB' }}>
        <TodayTimeline chargerId="platz13" />
      </LocaleProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('TodayTimeline', () => {
  it('asks for today in the tablet’s calendar and lists the day’s events in order, in words, with their times', async () => {
    mount(day);
    const events = await screen.findAllByTestId('timeline-event');
    expect(requests.find((r) => r.includes('/timeline'))).toBe(`/api/chargers/platz13/timeline?date=${isoDay(Date.now(), ZONE)}`);
    expect(events.map((e) => e.getAttribute('data-kind'))).toEqual(['plugged_in', 'charging', 'suspended_ev', 'fault', 'fault_cleared', 'finished', 'unplugged', 'solar_eclipse']);
    expect(events[0]).toHaveTextContent('plugged in');
    expect(within(events[0]!).getByText(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse('2026-11-30T17:04:00Z')))).toBeInTheDocument();
    expect(events[2]).toHaveTextContent('paused by car');
    // A kind this page does not know yet is still shown readably.
    expect(events[7]).toHaveTextContent('solar eclipse');
  });

  it('marks faults as problems with their description, and their end as resolved', async () => {
    mount(day);
    const fault = (await screen.findAllByTestId('timeline-event')).find((e) => e.getAttribute('data-kind') === 'fault')!;
    expect(fault).toHaveAttribute('data-tone', 'problem');
    expect(fault).toHaveTextContent('⚠');
    // The type in words, not the charger's raw name.
    expect(fault).toHaveTextContent('fault: Earth fault');
    expect(fault).not.toHaveTextContent('GroundFailure');
    const cleared = screen.getAllByTestId('timeline-event').find((e) => e.getAttribute('data-kind') === 'fault_cleared')!;
    expect(cleared).toHaveAttribute('data-tone', 'resolved');
  });

  it('speaks German', async () => {
    mount(day, 'de');
    const events = await screen.findAllByTestId('timeline-event');
    expect(screen.getByRole('heading', { name: 'Heute' })).toBeInTheDocument();
    expect(events.map((e) => e.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('angesteckt'), expect.stringContaining('vom Auto pausiert'), expect.stringContaining('abgesteckt')]));
    expect(events.find((e) => e.getAttribute('data-kind') === 'fault')).toHaveTextContent('Störung: Fehlerstrom');
    expect(events.find((e) => e.getAttribute('data-kind') === 'fault_cleared')).toHaveTextContent('Störung behoben: Fehlerstrom');
  });

  it('says so when nothing has happened yet, and when the day could not be read', async () => {
    mount({ date: '2026-11-30', source: 'archive', events: [] });
    expect(await screen.findByTestId('timeline-empty')).toHaveTextContent('Nothing has happened today yet.');
    cleanup();
    mount('fail');
    // After its one retry.
    expect(await screen.findByText('Today’s events could not be loaded.', undefined, { timeout: 5_000 })).toBeInTheDocument();
  });

  it('names the connector only when the day has several', async () => {
    mount({ ...day, events: [...day.events.slice(0, 2), { at: '2026-11-30T18:00:00Z', kind: 'plugged_in', connectorId: 2 }] });
    const events = await screen.findAllByTestId('timeline-event');
    expect(events[2]).toHaveTextContent('Connector 2: plugged in');
  });

  it('keys the query by charger and day', () => {
    expect(timelineQuery('platz13', '2026-11-30').queryKey).toEqual(['charger', 'platz13', 'timeline', '2026-11-30']);
    expect(isoDay(Date.parse('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-01');
  });
});
