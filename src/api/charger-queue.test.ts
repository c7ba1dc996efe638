import { describe, expect, it } from 'vitest';
import { busyChargers, CHARGER_CONCURRENCY, queued } from './charger-queue.ts';

/** A task that runs until `finish()` is called, recording how many of its charger's run at once. */
function tracker() {
  let running = 0;
  let most = 0;
  const finishers: Array<() => void> = [];
  const task = () =>
    new Promise<string>((resolve) => {
      running++;
      most = Math.max(most, running);
      finishers.push(() => {
        running--;
        resolve('done');
      });
    });
  return { task, finishOne: () => finishers.shift()?.(), most: () => most, started: () => finishers.length };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('queued', () => {
  it('runs at most two tasks of one charger at a time, the rest in order as slots free', async () => {
    const t = tracker();
    const all = Promise.all(Array.from({ length: 7 }, () => queued('platz13', undefined, t.task)));
    await tick();
    expect(t.started()).toBe(CHARGER_CONCURRENCY);
    for (let i = 0; i < 7; i++) {
      t.finishOne();
      await tick();
    }
    expect(await all).toEqual(Array(7).fill('done'));
    expect(t.most()).toBe(CHARGER_CONCURRENCY);
    expect(busyChargers()).toBe(0); // nothing kept once idle
  });

  it('does not hold one charger up for another', async () => {
    const a = tracker();
    const b = tracker();
    const tasks = [queued('a', undefined, a.task), queued('a', undefined, a.task), queued('a', undefined, a.task), queued('b', undefined, b.task)];
    await tick();
    expect([a.started(), b.started()]).toEqual([2, 1]);
    for (let i = 0; i < 3; i++) {
      a.finishOne();
      await tick();
    }
    b.finishOne();
    await Promise.all(tasks);
    expect(busyChargers()).toBe(0);
  });

  it('gives up a waiting turn when its query is cancelled, and frees the slot after a failure', async () => {
    const t = tracker();
    const first = queued('c', undefined, t.task);
    const second = queued('c', undefined, t.task);
    const controller = new AbortController();
    const cancelled = queued('c', controller.signal, t.task);
    const fourth = queued('c', undefined, () => Promise.reject(new Error('charger unreachable')));
    const fifth = queued('c', undefined, t.task);
    controller.abort();
    await expect(cancelled).rejects.toBeDefined();
    t.finishOne();
    await expect(fourth).rejects.toThrow('charger unreachable');
    await tick();
    expect(t.started()).toBe(2); // the second and the fifth: the cancelled one never ran
    t.finishOne();
    t.finishOne();
    await Promise.all([first, second, fifth]);
    expect(busyChargers()).toBe(0);
  });
});
