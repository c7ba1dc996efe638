/**
 * `npm test`'s first step: the production build the tests run against (dist/), made once, with
 * stand-in credentials in the environment so server/secrets-in-build.test.ts can check this very
 * build (server/ensure-build.ts). Nothing is built when dist/ is that build and up to date.
 */
import { buildIfNeeded } from '../server/ensure-build.ts';

await buildIfNeeded((line) => console.log(line));
