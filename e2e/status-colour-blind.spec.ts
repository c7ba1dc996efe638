/**
 * The connector card and the garage tile under Chromium's deuteranopia and protanopia emulation
 * (the DevTools protocol's `Emulation.setEmulatedVisionDeficiency`): the states a household must
 * tell apart stay apart. Measured on screenshots: the colour of the card's edge and state pill and
 * of the tile's edge, state word and connection badge, sampled from the pixels Chromium draws
 * under each emulation, must differ by at least DISTINGUISHABLE_DE2000 (CIEDE2000; the reasoning
 * is with the constant), and each state must draw an icon of its own. The card comes from the
 * fixture page (its states forced by snapshots), the tiles from the real garage with the
 * simulator's connectors forced. Both themes. The differences are reported with each test.
 *
 * The pairs: charging and stale (old values: neutral edge, a clock), charging and unavailable,
 * a fault and a charger holding back (amber).
 */
import { test as withoutServer, type Page } from '@playwright/test';
import type { ChargerSnapshot } from '../contract/snapshot.ts';
import { colourDifference, DISTINGUISHABLE_DE2000, simulateVisionDeficiency, type Rgb, type VisionDeficiency } from '../test-support/colour-difference.ts';
import { connectorFixture, FIXTURE_READ_AT, snapshotFixture } from '../test-support/snapshot-fixtures.ts';
import { expect, test } from './fixtures.ts';
import { openFixturePage, showSnapshots } from './fixture-page/open.ts';
import { STALE_WITHIN } from './layout-helpers.ts';

const VISIONS: VisionDeficiency[] = ['none', 'deuteranopia', 'protanopia'];
const THEMES = ['dark', 'light'] as const;
type Box = { x: number; y: number; width: number; height: number };

/** What a state looks like under one vision: the sampled colours of its parts, and the shapes of its icons. */
interface Look {
  colours: Record<string, Rgb>;
  icons: string[];
}
type Looks = Record<string, Record<VisionDeficiency, Look>>;

/**
 * The most frequent colour of a screenshot, or of its ink (the pixels far from that colour: a
 * word's glyphs on its background). Decoded in the page's canvas, so no image library is needed.
 */
async function dominant(page: Page, png: Buffer, ink = false): Promise<Rgb> {
  return page.evaluate(
    async ({ base64, ink }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const mode = (keep: (i: number) => boolean) => {
        const counts = new Map<number, number>();
        for (let i = 0; i < data.length; i += 4) if (keep(i)) counts.set((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!, (counts.get((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!) ?? 0) + 1);
        const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
        return [key >> 16, (key >> 8) & 255, key & 255] as [number, number, number];
      };
      const background = mode(() => true);
      if (!ink) return background;
      return mode((i) => Math.abs(data[i]! - background[0]) + Math.abs(data[i + 1]! - background[1]) + Math.abs(data[i + 2]! - background[2]) > 90);
    },
    { base64: png.toString('base64'), ink },
  );
}

/** The colour of a box's coloured left edge: a strip inside it, away from the rounded corners. */
async function edgeColour(page: Page, box: Box, edgePx: number): Promise<Rgb> {
  const png = await page.screenshot({ clip: { x: box.x + edgePx * 0.25, y: box.y + box.height * 0.3, width: edgePx * 0.5, height: box.height * 0.4 } });
  return dominant(page, png);
}

/** Each part's colour under each vision, for one state on screen. */
async function look(page: Page, sample: () => Promise<Record<string, Rgb>>, icons: string[]): Promise<Record<VisionDeficiency, Look>> {
  const cdp = await page.context().newCDPSession(page);
  const out = {} as Record<VisionDeficiency, Look>;
  for (const vision of VISIONS) {
    await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: vision });
    out[vision] = { colours: await sample(), icons };
  }
  await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'none' });
  await cdp.detach();
  return out;
}

/**
 * Checks every pair in every vision; returns the problems and the report of the differences. Also
 * checks that the unit tests' model of the emulation (status-palette.test.ts) gives the pixels
 * Chromium drew: what the model makes of the normal colour is what the emulation showed.
 */
