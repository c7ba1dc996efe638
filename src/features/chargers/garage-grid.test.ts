import { describe, expect, it } from 'vitest';
import stylesheet from '../../index.css?raw';
import { ASPECT_STEPS, bestColumns, garageGridVars, stepMiddle } from './garage-grid.ts';

/** The tiles' box (what the header and the totals leave) on the screens the garage is tested at. */
const BOX = {
  tablet: 1008 / 376, // 1024×600
  tabletPortrait: 780 / 1020, // 800×1280
  laptop: 1264 / 560, // 1280×800
  wall: 1896 / 828, // 1920×1080
} as const;

describe('bestColumns', () => {
  it('puts one charger in one tile, whatever the box', () => {
    for (const aspect of [0.3, 1, BOX.tablet, 5]) expect(bestColumns(1, aspect)).toBe(1);
  });

  it('puts two chargers side by side on a landscape screen and one above the other in portrait', () => {
    expect(bestColumns(2, BOX.tablet)).toBe(2);
    expect(bestColumns(2, BOX.tabletPortrait)).toBe(1);
  });

  it('fills a wall screen with twelve chargers in four columns of three rows', () => {
    expect(bestColumns(12, BOX.wall)).toBe(4);
  });

  it('fits twenty chargers on a 7" tablet in five columns of four rows, and in three columns in portrait', () => {
    expect(bestColumns(20, BOX.tablet)).toBe(5);
    expect(bestColumns(20, BOX.tabletPortrait)).toBe(3);
    expect(Math.ceil(20 / bestColumns(20, BOX.laptop))).toBeLessThanOrEqual(5);
  });

  it('never takes more columns than chargers, and never fewer as the box gets wider', () => {
    for (let count = 1; count <= 60; count++) {
      let last = 0;
      for (let aspect = 0.2; aspect < 8; aspect *= 1.05) {
        const columns = bestColumns(count, aspect);
        expect(columns).toBeLessThanOrEqual(count);
        expect(columns, `${count} chargers at ${aspect.toFixed(2)}`).toBeGreaterThanOrEqual(last);
        last = columns;
      }
    }
  });

  it('of two layouts with the same type, takes the one with fewer empty cells', () => {
    // A very wide box: five and six columns of four rows both leave the tiles height-bound.
    expect(bestColumns(20, 3.5)).toBe(5);
  });
});

describe('garageGridVars', () => {
  it('gives every step of aspect ratio the columns chosen for its middle', () => {
    const vars = garageGridVars(12);
    expect(Object.keys(vars)).toHaveLength(ASPECT_STEPS.length);
    ASPECT_STEPS.forEach((_, i) => expect(vars[`--columns-${i}`]).toBe(bestColumns(12, stepMiddle(i))));
  });

  it('chooses each step for an aspect inside it', () => {
    ASPECT_STEPS.forEach((low, i) => {
      expect(stepMiddle(i)).toBeGreaterThan(low);
      const high = ASPECT_STEPS[i + 1];
      if (high !== undefined) expect(stepMiddle(i)).toBeLessThan(high);
    });
  });

  it('matches the stylesheet: one container query per step, at the same ratio, in the same order', () => {
    const queries = Array.from(stylesheet.matchAll(/@container garage \(min-aspect-ratio: (\d+)\/100\) \{\s*\.garage-grid \{\s*--columns: var\(--columns-(\d+)\);/g)).map(
      (match) => [Number(match[1]) / 100, Number(match[2])],
    );
    expect(queries).toEqual(ASPECT_STEPS.slice(1).map((low, i) => [low, i + 1]));
    // Below the first step the grid takes the first step's columns.
    expect(stylesheet).toMatch(/\.garage-grid \{[^}]*--columns: var\(--columns-0\);/);
  });
});
