/**
 * Today's timeline on the live view: the server derives events from the status its collector
 * reads and keeps them in its archive (a fresh temporary file for the test); the page shows the
 * day. The car is plugged in through the simulator's connector override.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ archive: true });

const card = (page: Page) => page.getByTestId('connector-card').first();
const timeline = (page: Page) => page.getByTestId('timeline');

/** The kinds of today's events on the page, asking again until `expected` are all there. */
async function expectKinds(page: Page, expected: string[]) {
  await expect(async () => {
    const kinds = await timeline(page).getByTestId('timeline-event').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(expected));
  }).toPass({ timeout: 20_000 });
}

test('after a plug-in the timeline shows it, then charging, the pause by the car, a fault marked, and the unplug', async ({ page, sim }) => {
  const chargerId = sim.chargers[0]!.id;
  sim.setConnector(chargerId, 1, { status: 'Available' });
  // The timeline has room in portrait (a 600–800 px high landscape tablet keeps it for the chart).
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto('/');
  await expect(card(page)).toHaveAttribute('data-status', 'Available');
  await expect(timeline(page)).toBeVisible();

  // The car arrives and charges.
  sim.setConnector(chargerId, 1, { status: 'Preparing' });
  await expect(card(page)).toHaveAttribute('data-status', 'Preparing');
  sim.setConnector(chargerId, 1, { status: 'Charging', power: 7.4 });
  await expect(card(page)).toHaveAttribute('data-status', 'Charging');
  await expectKinds(page, ['plugged_in', 'charging']);
  const plugged = timeline(page).locator('[data-kind=plugged_in]').last();
  await expect(plugged).toContainText('plugged in');
  // The time it happened, on the tablet's 24-hour clock.
  await expect(plugged.locator('time')).toHaveText(/^([01]\d|2[0-3]):[0-5]\d$/);

  // The car pauses, a fault comes and goes, the car leaves.
  sim.setConnector(chargerId, 1, { status: 'SuspendedEV' });
  await expect(card(page)).toHaveAttribute('data-status', 'SuspendedEV');
  sim.setConnector(chargerId, 1, { status: 'SuspendedEV', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current' });
  await expectKinds(page, ['suspended_ev', 'fault']);
  const fault = timeline(page).locator('[data-kind=fault]').last();
  await expect(fault).toHaveAttribute('data-tone', 'problem');
  await expect(fault).toContainText('Earth fault');
  sim.setConnector(chargerId, 1, { status: 'Available' });
  await expect(card(page)).toHaveAttribute('data-status', 'Available');
  await expectKinds(page, ['finished', 'unplugged']);
  await expect(timeline(page).locator('[data-kind=suspended_ev]').last()).toContainText('paused by car');

  // In German, too.
  await page.goto('/?lang=de');
  await expect(timeline(page).getByRole('heading', { name: 'Heute' })).toBeVisible();
  await expect(timeline(page).locator('[data-kind=plugged_in]').last()).toContainText('angesteckt');
});
