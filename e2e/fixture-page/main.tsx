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

const stillPage = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
/**
 * Waits for a frame: the browser lays the page out and runs its resize observers (the card's
 * fit). Under the page clock the tests install, `requestAnimationFrame` is a timer of that clock
 * that fires whether a frame was rendered or not. With motion allowed the breathing bolt keeps
 * frames coming at the display's rate, so that timer's pace is a frame's (and it is quicker on a
 * busy machine than waiting for the compositor). Under reduced motion Chromium renders only on
 * demand: there the wait is for a rendered frame, a new resize observer's first call, which comes
 * in the next frame's rendering after the observers created before it (the cards').
 */
const settled = () =>
  new Promise<void>((resolve) => {
    if (!stillPage()) {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      return;
    }
    const frame = new ResizeObserver(() => {
      frame.disconnect();
      setTimeout(resolve, 0);
    });
    frame.observe(document.documentElement);
  });
/**
 * Waits for React to commit what the cache now holds: TanStack Query tells its observers in a
 * task of its own, and React renders an external store's change at once (a microtask).
 */
const committed = async () => {
  for (let task = 0; task < 2; task++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * The layout once it has held over rendered frames. The card's fit passes run in a frame's resize
 * observers, and a newly mounted card's container sizes can settle a frame or two after its first
 * layout with no change to the DOM in between; a busy machine can also deliver a lazy chunk late.
 * A measurement taken in between would report a state no user sees for more than a moment. With
 * motion allowed, one frame that changes nothing has proved enough for every state drawn here;
 * under reduced motion, where Chromium renders only on demand, it takes three.
 */
const framesHeld = () => (stillPage() ? 3 : 1);
async function stableLayout() {
  let last = JSON.stringify(measureLayout());
  const needed = framesHeld();
  let held = 0;
  for (let frame = 0; frame < 40 && held < needed; frame++) {
    await settled();
    const now = JSON.stringify(measureLayout());
    held = now === last ? held + 1 : 0;
    last = now;
  }
  return measureLayout();
}

/** Puts the snapshots into the cache, as the event stream would, and waits for React's commit. */
async function put(options: ShowOptions): Promise<void> {
  const next = options.chargers ?? options.snapshots.map((s) => ({ id: s.chargerId, name: s.chargerId, simulated: true, timeZone: s.zone }));
  // The same list again would be a new object all the same: every part of the page would render
  // anew (the chart too), as no server ever makes it do between two readings.
  if (JSON.stringify(next) !== JSON.stringify(chargers) || queryClient.getQueryData(['chargers']) === undefined) {
    chargers = next;
    queryClient.setQueryData(['chargers'], { chargers, statusIntervalMs: 5_000, staleAfterMs: 12_500, streamSilenceMs: 30_000 });
  }
  const now = Date.now();
  for (const snapshot of options.snapshots) {
    queryClient.setQueryData(snapshotQuery(snapshot.chargerId).queryKey, snapshot, { updatedAt: now - (snapshot.ageMs ?? 0) });
  }
  await committed();
  // On the live view the cards must be this snapshot's before anything is measured: a layout
  // measured on the previous state would pass for this one.
  const [only] = options.snapshots;
  if (options.snapshots.length !== 1 || !only?.connectors.ok || document.querySelector('[data-testid="connector-card"]') === null) return;
  const expected = only.connectors.data.map((c) => c.state.kind).join();
  const shown = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="connector-card"]'), (card) => card.dataset.state).join();
  for (let frame = 0; shown() !== expected; frame++) {
    if (frame === 20) throw new Error(`the live view shows cards ${shown()}, not the snapshot's ${expected}`);
    await settled();
  }
}

const fixtures = {
  /** Shows the snapshots and waits for a frame, so whatever the test reads next is laid out. */
  async show(options: ShowOptions): Promise<void> {
    await put(options);
    await settled();
  },
  measure: stableLayout,
  /**
   * Shows each in turn and measures it: one call for many states, no round trip per state.
   * `settling`: frames a state may take to draw inside its box after it has held (`0`: none).
   * Under reduced motion Chromium can settle a new card's container sizes only some frames later,
   * with nothing changing meanwhile; what is measured then is what stays, and a card that stays
   * wrong still fails.
   */
  async run(list: ShowOptions[], settling = 0) {
    const reports = [];
    for (const options of list) {
      await put(options);
      let report = await stableLayout();
      const outside = () => report.escapes.length > 0 || report.overflowX > 0 || report.overflowY > 0;
      for (let frame = 0; frame < settling && outside(); frame++) {
        await settled();
        report = measureLayout();
      }
      reports.push(report);
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
