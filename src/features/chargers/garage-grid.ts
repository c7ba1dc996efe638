/**
 * How many columns the garage's tiles take, for a number of chargers and the shape of the box
 * they share. CSS cannot divide a box's width by its height, nor count tiles, so the choice is
 * made here per shape of box — one column count for each step of aspect ratio — and the
 * stylesheet's container queries ("Garage" in src/index.css) pick the step the box is in. The
 * layout then follows the box in CSS alone, however the header and the totals above it wrap.
 */

/**
 * The lower aspect ratio (width ÷ height) of each step; the stylesheet has one container query
 * for each, in the same order (garage-grid.test.ts reads them from there). Steps of about a
 * fifth: a box at the edge of a step gets a layout at most a few per cent off its best.
 */
export const ASPECT_STEPS = [0, 0.3, 0.36, 0.43, 0.52, 0.62, 0.75, 0.9, 1.08, 1.3, 1.56, 1.87, 2.25, 2.7, 3.24, 3.9, 4.7] as const;

/**
 * A tile's content, in its own font size (em), at the smallest font the tile allows: the widest row
 * (power beside a two-line state) and the height of a one-connector tile. The same figures size
 * the tile's type (`.tile-body` in src/index.css); the grid aims for cells of this shape.
 */
export const TILE_EM = { width: 16, height: 7.2 } as const;

/**
 * The column count whose cells hold the largest tile content: a tile's type grows with the
 * smaller of its width and its height (in TILE_EM's proportions), so the best grid is the one whose
 * cells allow the largest type, not the one with the largest cells. Ties go to fewer columns (fewer
 * empty cells). The gaps between tiles are left out: they shift the balance by a few per cent.
 */
export function bestColumns(count: number, boxAspect: number): number {
  const aspect = TILE_EM.width / TILE_EM.height;
  let best = 1;
  let bestScale = 0;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    // The type a cell allows, in box heights: width-bound or height-bound, whichever is less.
    const scale = Math.min(boxAspect / columns / aspect, 1 / rows);
    if (scale > bestScale * (1 + 1e-9)) {
      best = columns;
      bestScale = scale;
    }
  }
  return best;
}

/** The aspect a step's columns are chosen for: the middle of the step (by ratio), or its edge for the open ends. */
export function stepMiddle(index: number): number {
  const low = ASPECT_STEPS[index]!;
  const high = ASPECT_STEPS[index + 1];
  if (high === undefined) return low * 1.2;
  if (low === 0) return high / 1.2;
  return Math.sqrt(low * high);
}

/**
 * The grid's custom properties for `count` tiles: `--columns-<step>` for every step of aspect
 * ratio. Set as inline style on the grid; the stylesheet turns the one of the box's step into
 * its columns.
 */
export function garageGridVars(count: number): Record<`--columns-${number}`, number> {
  const vars: Record<`--columns-${number}`, number> = {};
  ASPECT_STEPS.forEach((_, index) => {
    vars[`--columns-${index}`] = bestColumns(count, stepMiddle(index));
  });
  return vars;
}