function judge(looks: Looks, pairs: Array<[string, string, string[]]>, where: string): { problems: string[]; report: string[] } {
  const problems: string[] = [];
  const report: string[] = [];
  for (const [a, b, parts] of pairs) {
    const line: string[] = [];
    for (const vision of VISIONS) {
      for (const part of parts) {
        const difference = colourDifference(looks[a]![vision].colours[part]!, looks[b]![vision].colours[part]!);
        line.push(`${vision} ${part} ${difference.toFixed(1)}`);
        if (difference < DISTINGUISHABLE_DE2000) problems.push(`${where}: ${a} vs ${b}, ${part}, ${vision}: ΔE00 ${difference.toFixed(1)} (${looks[a]![vision].colours[part]!.join(',')} vs ${looks[b]![vision].colours[part]!.join(',')})`);
      }
    }
    report.push(`${where}: ${a} vs ${b}: ${line.join('; ')}`);
    const iconsA = looks[a]!.none.icons.join(' ');
    const iconsB = looks[b]!.none.icons.join(' ');
    if (iconsA === iconsB) problems.push(`${where}: ${a} and ${b} draw the same icons`);
  }
  for (const [state, byVision] of Object.entries(looks)) {
    for (const vision of VISIONS) {
      for (const [part, colour] of Object.entries(byVision[vision].colours)) {
        const modelled = simulateVisionDeficiency(byVision.none.colours[part]!, vision);
        if (colourDifference(modelled, colour) > 2) problems.push(`${where}: ${state} ${part} under ${vision}: Chromium drew ${colour.join(',')}, the model says ${modelled.map(Math.round).join(',')}`);
      }
    }
  }
  return { problems, report };
}

const iconShapes = (page: Page, selector: string) => page.locator(`${selector} svg.status-icon path`).evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));

// The charging bolt breathes; still, its pixels are the same in every screenshot.
const stillMotion = async ({ page }: { page: Page }) => page.emulateMedia({ reducedMotion: 'reduce' });

// The card needs no server: the fixture page is fed its snapshots, and pins its own clock, so
// nothing here reads the world's clock (`@clock-free`: it runs at the clock sweep's first moment only).
withoutServer.describe('states told apart under deuteranopia and protanopia: the connector card', { tag: '@clock-free' }, () => {
  withoutServer.beforeEach(stillMotion);

  for (const theme of THEMES) {
    withoutServer(`the connector card, ${theme}: edge and pill`, async ({ page }, testInfo) => {
      const unreachable = { code: 'charger_unreachable', message: 'the charger refused the connection', since: FIXTURE_READ_AT };
      const states: Record<string, ChargerSnapshot> = {
        charging: snapshotFixture({ connectors: [connectorFixture({ kind: 'charging' })] }),
        stale: snapshotFixture({ connectors: [connectorFixture({ kind: 'charging' })], problem: unreachable, ageMs: 65_000 }),
        unavailable: snapshotFixture({ connectors: [connectorFixture({ kind: 'unavailable' })] }),
        fault: snapshotFixture({ connectors: [connectorFixture({ kind: 'fault', fault: { severity: 'fault', type: 'GroundFailure', text: 'Residual current detected' } })] }),
        paused_by_charger: snapshotFixture({ connectors: [connectorFixture({ kind: 'paused_by_charger', powerKw: 0 })] }),
      };
      await page.setViewportSize({ width: 1280, height: 800 });
      await openFixturePage(page, { kiosk: 'locked', theme });
      const card = page.getByTestId('connector-card').first();
      const looks: Looks = {};
      for (const [name, snapshot] of Object.entries(states)) {
        await showSnapshots(page, [snapshot]);
        await expect(card).toHaveAttribute('data-stale', name === 'stale' ? 'true' : 'false');
        await expect(card).toHaveAttribute('data-state', snapshot.connectors.ok ? snapshot.connectors.data[0]!.state.kind : '');
        // A stale card shows no pill: "as of …" with a clock stands in its place.
        const marker = name === 'stale' ? '[data-testid="stale-since"]' : '.card-pill';
        const box = (await card.boundingBox())!;
        const edgePx = parseFloat(await card.evaluate((el) => getComputedStyle(el).borderLeftWidth));
        looks[name] = await look(
          page,
          async () => ({
            edge: await edgeColour(page, box, edgePx),
            ...(name === 'stale' ? {} : { pill: await dominant(page, await page.locator('.card-pill').first().screenshot()) }),
          }),
          await iconShapes(page, `[data-testid="connector-card"] ${marker}`),
        );
        await page.screenshot({ path: testInfo.outputPath(`card-${name}-${theme}.png`) });
      }
      const { problems, report } = judge(
        looks,
        [
          ['charging', 'stale', ['edge']],
          ['charging', 'unavailable', ['edge', 'pill']],
          ['fault', 'paused_by_charger', ['edge', 'pill']],
        ],
        `card, ${theme}`,
      );
      for (const line of report) testInfo.annotations.push({ type: 'ΔE00', description: line });
      console.log(report.join('\n'));
      expect(problems).toEqual([]);
    });
  }
});

