/**
 * Test helper run as a child process (crash.test.ts): writes bursts of 5-minute points through
 * the archive's own writer, one transaction per burst, and prints `committed <n>` after each
 * commit, until it is killed.
 */
import { createPowerWriter } from '../archive/power-writer.ts';
import { openArchiveStore } from '../archive/store.ts';

const path = process.argv[2]!;
const store = openArchiveStore(path);
const power = createPowerWriter(store);
const T0 = Date.parse('2026-01-01T00:00:00Z');
let n = (store.db.prepare('SELECT count(*) AS n FROM power').get() as { n: number }).n;
for (;;) {
  const burst = Array.from({ length: 50 }, (_, i) => ({ t: T0 + (n + i) * 300_000, values: { building: 1 + ((n + i) % 7), cluster: 0.5, connector1: 0.5 } }));
  power.write('platz13', burst);
  n += burst.length;
  process.stdout.write(`committed ${n}\n`);
}
