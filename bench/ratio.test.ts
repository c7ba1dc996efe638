import { describe, expect, it } from 'vitest';
import { alternate, ratioFigure } from './ratio.ts';

describe('alternate', () => {
  it('runs ours and the reference in turns, swapping which goes first each pair', async () => {
    const order: string[] = [];
    let n = 0;
    const result = await alternate(
      3,
      async () => (order.push('ours'), ++n),
      async () => (order.push('reference'), ++n * 10),
    );
    expect(order).toEqual(['ours', 'reference', 'reference', 'ours', 'ours', 'reference']);
    // Values stay paired by run, whichever went first.
    expect(result).toEqual({ ours: [1, 4, 5], reference: [20, 30, 60] });
  });
});

describe('ratioFigure', () => {
  const spec = { name: 'x', unit: 'ms', referenceName: 'bare page', atMost: 1.5 };

  it('takes the median of the per-pair ratios and keeps every run', () => {
    const figure = ratioFigure({ ...spec, ours: [300, 100, 150], reference: [100, 100, 100] });
    expect(figure.value).toBe(1.5);
    expect(figure.pass).toBe(true);
    expect(figure.ratio).toMatchObject({ ratios: [3, 1, 1.5], ours: [300, 100, 150], reference: [100, 100, 100] });
    expect(figure.note).toContain('spread 1–3');
  });

  it('pairs runs rather than dividing medians: a slow stretch that hits both pairs cancels', () => {
    // The medians alone would say 240 / 200 = 1.2; two of three pairs say 2.
    const figure = ratioFigure({ ...spec, ours: [100, 400, 240], reference: [50, 200, 300] });
    expect(figure.value).toBe(2);
    expect(figure.pass).toBe(false);
    expect(figure.target).toBe('≤ 1.5 × bare page');
  });
});