test.describe('states told apart under deuteranopia and protanopia: the garage tile', () => {
  test.use({ simulatorChargers: 5 });
  test.beforeEach(stillMotion);

  for (const theme of THEMES) {
    test(`the garage tile, ${theme}: edge, state word, badge`, async ({ page, sim, server }, testInfo) => {
      const [charging, stale, unavailable, fault, held] = server.config.chargers.map((c) => c.id) as [string, string, string, string, string];
      sim.setConnector(charging, 1, { status: 'Charging', power: 11.04 });
      sim.setConnector(stale, 1, { status: 'Charging', power: 11.04 });
      sim.setConnector(unavailable, 1, { status: 'Unavailable', power: 0 });
      sim.setConnector(fault, 1, { status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
      sim.setConnector(held, 1, { status: 'SuspendedEVSE', power: 0 });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/garage?kiosk=locked&lang=en&theme=${theme}`);
      const tile = (id: string) => page.locator(`[data-testid="charger-tile"][data-charger-id="${id}"]`);
      await expect(page.locator('[data-connection="live"]')).toHaveCount(5);
      sim.faults.set({ charger: stale, down: true });
      await expect(tile(stale)).toHaveAttribute('data-connection', 'stale', { timeout: STALE_WITHIN });
      const kinds = { charging: 'charging', stale: 'charging', unavailable: 'unavailable', fault: 'fault', paused_by_charger: 'paused_by_charger' } as const;
      const ids = { charging, stale, unavailable, fault, paused_by_charger: held };
      const looks: Looks = {};
      for (const [name, id] of Object.entries(ids)) {
        await expect(tile(id).locator('[data-state]')).toHaveAttribute('data-state', kinds[name as keyof typeof kinds]);
        const box = (await tile(id).boundingBox())!;
        const edgePx = parseFloat(await tile(id).evaluate((el) => getComputedStyle(el).borderLeftWidth));
        looks[name] = await look(
          page,
          async () => ({
            edge: await edgeColour(page, box, edgePx),
            word: await dominant(page, await tile(id).locator('[data-state]').screenshot(), true),
            badge: await dominant(page, await tile(id).locator('.tile-badge').screenshot(), true),
          }),
          await iconShapes(page, `[data-charger-id="${id}"]`),
        );
      }
      await page.screenshot({ path: testInfo.outputPath(`garage-${theme}.png`) });
      const { problems, report } = judge(
        looks,
        [
          ['charging', 'stale', ['edge', 'badge']],
          ['charging', 'unavailable', ['edge', 'word']],
          ['fault', 'paused_by_charger', ['edge', 'word']],
        ],
        `tile, ${theme}`,
      );
      for (const line of report) testInfo.annotations.push({ type: 'ΔE00', description: line });
      console.log(report.join('\n'));
      expect(problems).toEqual([]);
    });
  }
});
