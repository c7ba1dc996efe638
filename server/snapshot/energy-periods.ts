/**
 * Today's and this month's energy of each charger, as the charger's calendar counts them: the
 * connectors' energy of the local day and month in the charger's own zone, read the same way the
 * power route answers `/power?step=1d` (so the card's "today" and the chart's day agree). Kept per
 * charger while someone holds it and read again as each of the archive's fills lands (every 5
 * minutes; a new archive's first fill makes the figures known as it lands), at once when a
 * session ends, and when the charger's day turns.
 */
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { formatIsoDate, localDateOf, startOfLocalDay } from '../../src/shared/time/local-calendar.ts';

export interface PeriodEnergy {
  todayKwh: number | null;
  monthKwh: number | null;
}

/** The connectors' kWh per local day from `fromMs` (a local midnight) to now, oldest first. */
export type DailyEnergyReader = (chargerId: string, fromMs: number, toMs: number) => Promise<{ days: Array<{ start: number; kwh: number | null }>; complete: boolean }>;

export interface EnergyPeriodsOptions {
  read: DailyEnergyReader;
  zoneOf: (chargerId: string) => string;
  /** How soon figures still unknown are read again (the archive's first fill may have landed by then). */
  retryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

interface Entry {
  value: PeriodEnergy;
  /** The charger's local date the value is for (`YYYY-MM-DD`); a new date makes it unknown. */
  day: string | null;
  holds: number;
  reading: Promise<void> | null;
  /** Asked again while a read was under way: that read may predate what changed, so one more follows. */
  again: boolean;
  retry: ReturnType<typeof setTimeout> | null;
  /** Session keys open at the last observed snapshot: one closing means new energy to count. */
  open: string;
}

const UNKNOWN: PeriodEnergy = { todayKwh: null, monthKwh: null };
export const ENERGY_RETRY_MS = 15_000;

export class EnergyPeriods {
  private readonly options: EnergyPeriodsOptions;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(chargerId: string) => void>();
  private closed = false;

  constructor(options: EnergyPeriodsOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** The figures now; unknown until the first read, and from the charger's midnight until the next. */
  of(chargerId: string): PeriodEnergy {
    const entry = this.entries.get(chargerId);
    if (!entry || entry.day !== this.dayKey(chargerId)) return UNKNOWN;
    return entry.value;
  }

  onChange(listener: (chargerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the figures at once, and again whenever the archive has taken in a fill (`archived`), while held. */
  hold(chargerIds: readonly string[]): () => void {
    for (const id of chargerIds) {
      const entry = this.entry(id);
      entry.holds += 1;
      if (entry.holds === 1) void this.refresh(id);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of chargerIds) {
        const entry = this.entry(id);
        entry.holds -= 1;
        if (entry.holds === 0 && entry.retry) {
          clearTimeout(entry.retry);
          entry.retry = null;
        }
      }
    };
  }

  /** Each new snapshot: a session that closed, or a day that turned, is read at once. */
  observe(chargerId: string, snapshot: ChargerSnapshot): void {
    const entry = this.entry(chargerId);
    const open = snapshot.connectors.ok
      ? snapshot.connectors.data
          .filter((c) => c.state.sessionOpen)
          .map((c) => c.key)
          .join(',')
      : entry.open;
    const closed = entry.open.split(',').some((key) => key !== '' && !open.split(',').includes(key));
    entry.open = open;
    if (closed || (entry.day !== null && entry.day !== this.dayKey(chargerId))) void this.refresh(chargerId);
  }

  /** The archive has taken in new energy: read again now, if anyone holds the figures. */
  archived(chargerId: string): void {
    if ((this.entries.get(chargerId)?.holds ?? 0) > 0) void this.refresh(chargerId);
  }

  /** Reads the figures again (one read at a time per charger); listeners hear of a change. */
  async refresh(chargerId: string): Promise<void> {
    const entry = this.entry(chargerId);
    if (entry.reading) {
      entry.again = true;
      return entry.reading;
    }
    entry.reading = (async () => {
      do {
        entry.again = false;
        await this.read(chargerId, entry);
      } while (entry.again && !this.closed);
    })().finally(() => {
      entry.reading = null;
    });
    return entry.reading;
  }

  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) if (entry.retry) clearTimeout(entry.retry);
    this.listeners.clear();
  }

  private async read(chargerId: string, entry: Entry): Promise<void> {
    const zone = this.options.zoneOf(chargerId);
    const now = this.now();
    const today = localDateOf(now, zone);
    const monthStart = startOfLocalDay({ ...today, day: 1 }, zone);
    const todayStart = startOfLocalDay(today, zone);
    let value: PeriodEnergy;
    try {
      const answer = await this.options.read(chargerId, monthStart, now);
      const todayStep = answer.days.find((d) => d.start === todayStart);
      // No step for today in a complete answer: no 5-minute slot of it has ended yet, nothing
      // charged; in an incomplete one, unknown.
      const todayKwh = todayStep ? todayStep.kwh : answer.complete ? 0 : null;
      // A month with a part nobody could read is not known, today's day still is.
      const monthKwh = answer.complete && todayKwh !== null ? round(answer.days.reduce((sum, d) => sum + (d.kwh ?? 0), 0)) : null;
      value = { todayKwh: todayKwh === null ? null : round(todayKwh), monthKwh };
    } catch (error) {
      this.options.log?.(`charger ${chargerId}: today's energy could not be read: ${error instanceof Error ? error.message : String(error)}`);
      value = UNKNOWN;
    }
    if (this.closed) return;
    const unknown = value.todayKwh === null || value.monthKwh === null;
    if (!unknown && entry.retry) {
      clearTimeout(entry.retry);
      entry.retry = null;
    }
    // Still unknown (the archive not filled yet, the charger away): asked again soon, not in 5 minutes.
    if (unknown && entry.holds > 0 && !entry.retry) {
      entry.retry = setTimeout(() => {
        entry.retry = null;
        void this.refresh(chargerId);
      }, this.options.retryMs ?? ENERGY_RETRY_MS);
      entry.retry.unref?.();
    }
    const day = formatIsoDate(today);
    const changed = entry.day !== day || entry.value.todayKwh !== value.todayKwh || entry.value.monthKwh !== value.monthKwh;
    entry.value = value;
    entry.day = day;
    if (changed) for (const listener of [...this.listeners]) listener(chargerId);
  }

  private dayKey(chargerId: string): string {
    return formatIsoDate(localDateOf(this.now(), this.options.zoneOf(chargerId)));
  }

  private entry(chargerId: string): Entry {
    let entry = this.entries.get(chargerId);
    if (!entry) {
      entry = { value: UNKNOWN, day: null, holds: 0, reading: null, again: false, retry: null, open: '' };
      this.entries.set(chargerId, entry);
    }
    return entry;
  }
}

/** Energy to the Wh: enough for a card that shows 0.1 kWh and totals that must agree to 0.01. */
function round(kwh: number): number {
  return Math.round(kwh * 1000) / 1000;
}
