import { describe, expect, it } from 'vitest';
import type { UnitData } from './cluster-sharing.ts';
import { KW_PER_A } from './electrics.ts';
import { GarageModel } from './garage.ts';
import { STOP_REASONS } from './household-day.ts';
import { STEP_MS } from './units.ts';
import { ZoneClock } from './time-zone.ts';
import { parseFilterTimeLocal } from './session-query.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2025-11-20T12:00:00Z');
const STEP_H = STEP_MS / 3_600_000;

function model(options: Partial<ConstructorParameters<typeof GarageModel>[0]> & { days?: number } = {}) {
  const { days = 120, ...rest } = options;
  const m = new GarageModel({ seed: 11, chargers: 3, connectorsPerCharger: 1, timeZone: 'Europe/Berlin', historyStartMs: NOW - days * DAY, ...rest });
  m.ensureIndexed(NOW);
  return m;
}

function sessionsOf(m: GarageModel) {
  const s = m.store;
  return Array.from({ length: s.count }, (_, i) => ({
    i,
    charger: s.charger[i]!,
    slot: s.slot[i]!,
    id: s.id[i]!,
    connected: s.connected[i]!,
    started: s.started[i]!,
    ended: s.chargingEnded[i]!,
    disconnected: s.disconnected[i]!,
    energy: s.energy[i]!,
    meterStart: s.meterStart[i]!,
    maxPower: s.maxPower[i]!,
    stop: STOP_REASONS[s.stopReason[i]!],
    mode: s.mode[i]!,
    user: s.user[i]!,
    unitDay: s.unitDay[i]!,
  }));
}

function units(m: GarageModel, until = NOW): UnitData[] {
  const out: UnitData[] = [];
  for (let day = m.firstDay; day < m.unitOf(until); day++) out.push(m.unit(day));
  return out;
}

