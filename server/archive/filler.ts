/**
 * Fills one charger's archive from the charger: every 5 minutes the new sessions and power, and
 * on the first start (backfill) or after downtime (catch-up) everything the charger still has
 * that the archive lacks. One request at a time, each through the client's fair queue as
 * `archive`, so screens are served first. A past day archived complete is never asked again.
 */
import { UpstreamError } from '../charger/upstream-error.ts';
import { ChargerAnswerError, readPower, readSessionPage, type HistoryClient } from './charger-reader.ts';
import { dayAt, previousDay, type LocalDay } from './local-days.ts';
import type { PowerWriter } from './power-writer.ts';
import type { SessionWriter } from './session-writer.ts';
import type { ArchiveStore } from './store.ts';
import { MAX_SESSION_PAGES } from './charger-reader.ts';

export const FILL_INTERVAL_MS = 5 * 60_000;
/** A day is final this long after its end: the charger has written its last point. */
export const DAY_SETTLE_MS = 10 * 60_000;
/** Consecutive days without a point that mark where the charger's memory ends. */
const EMPTY_DAYS_AT_FLOOR = 2;
/** A past day the charger refuses or answers badly is asked again after this, doubling up to a day. */
const REFUSED_DAY_RETRY_MS = FILL_INTERVAL_MS;
const REFUSED_DAY_MAX_RETRY_MS = 24 * 3_600_000;

