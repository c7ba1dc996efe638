/** Rewrites the server's JSON answers to a page's requests, for states the simulator cannot reach. */
import type { Page } from '@playwright/test';

/**
 * The page may drop a request while its answer is being fetched here (a poll cancelled by the
 * page, a navigation, the test's end closing the page): Playwright then reports the response or
 * the route as gone. Nothing is left to answer, and that is not the test's failure; a rewrite
 * that never arrives still fails the test through what the page then shows.
 */
const REQUEST_GONE = /has been disposed|has been closed|already handled/i;

export async function rewriteJsonAnswers<T>(page: Page, url: string, rewrite: (body: T) => T): Promise<void> {
  await page.route(url, async (route) => {
    try {
      const response = await route.fetch();
      const body = rewrite((await response.json()) as T);
      await route.fulfill({ response, json: body });
    } catch (error) {
      if (error instanceof Error && REQUEST_GONE.test(error.message)) return;
      throw error;
    }
  });
}