describe('garage model', () => {
  const garage = model();
  const sessions = sessionsOf(garage);

  it('is deterministic for a seed, and independent of when the history starts', () => {
    const again = model();
    expect(sessionsOf(again)).toEqual(sessions);
    expect(Array.from(again.unit(garage.firstDay + 5).power)).toEqual(Array.from(garage.unit(garage.firstDay + 5).power));

    const other = model({ seed: 12 });
    expect(sessionsOf(other).map((s) => s.started)).not.toEqual(sessions.map((s) => s.started));

    // A simulator started with a shorter history (or later) agrees on every session both know,
    // ids and meter readings included.
    const shorter = model({ days: 30 });
    const shorterSessions = sessionsOf(shorter);
    expect(shorterSessions.length).toBeGreaterThan(50);
    const byKey = new Map(sessions.map((s) => [`${s.charger}:${s.id}`, s]));
    for (const s of shorterSessions) {
      const twin = byKey.get(`${s.charger}:${s.id}`);
      expect(twin, `session ${s.id}`).toBeDefined();
      expect({ ...s, i: 0, unitDay: 0 }).toEqual({ ...twin!, i: 0, unitDay: 0 });
    }
  });

  it('has at least 90 days of sessions, mostly one a day per charger', () => {
    const first = Math.min(...sessions.map((s) => s.started));
    expect(NOW - first).toBeGreaterThan(115 * DAY);
    for (const list of garage.byCharger) expect(list.length).toBeGreaterThan(90);
  });

  it('plans evening arrivals, weekend daytime visits and morning departures in local time', () => {
    const clock = garage.clock;
    let evening = 0;
    let daytime = 0;
    for (const s of sessions) {
      const arrive = clock.localMinuteOfDay(s.connected) / 60;
      const leave = clock.localMinuteOfDay(s.disconnected) / 60;
      if (arrive >= 16.5) {
        evening++;
        expect(arrive).toBeLessThanOrEqual(21.02);
        expect(clock.localDay(s.disconnected)).toBe(clock.localDay(s.connected) + 1);
        expect(leave).toBeGreaterThanOrEqual(5.75);
        expect(leave).toBeLessThan(10);
      } else {
        daytime++;
        expect(arrive).toBeGreaterThanOrEqual(10.5);
        expect(leave).toBeLessThanOrEqual(16.02);
      }
    }
    expect(evening).toBeGreaterThan(daytime * 4);
    expect(daytime).toBeGreaterThan(5);
  });

  it('charges at 6-16 A on three phases (about 4-11 kW) and never exceeds the cluster limit', () => {
    let maxAmps = 0;
    let maxClusterKw = 0;
    let minKw = Infinity;
    let maxKw = 0;
    let minTarget = Infinity;
    let maxTarget = 0;
    let fullSteps = 0;
    for (const data of units(garage)) {
      for (let k = 0; k < data.steps; k++) {
        let amps = 0;
        let clusterKw = 0;
        for (let s = 0; s < garage.slots; s++) {
          const at = s * data.steps + k;
          amps += data.target[at]!;
          clusterKw += data.power[at]!;
          const drawn = data.current[at]!;
          if (drawn === 0) continue;
          minTarget = Math.min(minTarget, data.target[at]!);
          maxTarget = Math.max(maxTarget, data.target[at]!);
          const kw = (3 * data.volts[k]! * drawn) / 1000;
          minKw = Math.min(minKw, kw);
          maxKw = Math.max(maxKw, kw);
          // A step charged throughout averages the instantaneous power.
          if (Math.abs(data.power[at]! - kw) < 1e-3) fullSteps++;
        }
        maxAmps = Math.max(maxAmps, amps);
        maxClusterKw = Math.max(maxClusterKw, clusterKw);
      }
    }
    expect(garage.clusterMaxA).toBe(25);
    expect(minTarget).toBeGreaterThanOrEqual(6);
    expect(maxTarget).toBe(16);
    expect(minKw).toBeGreaterThan(3.8);
    expect(maxKw).toBeLessThan(11.1);
    expect(maxKw).toBeGreaterThan(10);
    expect(fullSteps).toBeGreaterThan(1000);
    // Two or three cars at once share the 25 A: the limit is reached but never exceeded.
    expect(maxAmps).toBeLessThanOrEqual(25);
    expect(maxAmps).toBeGreaterThanOrEqual(24);
    expect(maxClusterKw).toBeLessThanOrEqual(25 * KW_PER_A);
  });

  it('draws a household base load: low at night, peaks morning and evening', () => {
    const single = model({ chargers: 1, days: 28 });
    const byHour: number[][] = Array.from({ length: 24 }, () => []);
    for (const data of units(single)) {
      const base = single.baseOf(data);
      for (let k = 0; k < data.steps; k++) byHour[Math.floor(single.clock.localMinuteOfDay(data.start + k * STEP_MS) / 60)]!.push(base[k]!);
    }
    const mean = (h: number) => byHour[h]!.reduce((a, b) => a + b, 0) / byHour[h]!.length;
    for (const h of [1, 2, 3, 4]) {
      expect(mean(h)).toBeGreaterThan(0.3);
      expect(mean(h)).toBeLessThan(0.6);
    }
    expect(mean(7)).toBeGreaterThan(1.2);
    expect(Math.max(mean(18), mean(19))).toBeGreaterThan(2);
    expect(Math.max(...byHour.flat())).toBeLessThan(8);
    expect(mean(7)).toBeGreaterThan(2 * mean(3));
    expect(mean(19)).toBeGreaterThan(mean(15));
  });

  it('keeps every session consistent with its 5-minute power and its meter', () => {
    for (const s of sessions) {
      const data = garage.unit(s.unitDay);
      let integral = 0;
      for (let k = 0; k < data.steps; k++) {
        const t0 = data.start + k * STEP_MS;
        if (t0 + STEP_MS <= s.started || t0 >= s.ended) continue;
        integral += data.power[s.slot * data.steps + k]! * STEP_H;
      }
      expect(Math.abs(integral - s.energy), `session ${s.id}`).toBeLessThan(1e-6);
      expect(s.maxPower).toBeLessThan(11.1);
    }
    // Per connector, the meter only goes up, and each session adds its own energy.
    for (const list of garage.bySlot) {
      for (let j = 1; j < list.length; j++) {
        const prev = sessions[list[j - 1]!]!;
        const next = sessions[list[j]!]!;
        expect(next.meterStart).toBeGreaterThanOrEqual(prev.meterStart + Math.round(prev.energy * 1e6));
        expect(next.connected).toBeGreaterThan(prev.disconnected);
      }
    }
  });

  it('varies stop reasons, modes and users like a real household', () => {
    const reasons = new Set(sessions.map((s) => s.stop));
    expect(reasons).toContain('LocalStopUserDisconnectedCableFromVehicle');
    expect(reasons.size).toBeGreaterThanOrEqual(4);
    const unplugged = sessions.filter((s) => s.stop === 'LocalStopUserDisconnectedCableFromVehicle').length;
    expect(unplugged / sessions.length).toBeGreaterThan(0.75);
    expect(sessions.some((s) => s.mode === -1)).toBe(true);
    expect(sessions.some((s) => s.user === -1)).toBe(true);
    const names = garage.chargers[0]!.users.map((u) => `${u.firstName} ${u.lastName}`);
    expect(names.some((n) => /[äöüÄÖÜß]/.test(n))).toBe(true);
    expect(names.some((n) => /[,"]/.test(n))).toBe(true);
    for (const charger of garage.chargers) {
      for (const user of charger.users) {
        expect(user.identificationCode).toMatch(/^[1-9]\d{7}$/);
        expect(user.number).toMatch(/^00\d{2}$/);
      }
    }
  });

  it('leaves short reboot gaps every few days', () => {
    let gaps = 0;
    const all = units(garage);
    for (const data of all) {
      for (let k = 0; k < data.steps; k++) if (data.gap[k] === 1 && (k === 0 || data.gap[k - 1] === 0)) gaps++;
    }
    expect(gaps).toBeGreaterThan(all.length / 10);
    expect(gaps).toBeLessThan(all.length / 2);
  });

  it('scales the cluster for a big garage so every car still charges', () => {
    const big = model({ chargers: 60, days: 10 });
    expect(big.clusterMaxA).toBeGreaterThanOrEqual(60 * 6);
    expect(big.loadGuardMaxA).toBeGreaterThan(big.clusterMaxA);
    expect(big.chargers.map((c) => c.id).slice(0, 3)).toEqual(['platz4', 'platz5', 'platz6']);
    const overnight = sessionsOf(big).filter((s) => s.disconnected - s.started > 8 * 3_600_000);
    expect(overnight.length).toBeGreaterThan(300);
    for (const s of overnight) expect(s.energy).toBeGreaterThan(5);
    let maxAmps = 0;
    for (const data of units(big)) {
      for (let k = 0; k < data.steps; k++) {
        let amps = 0;
        for (let s = 0; s < big.slots; s++) amps += data.target[s * data.steps + k]!;
        maxAmps = Math.max(maxAmps, amps);
      }
    }
    expect(maxAmps).toBeLessThanOrEqual(big.clusterMaxA);
  });

  // How fast is measured by `npm run bench` (simulator start with a 6000-day history).
  it('generates a 6000-day history of over 5000 sessions', () => {
    const long = model({ chargers: 1, days: 6000 });
    expect(long.store.count).toBeGreaterThanOrEqual(5000);
  });

  it('names a single charger after the original wallbox', () => {
    const one = model({ chargers: 1, days: 2 });
    expect(one.chargers.map((c) => [c.id, c.name])).toEqual([['platz13', 'Platz 13']]);
  });

  it('supports two connectors per charger with their own cars', () => {
    const duo = model({ chargers: 1, connectorsPerCharger: 2, days: 20 });
    expect(duo.slots).toBe(2);
    const perConnector = [0, 1].map((slot) => duo.bySlot[slot]!.length);
    expect(Math.min(...perConnector)).toBeGreaterThan(10);
    const points = duo.profile(0, NOW - DAY, NOW, NOW, ['connector1', 'connector2', 'cluster']);
    for (const point of points) {
      const [c1, c2, cluster] = point.values.map(([, v]) => v);
      expect(Math.abs(c1! + c2! - cluster!)).toBeLessThan(1e-4);
    }
  });
});

describe('local time', () => {
  it('handles daylight saving: 23- and 25-hour units', () => {
    const m = model({ chargers: 1, days: 400 });
    const spring = m.unitOf(Date.parse('2025-03-30T12:00:00Z')) - 1;
    const autumn = m.unitOf(Date.parse('2025-10-26T12:00:00Z')) - 1;
    expect(m.unit(spring).steps).toBe(23 * 12);
    expect(m.unit(autumn).steps).toBe(25 * 12);
    expect(m.unit(spring + 2).steps).toBe(24 * 12);
    expect(new Date(m.unitStart(spring + 2)).toISOString()).toBe('2025-03-31T08:00:00.000Z');
  });

  it('reads the session filter time in the charger zone unless it names one', () => {
    const berlin = new ZoneClock('Europe/Berlin');
    expect(parseFilterTimeLocal('2025-07-01 00:00:00', berlin)).toBe(Date.parse('2025-06-30T22:00:00Z'));
    expect(parseFilterTimeLocal('2025-01-01 00:00:00', berlin)).toBe(Date.parse('2024-12-31T23:00:00Z'));
    expect(parseFilterTimeLocal('2025-01-01T10:00:00Z', berlin)).toBe(Date.parse('2025-01-01T10:00:00Z'));
    expect(parseFilterTimeLocal('2025-01-01', berlin)).toBe(Date.parse('2024-12-31T23:00:00Z'));
    expect(parseFilterTimeLocal('2025-02-30 00:00:00', berlin)).toBeNull();
    expect(parseFilterTimeLocal('yesterday', berlin)).toBeNull();
    // Spring forward: 02:30 does not exist in Berlin; the clock shows 03:30 then.
    expect(parseFilterTimeLocal('2025-03-30 02:30:00', berlin)).toBe(Date.parse('2025-03-30T01:30:00Z'));
    // Autumn: 02:30 happens twice; the first one counts.
    expect(parseFilterTimeLocal('2025-10-26 02:30:00', berlin)).toBe(Date.parse('2025-10-26T00:30:00Z'));
  });
});
