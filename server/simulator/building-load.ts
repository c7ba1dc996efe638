/**
 * The building's own load (the flats behind the same meter, without the chargers): a household
 * curve of night floor, morning, lunch and evening peaks, noise and short appliance spikes. A
 * pure function of the seed and the time; the load guard's budget and the profile's `building`
 * series are built on it.
 */
import { STREAM, unit4 } from './random.ts';
import { DAY_MS, HOUR_MS, ZoneClock } from './time-zone.ts';
import { STEP_MS } from './units.ts';

export class BuildingLoad {
  constructor(
    private readonly seed: number,
    private readonly clock: ZoneClock,
    /** The building grows with the garage: more flats behind the same meter. */
    private readonly baseScale: number,
  ) {}

  /** The household load at step k of a unit starting at `start`; a pure function of time. */
  curve(start: number, steps: number): (k: number) => number {
    const offsetStart = this.clock.offsetMs(start);
    const constantOffset = offsetStart === this.clock.offsetMs(start + steps * STEP_MS - 1);
    let shapeDay = Number.NaN;
    let shape: DayShape = DAY_SHAPE_NONE;
    return (k) => {
      const t0 = start + k * STEP_MS;
      const local = t0 + (constantOffset ? offsetStart : this.clock.offsetMs(t0));
      const localDay = Math.floor(local / DAY_MS);
      if (localDay !== shapeDay) {
        shapeDay = localDay;
        shape = this.dayShape(localDay);
      }
      return Math.fround(this.baseLoad(shape, (local - localDay * DAY_MS) / HOUR_MS, t0 / STEP_MS));
    };
  }

  private dayShape(localDay: number): DayShape {
    const weekday = ZoneClock.weekday(localDay);
    const weekend = weekday === 0 || weekday === 6;
    const r = (salt: number) => unit4(this.seed, STREAM.baseDay, localDay, salt);
    return {
      night: 0.3 + 0.2 * r(1),
      morning: weekend ? 0.9 + 0.8 * r(2) : 1.3 + 1.3 * r(2),
      morningAt: weekend ? 8.6 : 6.6 + 0.6 * r(3),
      lunch: weekend ? 0.9 + 0.7 * r(4) : 0.2 + 0.3 * r(4),
      evening: 1.4 + 1.9 * r(5),
      eveningAt: 18.4 + 1.0 * r(6),
    };
  }

  /** Household load in kW at a local hour: night floor, morning, lunch and evening peaks, noise. */
  private baseLoad(shape: DayShape, hour: number, stepIndex: number): number {
    const smooth =
      shape.night +
      shape.morning * bump(hour, shape.morningAt, 0.7) +
      0.35 * bump(hour, 13, 3) +
      shape.lunch * bump(hour, 12.4, 0.8) +
      shape.evening * bump(hour, shape.eveningAt, 1.2) +
      0.3 * bump(hour, 21.6, 1.1);
    const noise = 1 + 0.18 * (unit4(this.seed, STREAM.baseStep, stepIndex) - 0.5);
    // A kettle, an oven, a washing machine: short spikes in waking hours.
    const spike = hour > 6 && hour < 23 && unit4(this.seed, STREAM.spike, stepIndex) < 0.04 ? 1 + 1.5 * unit4(this.seed, STREAM.spike, stepIndex, 1) : 0;
    return this.baseScale * (smooth * noise + spike);
  }
}

interface DayShape {
  night: number;
  morning: number;
  morningAt: number;
  lunch: number;
  evening: number;
  eveningAt: number;
}
const DAY_SHAPE_NONE: DayShape = { night: 0, morning: 0, morningAt: 0, lunch: 0, evening: 0, eveningAt: 0 };

function bump(hour: number, at: number, width: number): number {
  const z = (hour - at) / width;
  return Math.exp(-0.5 * z * z);
}
