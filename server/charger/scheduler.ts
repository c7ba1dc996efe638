/**
 * Who gets the charger's connections next. The charger's web server is small, so we keep a few
 * connections to it and decide ourselves which request goes out on a free one:
 *
 * - Priority requests (the status and the login) may use every connection; history requests may
 *   use all but one. So one connection is always free of history, and the status never waits
 *   behind a slow history query.
 * - History requests wait in one queue per client (`clientKey`: the remote address, or a page),
 *   served round-robin, so a client that sends forty slow queries delays itself, and each other
 *   client's next query goes out on the next free connection.
 * - The archive's queue (`ARCHIVE_CLIENT`) is served only when no screen's history is waiting.
 *
 * A request's timer starts once it has a connection (see ChargerClient), so every request gets
 * its full time at the charger however long it queued.
 */

/** The fair-queue key of the server's own archive: lowest priority. */
export const ARCHIVE_CLIENT = 'archive';

/** A client has too many history requests waiting for this charger; answered with 429. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
  constructor(
    readonly chargerId: string,
    readonly waiting: number,
  ) {
    super(`too many history requests from this client are waiting for the charger (${waiting}); try again shortly`);
  }
}

/**
 * Every client that asked for a history request went away before it got a connection: it is
 * dropped from its queue and never sent, so an abandoned flood costs the charger nothing.
 */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
  constructor() {
    super('the client went away before its request was sent');
  }
}

export interface SchedulerOptions {
  chargerId: string;
  /** Connections to the charger. With one, the status goes first but may wait for a running query. */
  connections: number;
  /** History requests one client may have waiting per charger; the archive is not limited. */
  maxWaitingPerClient: number;
}

export type Release = () => void;
type Grant = (release: Release) => void;

export class ConnectionScheduler {
  private busy = 0;
  private historyBusy = 0;
  private readonly historyLimit: number;
  private readonly priority: Grant[] = [];
  /** One FIFO per client; the Map's order is the round-robin order (served clients move last). */
  private readonly screens = new Map<string, Grant[]>();
  private readonly archive: Grant[] = [];

  constructor(private readonly options: SchedulerOptions) {
    this.historyLimit = Math.max(1, options.connections - 1);
  }

  /** The status and the login: the next free connection, before any waiting history request. */
  acquirePriority(): Promise<Release> {
    return new Promise((grant) => {
      this.priority.push(grant);
      this.dispatch();
    });
  }

  /** `signal`: the request is no longer wanted; while it still waits, it leaves its queue. */
  acquireHistory(clientKey: string, signal?: AbortSignal): Promise<Release> {
    const archive = clientKey === ARCHIVE_CLIENT;
    const queue = archive ? this.archive : (this.screens.get(clientKey) ?? []);
    if (!archive && queue.length >= this.options.maxWaitingPerClient) {
      return Promise.reject(new QueueFullError(this.options.chargerId, queue.length));
    }
    if (signal?.aborted) return Promise.reject(new ClientGoneError());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = queue.indexOf(grant);
        if (index < 0) return;
        queue.splice(index, 1);
        if (!archive && queue.length === 0 && this.screens.get(clientKey) === queue) this.screens.delete(clientKey);
        reject(new ClientGoneError());
      };
      const grant: Grant = (release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(grant);
      if (!archive) this.screens.set(clientKey, queue);
      this.dispatch();
    });
  }

  /** How many requests hold a connection and how many wait; for tests and health. */
  load(): { busy: number; historyBusy: number; waiting: number } {
    let waiting = this.priority.length + this.archive.length;
    for (const queue of this.screens.values()) waiting += queue.length;
    return { busy: this.busy, historyBusy: this.historyBusy, waiting };
  }

  private dispatch(): void {
    while (this.busy < this.options.connections) {
      const priority = this.priority.shift();
      if (priority) {
        this.grant(priority, false);
        continue;
      }
      if (this.historyBusy >= this.historyLimit) return;
      const next = this.nextScreen() ?? this.archive.shift();
      if (!next) return;
      this.grant(next, true);
    }
  }

  /** The first waiting client's oldest request; that client then moves to the end of the round. */
  private nextScreen(): Grant | undefined {
    for (const [clientKey, queue] of this.screens) {
      const grant = queue.shift();
      this.screens.delete(clientKey);
      if (queue.length > 0) this.screens.set(clientKey, queue);
      if (grant) return grant;
    }
    return undefined;
  }

  private grant(grant: Grant, history: boolean): void {
    this.busy += 1;
    if (history) this.historyBusy += 1;
    let released = false;
    grant(() => {
      if (released) return;
      released = true;
      this.busy -= 1;
      if (history) this.historyBusy -= 1;
      this.dispatch();
    });
  }
}
