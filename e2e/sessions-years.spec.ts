/**
 * A history of years: past years are read in one piece each (date-range.ts `historyPieces`), the
 * current year month by month. Against a simulator with ~2.5 years of sessions behind our server,
 * the page's totals must be exactly the simulator's sessions of the range, across the year seams.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { filterTime, hundredths, readTotalUnits } from './sessions-helpers.ts';
import { ZONE } from './world.ts';

// The simulator's clock stands still: a session running now would otherwise add energy between
// the test's own read and the page's, and the totals differ by a hundredth.
test.use({ simulatorSeed: 11, simulatorOptions: { historyDays: 900, clockRate: 0 } });

const berlinYear = (ms: number) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric' }).format(ms));

/** Every session of the simulated history, straight from our API, page by page. */
async function allSessions(request: APIRequestContext, chargerId: string, now: number) {
  const sessions: { chargingSessionId: number; chargingStartedTime: string; activeEnergyConsumed: number }[] = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({
      pageSize: '500',
      pageNumber: String(page),
      orderByColumn: 'chargingStartedTime',
      orderDirection: 'Ascending',
      chargingStartedTimeFrom: filterTime(now - 1000 * 86_400_000),
      chargingStartedTimeTo: filterTime(now + 2 * 86_400_000),
    });
    const answer = await (await request.get(`/api/chargers/${chargerId}/chargingSession?${query}`)).json();
    sessions.push(...answer.content);
    if (page >= answer.pagingInfo.pageCount) return sessions;
  }
}

test('"last year" and a range over three calendar years total exactly the simulator’s sessions', async ({ page, world }) => {
  const chargerId = (await (await page.request.get('/api/chargers')).json()).chargers[0].id;
  const sessions = await allSessions(page.request, chargerId, world.start);
  const thisYear = berlinYear(world.start);
  /** The sessions that started in the Berlin years `first`…`last`: how many, and their kWh in hundredths. */
  const expectFor = (first: number, last: number) => {
    const picked = sessions.filter((s) => {
      const year = berlinYear(Date.parse(s.chargingStartedTime));
      return year >= first && year <= last;
    });
    return { count: picked.length, units: picked.reduce((sum, s) => sum + hundredths(s.activeEnergyConsumed), 0) };
  };

  const lastYear = expectFor(thisYear - 1, thisYear - 1);
  expect(lastYear.count, 'the simulator has a year of sessions behind it').toBeGreaterThan(200);
  await page.goto('/sessions?range=last-year&size=10');
  expect(await readTotalUnits(page)).toBe(lastYear.units);
  await expect(page.getByTestId('sessions-total-count')).toHaveText(lastYear.count.toLocaleString('en-GB'));
  await expect(page.getByTestId('month-summary')).toHaveCount(12);

  // From the first of January two years back to the end of this year: two past years, each one
  // piece, and this year's months.
  const three = expectFor(thisYear - 2, thisYear);
  await page.goto(`/sessions?range=custom&from=${thisYear - 2}-01-01&to=${thisYear}-12-31&size=10`);
  expect(await readTotalUnits(page)).toBe(three.units);
  await expect(page.getByTestId('sessions-total-count')).toHaveText(three.count.toLocaleString('en-GB'));
});
