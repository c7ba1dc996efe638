/**
 * A server's clock in tests (startServer's `now`): the machine's time, or held still where a test
 * counts on a pause lasting however slow the machine is; either is moved on by hand past a pause
 * instead of the test sleeping through it.
 */
export interface TestClock {
  now(): number;
  /** Moves the clock on by `ms`. */
  advance(ms: number): void;
}

export function testClock({ stopped = false }: { stopped?: boolean } = {}): TestClock {
  const startedAt = Date.now();
  let aheadMs = 0;
  return {
    now: () => (stopped ? startedAt : Date.now()) + aheadMs,
    advance(ms) {
      aheadMs += ms;
    },
  };
}
