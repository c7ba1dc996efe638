/**
 * How long garage updates take to render, for `bench/garage.bench.ts`. The React Profiler that
 * measures it is part of the page only in development and in the benchmark's own build (which
 * sets `VITE_RENDER_PROBE`); the production bundle has no Profiler at all, not even an idle one.
 * It records only when the page asked for it (`window.__garageRenders`).
 */
import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';

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

/** Both are replaced at build time, so a production build drops the Profiler branch entirely. */
const PROBE_ON = import.meta.env.DEV || import.meta.env.VITE_RENDER_PROBE === 'true';

/** The garage's content, measured when the probe is built in; passed through as is otherwise. */
export function GarageRenderProbe({ children }: { children: ReactNode }) {
  return PROBE_ON ? (
    <Profiler id="garage" onRender={onGarageRender}>
      {children}
    </Profiler>
  ) : (
    children
  );
}
