/**
 * Two connectors' power lines under Chromium's deuteranopia emulation (the DevTools protocol's
 * `Emulation.setEmulatedVisionDeficiency`; `page.emulateMedia` has no such option): the green and
 * the pink line come out close in colour, so they must differ by dash and marker. The simulator
 * has one connector per charger: the page's snapshot gets a second one and the power answer a
 * second series, as the layout matrix does for its two-connector state.
 */
import type { Page } from '@playwright/test';
import type { ChargerSnapshot } from '../contract/snapshot.ts';
import type { PowerResponseWire } from '../src/api/archive-schemas.ts';
import { expect, test } from './fixtures.ts';
import { rewriteJsonAnswers } from './rewrite-answer.ts';

const chart = (page: Page) => page.getByTestId('power-chart');

async function twoConnectors(page: Page): Promise<void> {
  // Pushed snapshots cannot be rewritten in flight: the stream is refused as a server at its
  // stream limit refuses it, and the page polls GET snapshot instead, which is rewritten.
  await page.route('**/api/events**', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'too_many_streams', message: 'too many event streams' } }) }),
  );
  await rewriteJsonAnswers<ChargerSnapshot>(page, '**/snapshot', (body) => {
    if (!body.connectors.ok) return body;
    const first = body.connectors.data[0]!;
    body.connectors.data.push({ ...first, key: '1-2', connectorId: 2, label: '2', number: 2, series: 'connector2', powerKw: 0, session: null, fault: null });
    return body;
  });
  // The second connector charges through the middle of the window, crossing the first one's line.
  await rewriteJsonAnswers<PowerResponseWire>(page, '**/api/chargers/*/power?*', (answer) => {
    if (answer.step !== '5m') return answer;
    answer.series = [...answer.series, 'connector2'];
    answer.points.forEach((point, i) => {
      const share = i / Math.max(1, answer.points.length - 1);
      point.kW.connector2 = share > 0.2 && share < 0.8 ? 7.4 : 0.5;
      point.energyKWh.connector2 = (point.kW.connector2 * 5) / 60;
    });
    return answer;
  });
}

/**
 * The pixels of an image that are not its background (its top-left pixel), as a mask, and their
 * mean colour; decoded in the page's canvas, so no image library is needed here.
 */
async function foreground(page: Page, png: Buffer): Promise<{ mask: number[]; rgb: [number, number, number] }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const [r0, g0, b0] = [data[0]!, data[1]!, data[2]!];
    const mask: number[] = [];
    let [r, g, b] = [0, 0, 0];
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const on = Math.abs(data[i]! - r0) + Math.abs(data[i + 1]! - g0) + Math.abs(data[i + 2]! - b0) > 60;
      mask.push(on ? 1 : 0);
      if (on) {
        r += data[i]!;
        g += data[i + 1]!;
        b += data[i + 2]!;
        count++;
      }
    }
    const mean = (v: number) => Math.round(v / Math.max(1, count));
    return { mask, rgb: [mean(r), mean(g), mean(b)] as [number, number, number] };
  }, png.toString('base64'));
}

test('under deuteranopia two connectors’ lines still differ, by dash and marker, on the chart and in the legend', async ({ page }, testInfo) => {
  await twoConnectors(page);
  await page.goto('/?range=6h&theme=dark');
  await expect(chart(page).locator('[data-state]')).toHaveAttribute('data-state', 'ready');
  const line = (measure: string) => chart(page).locator(`.power-line-${measure}`);
  await expect(line('connector2').locator('path.recharts-line-curve')).toHaveCount(1);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'deuteranopia' });

  // On the chart: each line its own dash pattern and its own markers, a few along it.
  const dash = (measure: string) => line(measure).locator('path.recharts-line-curve').getAttribute('stroke-dasharray');
  expect(await dash('connector1')).toBeNull();
  expect(await dash('connector2')).toMatch(/\d/);
  for (const measure of ['connector1', 'connector2']) {
    const markers = (await line(measure).locator('path.power-markers').getAttribute('d')) ?? '';
    expect(markers.match(/M/g)?.length ?? 0, `${measure}: markers along the line`).toBeGreaterThanOrEqual(2);
    expect(markers.match(/M/g)?.length ?? 0, `${measure}: a few, not one per point`).toBeLessThanOrEqual(10);
  }
  const shape = (measure: string) => chart(page).locator(`[data-series=${measure}] .power-swatch`).getAttribute('data-marker');
  expect([await shape('connector1'), await shape('connector2')]).toEqual(['circle', 'square']);

  // As seen: the legend's two swatches, rendered under the emulation, differ in shape although
  // their colours come out close.
  const swatch = (measure: string) => chart(page).locator(`[data-series=${measure}] .power-swatch`);
  await chart(page).screenshot({ path: testInfo.outputPath('two-connectors-deuteranopia.png') });
  const shots = [await swatch('connector1').screenshot({ path: testInfo.outputPath('swatch-1.png') }), await swatch('connector2').screenshot({ path: testInfo.outputPath('swatch-2.png') })];
  const [one, two] = [await foreground(page, shots[0]!), await foreground(page, shots[1]!)];
  expect(one.mask).toHaveLength(two.mask.length);
  const differing = one.mask.filter((on, i) => on !== two.mask[i]).length;
  const drawn = Math.max(one.mask.filter(Boolean).length, two.mask.filter(Boolean).length);
  // Two swatches alike but for colour would differ in next to no pixel here; dash and marker make about a fifth.
  expect(differing / drawn, 'share of the swatches’ pixels that differ in shape').toBeGreaterThan(0.1);
  testInfo.annotations.push({ type: 'swatch colours under deuteranopia', description: `${one.rgb.join(',')} vs ${two.rgb.join(',')}` });

  await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'none' });
  await chart(page).screenshot({ path: testInfo.outputPath('two-connectors-normal-vision.png') });
});
