import { buildIfNeeded } from '../server/ensure-build.ts';

/** The tests drive the production build, served by our server like `npm start` does. */
export default async function globalSetup(): Promise<void> {
  await buildIfNeeded((line) => console.log(line));
}
