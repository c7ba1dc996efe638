import { buildIfNeeded } from '../server/ensure-build.ts';
import { buildFixturePage } from './fixture-page/open.ts';

/**
 * The tests drive the production build, served by our server like `npm start` does; the layout
 * tests also use the fixture page (the same app fed by the tests), built beside it.
 */
export default async function globalSetup(): Promise<void> {
  await buildIfNeeded((line) => console.log(line));
  await buildFixturePage((line) => console.log(line));
}
