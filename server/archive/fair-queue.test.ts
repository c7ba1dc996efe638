import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.ts';

describe('the fair queue', () => {
  it('serves waiting clients in turn, each in its own order', () => {
    const queue = new FairQueue<string>(64);
    for (const item of ['a1', 'a2', 'a3']) queue.push('a', item);
    queue.push('b', 'b1');
    queue.push('c', 'c1');
    queue.push('b', 'b2');
    const order = [];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) order.push(item);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    expect(queue.size).toBe(0);
  });

  it('refuses a client with too many waiting, and takes out what its client gave up', () => {
    const queue = new FairQueue<string>(2);
    expect(queue.push('a', 'a1')).toBe(true);
    expect(queue.push('a', 'a2')).toBe(true);
    expect(queue.push('a', 'a3')).toBe(false);
    expect(queue.push('b', 'b1')).toBe(true);
    expect(queue.remove('a', 'a1')).toBe(true);
    expect(queue.remove('a', 'a1')).toBe(false);
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual(['a2', 'b1', undefined]);
  });
});
