import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ZoneClock } from './time-zone.ts';

const run = promisify(execFile);
const ZURICH = new ZoneClock('Europe/Zurich');
const UNIT_START_MINUTE = 600;

interface ProbeSession {
  id: number;
  connected: string;
  started: string;
  disconnected: string | null;
}
interface Probe {
  processOffsetMinutes: number;
  all: ProbeSession[];
  oneDay: ProbeSession[];
  historyStart: string;
  cliStartTime: number | null;
}

/** The probe in a process of its own whose zone is `tz`. */
async function probeIn(tz: string): Promise<Probe> {
  const probe = fileURLToPath(new URL('../test-support/simulator-zone-probe.ts', import.meta.url));
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], { cwd: root, env: { ...process.env, TZ: tz } });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Probe;
}

/** The Zurich unit (10:00 to 10:00) an instant falls in, as the local day it starts on. */
function zurichUnit(ms: number): number {
  const day = ZURICH.localDay(ms);
  return ZURICH.localMinuteOfDay(ms) < UNIT_START_MINUTE ? day - 1 : day;
}

describe('a charger zone unlike the process zone', () => {
  it('keeps the filter times, the 10:00 units and the start time in the chargers\' zone whatever TZ the process has', async () => {
    const [utc, auckland] = await Promise.all([probeIn('UTC'), probeIn('Pacific/Auckland')]);
    // The children really ran in those zones (Auckland is 13 h ahead in November) …
    expect(utc.processOffsetMinutes).toBe(0);
    expect(auckland.processOffsetMinutes).toBe(-13 * 60);
    // … and answered alike.
    expect({ ...auckland, processOffsetMinutes: null }).toEqual({ ...utc, processOffsetMinutes: null });

    const { all, oneDay } = utc;
    expect(all.length).toBeGreaterThan(20);
    // A zone-less filter time is a Zurich wall-clock time: exactly the sessions started on
    // Zurich's 15 November, the late-evening ones included (on another day in Auckland).
    const day = Date.UTC(2025, 10, 15) / 86_400_000;
    const expected = all.filter((s) => ZURICH.localDay(Date.parse(s.started)) === day).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(oneDay.map((s) => s.id).sort()).toEqual(expected.sort());

    // Every plug-in lies inside one Zurich unit, and evening arrivals are 16:30–21:00 Zurich time.
    for (const s of all) {
      if (s.disconnected === null) continue;
      expect(zurichUnit(Date.parse(s.disconnected)), `session ${s.id}`).toBe(zurichUnit(Date.parse(s.connected)));
      const minute = ZURICH.localMinuteOfDay(Date.parse(s.connected));
      expect(minute, `session ${s.id}`).toBeGreaterThanOrEqual(UNIT_START_MINUTE);
    }
    const evenings = all.filter((s) => ZURICH.localMinuteOfDay(Date.parse(s.connected)) >= 16.5 * 60);
    for (const s of evenings) expect(ZURICH.localMinuteOfDay(Date.parse(s.connected))).toBeLessThan(21 * 60 + 2);
    expect(evenings.length).toBeGreaterThan(all.length / 2);

    // The history starts on a unit boundary: 10:00 in Zurich (09:00 UTC in winter).
    expect(ZURICH.localMinuteOfDay(Date.parse(utc.historyStart))).toBe(UNIT_START_MINUTE);
    // `--start-time 2025-11-20T20:00` is 20:00 in Zurich.
    expect(utc.cliStartTime).toBe(Date.parse('2025-11-20T19:00:00Z'));
  });
});
