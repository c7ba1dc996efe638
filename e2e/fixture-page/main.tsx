/**
 * The fixture page (tests only, never part of the product's build): the real app, fed charger
 * snapshots by the test instead of a server. `window.__fixtures.show(...)` writes snapshots into
 * the query cache as the event stream would, so the layout tests render every state the display
 * knows (a fault then stale, two EVSEs, a long unknown state, four-digit numbers…) at any hour,
 * without waiting for the simulator's clock to reach it. Requests the app still makes (the
 * charger list, the settings, the chart's power, the timeline) get canned answers here.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { snapshotQuery } from '../../src/api/queries.ts';
import type { ChargerInfo } from '../../src/api/server-schemas.ts';
import { App } from '../../src/app/App.tsx';
import { loadGerman } from '../../src/app/german.ts';
import { createQueryClient } from '../../src/app/query-client.ts';
import '../../src/index.css';
import { cannedAnswer } from './canned-answers.ts';
import { measureLayout } from './measure-layout.ts';

const params = new URLSearchParams(location.search);
document.documentElement.dataset.theme = params.get('theme') === 'light' ? 'light' : 'dark';

let chargers: ChargerInfo[] = [{ id: 'platz13', name: 'Platz 13', simulated: true, timeZone: 'Europe/Berlin' }];

// The app's live stream, quiet: it opens without error and never delivers (the test does).
class QuietEventSource {
  readonly readyState = 1;
  onerror: ((event: Event) => void) | null = null;
  onopen: ((event: Event) => void) | null = null;
  addEventListener(): void {}
  close(): void {}
}
(window as unknown as { EventSource: unknown }).EventSource = QuietEventSource;
window.fetch = async (input: RequestInfo | URL) => {
  const url = new URL(String(input instanceof Request ? input.url : input), location.href);
  const body = cannedAnswer(url, chargers);
  return body === undefined ? new Response(JSON.stringify({ error: { code: 'not_found', message: 'no fixture' } }), { status: 404 }) : Response.json(body);
};

const queryClient = createQueryClient();

interface ShowOptions {
  snapshots: ChargerSnapshot[];
  /** The chargers the page knows; default: one per snapshot, named after its id. */
  chargers?: ChargerInfo[];
}

/** Waits for React to commit and the browser to lay the page out. */
const settled = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * The layout once two frames in a row agree: a busy machine can deliver a lazy chunk or a fit
 * pass a frame late, and a measurement taken in between would report a state no user sees.
 */
async function stableLayout() {
  let last = JSON.stringify(measureLayout());
  for (let frame = 0; frame < 20; frame++) {
    await settled();
    const report = measureLayout();
    const now = JSON.stringify(report);
    if (now === last) return report;
    last = now;
  }
  return measureLayout();
}

const fixtures = {
  async show(options: ShowOptions): Promise<void> {
    chargers = options.chargers ?? options.snapshots.map((s) => ({ id: s.chargerId, name: s.chargerId, simulated: true, timeZone: s.zone }));
    queryClient.setQueryData(['chargers'], { chargers, statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 30_000 });
    const now = Date.now();
    for (const snapshot of options.snapshots) {
      queryClient.setQueryData(snapshotQuery(snapshot.chargerId).queryKey, snapshot, { updatedAt: now - (snapshot.ageMs ?? 0) });
    }
    await settled();
    await settled();
  },
  measure: stableLayout,
  /** Shows each in turn and measures it: one call for many states, no round trip per state. */
  async run(list: ShowOptions[]) {
    const reports = [];
    for (const options of list) {
      await fixtures.show(options);
      reports.push(await stableLayout());
    }
    return reports;
  },
};
(window as unknown as { __fixtures: typeof fixtures }).__fixtures = fixtures;

const german = params.get('lang') === 'de' ? loadGerman() : Promise.resolve();
void german.then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
  (window as unknown as { __fixturesReady: boolean }).__fixturesReady = true;
});
