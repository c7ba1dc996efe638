import { expect, test } from './fixtures.ts';

test('the page shows live data from the simulated charger, marked as simulated', async ({ page, server }) => {
  const chargers = await (await page.request.get('/api/chargers')).json();
  expect(chargers.chargers).toEqual([{ id: expect.any(String), name: expect.any(String), simulated: true, timeZone: 'Europe/Berlin' }]);

  await page.goto('/');
  const card = page.getByTestId('connector-card').first();
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-status', /\S+/);
  await expect(page.getByTestId('simulated-badge')).toBeVisible();

  // What the card shows is what the charger says right now, and what its snapshot means (read
  // again until they agree: the simulated household may change its state between the reads).
  await expect(async () => {
    const status = await (await page.request.get(`/api/chargers/${chargers.chargers[0].id}/generalStatus`)).json();
    await expect(card).toHaveAttribute('data-status', status.evses[0].connectors[0].onlineData.status, { timeout: 2_000 });
    const snapshot = await (await page.request.get(`/api/chargers/${chargers.chargers[0].id}/snapshot`)).json();
    await expect(card).toHaveAttribute('data-state', snapshot.connectors.data[0].state.kind, { timeout: 2_000 });
  }).toPass();
  expect(server.simulator).not.toBeNull();
});

test('the charger list is asked for once, with the page: the app uses the preloaded answer', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/chargers') asked.push(request.resourceType());
  });
  await page.goto('/');
  await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S+/);
  // Without the preload the app asks itself ('fetch'); with an unused one it would ask twice.
  expect(asked).toEqual(['other']);
});
