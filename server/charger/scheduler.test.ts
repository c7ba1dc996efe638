import { describe, expect, it } from 'vitest';
import { ARCHIVE_CLIENT, ClientGoneError, ConnectionScheduler, QueueFullError, type Release } from './scheduler.ts';

/** Acquires and records the order in which grants arrive. */
function recorder(scheduler: ConnectionScheduler) {
  const order: string[] = [];
  const releases = new Map<string, Release>();
  const history = (client: string, label: string) =>
    scheduler.acquireHistory(client).then((release) => {
      order.push(label);
      releases.set(label, release);
    });
  const priority = (label: string) =>
    scheduler.acquirePriority().then((release) => {
      order.push(label);
      releases.set(label, release);
    });
  const release = async (label: string) => {
    releases.get(label)!();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { order, history, priority, release };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ConnectionScheduler', () => {
  it('keeps one connection free of history for the status', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 2, maxWaitingPerClient: 100 });
    const r = recorder(scheduler);
    for (let i = 0; i < 5; i++) void r.history('flood', `flood${i}`);
    await settle();
    expect(r.order).toEqual(['flood0']);
    void r.priority('status');
    await settle();
    expect(r.order).toEqual(['flood0', 'status']);
    expect(scheduler.load()).toEqual({ busy: 2, historyBusy: 1, waiting: 4 });
  });

  it('serves waiting clients round-robin, so a flood delays only its sender', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 2, maxWaitingPerClient: 100 });
    const r = recorder(scheduler);
    for (let i = 0; i < 4; i++) void r.history('flood', `flood${i}`);
    await settle();
    void r.history('tablet', 'tablet0');
    void r.history('phone', 'phone0');
    void r.history('tablet', 'tablet1');
    await settle();
    for (const label of ['flood0', 'flood1', 'tablet0', 'phone0', 'flood2']) {
      await r.release(label);
      await settle();
    }
    expect(r.order).toEqual(['flood0', 'flood1', 'tablet0', 'phone0', 'flood2', 'tablet1']);
  });

  it('gives a waiting priority request the next free connection before any history', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 1, maxWaitingPerClient: 100 });
    const r = recorder(scheduler);
    void r.history('a', 'a0');
    void r.history('a', 'a1');
    await settle();
    void r.priority('login');
    await settle();
    await r.release('a0');
    await settle();
    expect(r.order).toEqual(['a0', 'login']);
  });

  it('serves the archive only when no screen’s history waits', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 2, maxWaitingPerClient: 100 });
    const r = recorder(scheduler);
    void r.history(ARCHIVE_CLIENT, 'archive0');
    await settle();
    void r.history(ARCHIVE_CLIENT, 'archive1');
    void r.history('tablet', 'tablet0');
    void r.history('tablet', 'tablet1');
    await settle();
    await r.release('archive0');
    await settle();
    await r.release('tablet0');
    await settle();
    await r.release('tablet1');
    await settle();
    expect(r.order).toEqual(['archive0', 'tablet0', 'tablet1', 'archive1']);
  });

  it('refuses a client’s request beyond its waiting limit, and only that client’s', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 2, maxWaitingPerClient: 2 });
    void scheduler.acquireHistory('flood'); // takes the history connection
    void scheduler.acquireHistory('flood');
    void scheduler.acquireHistory('flood');
    await expect(scheduler.acquireHistory('flood')).rejects.toBeInstanceOf(QueueFullError);
    const other = scheduler.acquireHistory('tablet');
    expect(scheduler.load().waiting).toBe(3);
    void other;
  });

  it('a release counts once, however often it is called', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 2, maxWaitingPerClient: 10 });
    const release = await scheduler.acquirePriority();
    release();
    release();
    expect(scheduler.load()).toEqual({ busy: 0, historyBusy: 0, waiting: 0 });
  });

  it('drops a waiting request whose asker went away; it is never granted', async () => {
    const scheduler = new ConnectionScheduler({ chargerId: 'c', connections: 2, maxWaitingPerClient: 10 });
    const first = await scheduler.acquireHistory('flood');
    const gone = new AbortController();
    const abandoned = scheduler.acquireHistory('flood', gone.signal);
    const next = scheduler.acquireHistory('tablet');
    gone.abort();
    await expect(abandoned).rejects.toBeInstanceOf(ClientGoneError);
    expect(scheduler.load().waiting).toBe(1);
    first();
    await next;
    expect(scheduler.load()).toEqual({ busy: 1, historyBusy: 1, waiting: 0 });
  });
});
