/**
 * The garage's layout, from fixtures (the real app fed snapshots: e2e/fixture-page/): 1, 2, 12 and
 * 20 chargers at each screen people use, in both languages, every tile in its tallest and widest
 * content (a two-line state beside a four-digit power, a stale tile's two lines, a fault, a long
 * state name the vocabulary does not know, two connectors). For every one: the page does not
 * scroll, no element of a tile draws outside it or is cut in half, the tiles' state text keeps at
 * least 12 px, and the tiles take the screen's height (their type grows with them).
 */
import { expect, test } from '@playwright/test';
import type { ChargerSnapshot } from '../contract/snapshot.ts';
import type { ChargerInfo } from '../src/api/server-schemas.ts';
import { connectorFixture, FIXTURE_READ_AT, snapshotFixture } from '../test-support/snapshot-fixtures.ts';
import { measureLayout, openFixturePage, showSnapshots } from './fixture-page/open.ts';
import { VIEWPORTS } from './layout-helpers.ts';

const COUNTS = [1, 2, 12, 20] as const;
const UNREACHABLE = { code: 'charger_unreachable', message: 'the charger refused the connection', since: FIXTURE_READ_AT };

/** The n-th tile's content: the widest and tallest the garage shows, in turn. */
function tileSnapshot(i: number): ChargerSnapshot {
  const chargerId = `platz${i + 4}`;
  switch (i % 6) {
    case 0:
      return snapshotFixture({ chargerId, connectors: [connectorFixture({ kind: 'paused_by_charger', powerKw: 350, energyKwh: 9_999.9 })] });
    case 1:
      return snapshotFixture({ chargerId, connectors: [connectorFixture({ kind: 'charging', powerKw: 22, energyKwh: 494.2 })] });
    case 2:
      return snapshotFixture({ chargerId, connectors: [connectorFixture({ kind: 'charging', energyKwh: 18.4 })], problem: UNREACHABLE, ageMs: 65_000 });
    case 3:
      return snapshotFixture({ chargerId, connectors: [connectorFixture({ kind: 'fault' })] });
    case 4:
      return snapshotFixture({
        chargerId,
        connectors: [connectorFixture({ kind: 'charging', connectorId: 1, powerKw: 7.4, energyKwh: 185.9 }), connectorFixture({ kind: 'paused_by_charger', connectorId: 2, powerKw: 0, energyKwh: 494.2 })],
      });
    default:
      return snapshotFixture({ chargerId, connectors: [connectorFixture({ kind: 'unknown', raw: 'WaitingForTheGridOperatorsPermissionToResumeChargingNow', powerKw: 3.2 })] });
  }
}

function garage(count: number): { snapshots: ChargerSnapshot[]; chargers: ChargerInfo[] } {
  const snapshots = Array.from({ length: count }, (_, i) => tileSnapshot(i));
  return { snapshots, chargers: snapshots.map((s, i) => ({ id: s.chargerId, name: `Platz ${i + 4}`, simulated: true, timeZone: s.zone })) };
}

// `@clock-free`: the fixture page pins its own clock, so the sweep runs these at its first moment only.
test.describe('layout from fixtures: the garage', { tag: '@clock-free' }, () => {
  // As most tablets show it, with motion (the suite's default is still: playwright.config.ts).
  test.use({ reducedMotion: 'no-preference' });

  for (const screen of VIEWPORTS) {
    for (const lang of ['en', 'de'] as const) {
      test(`1, 2, 12 and 20 chargers fit ${screen.width}×${screen.height}, ${lang}`, async ({ page }, testInfo) => {
        await page.setViewportSize(screen);
        await openFixturePage(page, { path: '/garage', kiosk: '1', lang, theme: lang === 'en' ? 'dark' : 'light' });
        const found: string[] = [];
        for (const count of COUNTS) {
          const { snapshots, chargers } = garage(count);
          await showSnapshots(page, snapshots, chargers);
          await expect(page.getByTestId('charger-tile')).toHaveCount(count);
          const where = `${count} chargers, ${screen.width}×${screen.height}, ${lang}`;
          const report = await measureLayout(page);
          if (report.overflowX > 0) found.push(`${where}: the page scrolls sideways by ${report.overflowX}px`);
          if (report.overflowY > 0) found.push(`${where}: the page scrolls down by ${report.overflowY}px`);
          for (const e of report.escapes) found.push(`${where}: ${e.box}: ${e.element} outside by ${JSON.stringify(e.by)}`);
          report.tileStates.forEach((px, i) => {
            if (px < 12) found.push(`${where}: tile ${i + 1}: state text ${px.toFixed(1)}px`);
          });
          // The tiles use the screen: the last row ends in its bottom tenth (the page's padding and
          // the rounding of the rows are all that is left below it).
          const lowest = await page.getByTestId('charger-tile').evaluateAll((tiles) => Math.max(...tiles.map((t) => t.getBoundingClientRect().bottom)));
          if (lowest < screen.height * 0.9) found.push(`${where}: the tiles end at ${Math.round(lowest)}px of ${screen.height}`);
          if (count >= 12) await page.screenshot({ path: testInfo.outputPath(`garage-${count}-${screen.width}x${screen.height}-${lang}.png`) });
        }
        expect(found).toEqual([]);
      });
    }
  }
});
