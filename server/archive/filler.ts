/**
 * Fills one charger's archive from the charger: every 5 minutes the new sessions and power, and
 * on the first start (backfill) or after downtime (catch-up) everything the charger still has
 * that the archive lacks. One request at a time, each through the client's fair queue as
 * `archive`, so screens are served first. A past day is archived complete only once the charger
 * has answered for it (an empty answer is an answer: "nothing that day"); silence, a refusal or
 * a failure leaves the day missing, to be asked again, however many days around it are empty.
 */
import { UpstreamError } from '../charger/upstream-error.ts';
import { DEFAULT_ARCHIVE_HORIZON_DAYS } from '../config.ts';
import { addDays, formatIsoDate } from '../../src/shared/time/local-calendar.ts';
import { ChargerAnswerError, readPower, readSessionPage, type HistoryClient } from './charger-reader.ts';
import { dayAt, dayOf } from './local-days.ts';
import type { PowerWriter } from './power-writer.ts';
import type { SessionWriter } from './session-writer.ts';
import type { ArchiveStore } from './store.ts';
import { MAX_SESSION_PAGES } from './charger-reader.ts';

export const FILL_INTERVAL_MS = 5 * 60_000;
/** A day is final this long after its end: the charger has written its last point. */
export const DAY_SETTLE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/**
 * Each round reads the sessions that started from the newest archived one, less this, to now: a
 * session the charger wrote late, or whose start we saw before it was final, is read again.
 */
export const SESSION_OVERLAP_MS = DAY_MS;
/** Sessions still open this long after their start are taken as the charger's leftovers, not re-read for ever. */
export const OPEN_SESSION_WINDOW_MS = 7 * DAY_MS;
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
  /**
   * How far back, in days before today, a new charger's sessions are read and its power is
   * walked back to (ARCHIVE_HORIZON_DAYS); the power walk stops earlier, at the day of the
   * oldest archived session.
   */
  horizonDays?: number;
  intervalMs?: number;
  now?: () => number;
  log?: (line: string) => void;
  /** After each fill, whatever it achieved: what is read from the archive may have changed. */
  onFilled?: () => void;
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

  /**
   * The oldest local day the power backfill walks back to: the day of the oldest archived session,
   * but no further than the horizon; the horizon itself while no session is archived.
   */
  backfillFrom(now: number = this.now()): string {
    const zone = this.zone();
    const horizon = dayAt(now - this.horizonDays() * DAY_MS, zone).key;
    const { oldest } = this.options.sessions.startSpan(this.options.chargerId);
    if (oldest === null) return horizon;
    const first = dayAt(oldest, zone).key;
    return first > horizon ? first : horizon;
  }

  private horizonDays(): number {
    return this.options.horizonDays ?? DEFAULT_ARCHIVE_HORIZON_DAYS;
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
      if (!this.stopped) this.options.onFilled?.();
    }
  }

  /**
   * Sessions are always read in a window of charging starts, 100 a page, newest first, as the
   * charger's own web page asks: each round from the newest archived session (less an overlap,
   * and back to any recent session still open) to now; until the whole history has been read
   * (the backfill), also from the horizon to the oldest archived session, so a backfill cut off
   * by a restart goes on where it stopped.
   */
  private async fillSessions(): Promise<void> {
    const { chargerId, sessions } = this.options;
    const started = this.now();
    const { oldest, newest } = sessions.startSpan(chargerId);
    if (newest !== null) {
      const open = sessions.openStarts(chargerId, started - OPEN_SESSION_WINDOW_MS);
      if (!(await this.readSessionWindow(Math.min(newest - SESSION_OVERLAP_MS, ...open), started))) return;
    }
    if (this.progress('sessionsComplete') !== '1') {
      this.backfilling = true;
      const to = oldest === null ? started : oldest + SESSION_OVERLAP_MS;
      if (!(await this.readSessionWindow(started - this.horizonDays() * DAY_MS, to))) return;
      this.setProgress('sessionsComplete', '1');
    }
    if (!this.options.store.full) this.setProgress('sessionsSyncedAt', String(started));
  }

  /** Every page of the sessions that started in [fromMs, toMs]; false when stopped or the archive took no more. */
  private async readSessionWindow(fromMs: number, toMs: number): Promise<boolean> {
    const { chargerId, client, sessions } = this.options;
    for (let page = 1; page <= MAX_SESSION_PAGES; page++) {
      if (this.stopped) return false;
      const answer = await readSessionPage(client, page, { fromMs, toMs });
      if (sessions.write(chargerId, answer.content) === undefined) return false;
      if (answer.content.length === 0 || page >= answer.pagingInfo.pageCount) break;
    }
    return !this.stopped;
  }

  /**
   * Today's points so far, then every past day the charger has not answered for yet, newest
   * first, back to `backfillFrom()`: a gap of any length (a car away for weeks, a first install
   * after a holiday) is walked through, since only the charger's answer says a day is empty.
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

    const answered = power.completeDays(chargerId);
    const oldest = this.backfillFrom(now);
    for (let date = addDays(today.date, -1), key = formatIsoDate(date); key >= oldest && !this.stopped; date = addDays(date, -1), key = formatIsoDate(date)) {
      if (answered.has(key)) continue;
      const refused = this.refusedDays.get(key);
      if (refused && this.now() < refused.retryAt) continue;
      this.backfilling = true;
      const day = dayOf(date, zone);
      let points;
      try {
        points = await readPower(client, day.startMs, day.endMs, measure);
      } catch (error) {
        // A day the charger refuses (or answers badly) must not hold back the older days; a
        // failure of the charger itself ends this round.
        if (!refusedForItsOwnSake(error)) throw error;
        this.refuse(key, error);
        continue;
      }
      this.refusedDays.delete(key);
      // The zone changed while the charger answered: this day is not a day of the new zone.
      if (this.zone() !== zone) return;
      // Answered: complete once the day has settled, with what the charger holds, even nothing.
      const settled = this.now() >= day.endMs + DAY_SETTLE_MS;
      if (power.write(chargerId, points, settled ? [{ day: key, points: points.length }] : []) === undefined) return;
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

