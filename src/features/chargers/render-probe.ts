/**
 * How long garage updates take to render, for `bench/garage.bench.ts`. React calls a Profiler's
 * `onRender` only in development and profiling builds, and this one records only when the page
 * asked for it (`window.__garageRenders`), so the production wall display pays nothing.
 */
import type { ProfilerOnRenderCallback } from 'react';

export interface GarageRenderSample {
  phase: 'mount' | 'update' | 'nested-update';
  /** React's time rendering the components that changed, ms. */
  actualMs: number;
  /** From the start of React's render to the end of the browser's style and layout, ms. */
  wallMs: number;
}

declare global {
  interface Window {
    __garageRenders?: GarageRenderSample[];
  }
}

const MAX_SAMPLES = 20_000;

export const onGarageRender: ProfilerOnRenderCallback = (_id, phase, actualDuration, _baseDuration, startTime) => {
  const samples = typeof window === 'undefined' ? undefined : window.__garageRenders;
  if (!samples || samples.length >= MAX_SAMPLES) return;
  // Force the style and layout the browser would do before the next paint, so the figure
  // includes them; only when benchmarking.
  void document.body.offsetHeight;
  samples.push({ phase, actualMs: actualDuration, wallMs: performance.now() - startTime });
};
