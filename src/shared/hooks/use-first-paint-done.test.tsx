/** @vitest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The hook remembers a painted page for later mounts: each test starts with a fresh module.
const load = async () => (await import('./use-first-paint-done.ts')).useFirstPaintDone;

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useFirstPaintDone', () => {
  it('is false for the first render and true in the task after the next frame; later mounts need not wait', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const useFirstPaintDone = await load();
    const first = renderHook(() => useFirstPaintDone());
    expect(first.result.current).toBe(false);
    act(() => vi.advanceTimersByTime(100));
    expect(first.result.current).toBe(false); // no frame yet
    act(() => frames.shift()!(0));
    expect(first.result.current).toBe(false); // the frame itself: still painting
    act(() => vi.advanceTimersByTime(0));
    expect(first.result.current).toBe(true);
    expect(renderHook(() => useFirstPaintDone()).result.current).toBe(true);
  });

  it('comes true without frames too, for a page loaded with the screen off', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const useFirstPaintDone = await load();
    const { result } = renderHook(() => useFirstPaintDone());
    act(() => vi.advanceTimersByTime(1_900));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(200));
    expect(result.current).toBe(true);
  });
});
