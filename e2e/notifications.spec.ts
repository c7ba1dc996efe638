/**
 * The settings screen's notification targets and test message in real Chromium: a server of the
 * test's own sends to a webhook receiver on loopback; the screen lists the target without its
 * secret path, asks for the admin PIN, and shows the receiver's answer.
 */
import { DIST_DIR } from '../server/paths.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { startReceiver, type Receiver } from '../server/test-support/http-receiver.ts';
import { expect, test } from './fixtures.ts';

let receiver: Receiver;
let server: RunningServer;

test.beforeAll(async () => {
  receiver = await startReceiver();
  server = await startServer({
    env: {
      SIMULATOR_CHARGERS: '1',
      SIMULATOR_SEED: '7',
      CHARGER_TIMEZONE: 'Europe/Berlin',
      WEBHOOK_URL: `${receiver.url}/api/webhook/e2e-secret-hook`,
      NOTIFY_LANGUAGE: 'de',
      ADMIN_PIN: '2468',
    },
    distDir: DIST_DIR,
    port: 0,
    host: '127.0.0.1',
  });
});

test.afterAll(async () => {
  await server?.close();
  await receiver?.stop();
});

test('the settings screen lists the notification target and sends a test message with the admin PIN', async ({ page }) => {
  await page.goto(`${server.url}/sessions?lang=en`);
  const section = page.getByTestId('notification-settings');
  await expect(section.getByTestId('notification-targets')).toHaveText(`Webhook: ${receiver.url}`);
  await expect(section).not.toContainText('e2e-secret-hook');
  await expect(section).toContainText('Tells: charging finished, faults, a charger unreachable for more than 10 min.');

  await section.getByLabel('Admin PIN').fill('1111');
  await section.getByRole('button', { name: 'Send a test message' }).click();
  await expect(section.getByRole('alert')).toHaveText('The admin PIN was not accepted.');
  expect(receiver.requests).toEqual([]);

  await section.getByLabel('Admin PIN').fill('2468');
  await section.getByRole('button', { name: 'Send a test message' }).click();
  await expect(section.getByRole('status')).toHaveText('Webhook: delivered');
  // The message itself is in the server's configured language.
  expect(receiver.requests.map((r) => [r.path, r.json.event_type, r.json.title])).toEqual([['/api/webhook/e2e-secret-hook', 'test', 'Testnachricht vom Lade-Dashboard']]);

  // A receiver that is down: the screen says so, the page goes on.
  await receiver.stop();
  await section.getByRole('button', { name: 'Send a test message' }).click();
  await expect(section.getByRole('status')).toHaveText(/^Webhook: not delivered \(.+\)$/);
});