export interface FillerOptions {
  chargerId: string;
  client: HistoryClient;
  store: ArchiveStore;
  sessions: SessionWriter;
  power: PowerWriter;
  /** The charger's zone now (asked at each fill; a change during one ends its power round). */
  zone: string | (() => string);
  /** Comma list of measures to archive, from the charger's connectors. */
  measure: () => string;
  /** Oldest day asked while backfilling, in days before today. */
  maxDays?: number;
  intervalMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export class ArchiveFiller {
  /** The first fill or a catch-up is under way. */
  backfilling = false;
  lastError: string | null = null;
  /** Fills finished so far (the health counts are recomputed after each). */
  fills = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly progressGet;
  private readonly progressSet;
  private readonly now: () => number;
  /** Past days whose read failed for the request's own sake: when each may be asked again. */
  private readonly refusedDays = new Map<string, { failures: number; retryAt: number }>();

  private readonly zone: () => string;

  constructor(private readonly options: FillerOptions) {
    this.now = options.now ?? Date.now;
    const { zone } = options;
    this.zone = typeof zone === 'string' ? () => zone : zone;
    this.progressGet = options.store.db.prepare<[number, string], { value: string }>('SELECT value FROM progress WHERE charger = ? AND key = ?');
    this.progressSet = options.store.db.prepare('INSERT INTO progress (charger, key, value) VALUES (?, ?, ?) ON CONFLICT (charger, key) DO UPDATE SET value = excluded.value');
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      void this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs ?? FILL_INTERVAL_MS);
      });
    };
    loop();
  }

  /** Runs a fill now (or joins the one under way). */
  tick(): Promise<void> {
    if (!this.running) {
      this.running = this.fill().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  progress(key: string): string | null {
    return this.progressGet.get(this.options.store.chargerKey(this.options.chargerId), key)?.value ?? null;
  }

  private setProgress(key: string, value: string): void {
    const charger = this.options.store.chargerKey(this.options.chargerId);
    this.options.store.write(() => this.progressSet.run(charger, key, value));
  }

  private async fill(): Promise<void> {
    try {
      await this.fillSessions();
      // A full disk: nothing more this time; the next fill tries again.
      if (!this.options.store.full) await this.fillPower();
      if (this.lastError) this.options.log?.(`archive: charger ${this.options.chargerId}: filling again`);
      this.lastError = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.lastError !== message && !this.stopped) this.options.log?.(`archive: charger ${this.options.chargerId}: ${message}; tried again in 5 minutes`);
      this.lastError = message;
    } finally {
      this.backfilling = false;
      this.fills += 1;
    }
  }

  /**
   * Newest first until a page holds only sessions archived as final, once the whole history has
   * been read; before that (backfill), every page.
   */
  private async fillSessions(): Promise<void> {
    const { chargerId, sessions } = this.options;
    const started = this.now();
    const complete = this.progress('sessionsComplete') === '1';
    if (!complete) this.backfilling = true;
    const finals = sessions.finalIds(chargerId);
    for (let page = 1; page <= MAX_SESSION_PAGES && !this.stopped; page++) {
      const answer = await readSessionPage(this.options.client, page);
      if (sessions.write(chargerId, answer.content) === undefined) return;
      const last = answer.content.length === 0 || page >= answer.pagingInfo.pageCount;
      if (last) {
        if (!complete) this.setProgress('sessionsComplete', '1');
        break;
      }
      if (complete && answer.content.every((s) => finals.has(s.chargingSessionId))) break;
    }
    if (!this.stopped && !this.options.store.full) this.setProgress('sessionsSyncedAt', String(started));
  }

  /**
   * Today's points so far, then every past day not archived complete, newest first, back to
   * where the charger's memory ends (two days without a point) or `maxDays`.
   */
  private async fillPower(): Promise<void> {
    const { chargerId, client, power } = this.options;
    const zone = this.zone();
    const now = this.now();
    const measure = this.options.measure();
    const today = dayAt(now, zone);
    const todayPoints = await readPower(client, today.startMs, Math.min(today.endMs, now + 1), measure);
    if (power.write(chargerId, todayPoints) === undefined) return;
    this.setProgress('powerSyncedTo', String(now));

    const done = power.completeDays(chargerId);
    const floor = this.progress('powerFloor');
    const maxDays = this.options.maxDays ?? 4000;
    let empty = 0;
    let day: LocalDay = previousDay(today, zone);
    for (let n = 1; n <= maxDays && !this.stopped; n++, day = previousDay(day, zone)) {
      if (floor !== null && day.key < floor) break;
      if (done.has(day.key)) {
        empty = 0;
        continue;
      }
      const refused = this.refusedDays.get(day.key);
      if (refused && this.now() < refused.retryAt) continue;
      this.backfilling = true;
      let points;
      try {
        points = await readPower(client, day.startMs, day.endMs, measure);
      } catch (error) {
        // A day the charger refuses (or answers badly) must not hold back the older days; a
        // failure of the charger itself ends this round.
        if (!refusedForItsOwnSake(error)) throw error;
        this.refuse(day.key, error);
        continue;
      }
      this.refusedDays.delete(day.key);
      // The zone changed while the charger answered: this day is not a day of the new zone.
      if (this.zone() !== zone) return;
      const settled = this.now() >= day.endMs + DAY_SETTLE_MS;
      if (power.write(chargerId, points, settled ? [{ day: day.key, points: points.length }] : []) === undefined) return;
      empty = points.length === 0 ? empty + 1 : 0;
      if (empty >= EMPTY_DAYS_AT_FLOOR && floor === null) {
        // The charger's memory ends here; older days are not asked again.
        this.setProgress('powerFloor', day.key);
        break;
      }
    }
  }

  private refuse(dayKey: string, error: Error): void {
    const failures = (this.refusedDays.get(dayKey)?.failures ?? 0) + 1;
    const wait = Math.min(REFUSED_DAY_RETRY_MS * 2 ** (failures - 1), REFUSED_DAY_MAX_RETRY_MS);
    this.refusedDays.set(dayKey, { failures, retryAt: this.now() + wait });
    if (failures === 1) this.options.log?.(`archive: charger ${this.options.chargerId}: power of ${dayKey} not archived (${error.message}); asked again later`);
  }
}

function refusedForItsOwnSake(error: unknown): error is Error {
  return error instanceof ChargerAnswerError || error instanceof SyntaxError || (error instanceof UpstreamError && error.scope === 'request');
}

/** The local day an instant falls on, for tests and readers. */
export { dayAt };
