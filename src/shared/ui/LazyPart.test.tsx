/** @vitest-environment jsdom */
import { act, cleanup, render, screen } from '@testing-library/react';
import { lazy } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The first-paint gate remembers a painted page: each test starts with fresh modules.
const load = async () => (await import('./LazyPart.tsx')).LazyPart;
const loadContext = async () => (await import('./LazyPart.tsx')).ChunkFailureContext;

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LazyPart', () => {
  it('a part that comes after the first paint shows its fallback until the page has been painted', async () => {
    const LazyPart = await load();
    render(
      <>
        <LazyPart fallback={<p>later</p>} afterFirstPaint>
          <p>chart</p>
        </LazyPart>
        <LazyPart fallback={<p>loading</p>}>
          <p>card</p>
        </LazyPart>
      </>,
    );
    expect(screen.getByText('card')).toBeInTheDocument();
    expect(screen.getByText('later')).toBeInTheDocument();
    expect(screen.queryByText('chart')).toBeNull();
    // jsdom's frames run on the (fake) timers: the frame, then the task after it.
    act(() => vi.advanceTimersByTime(50));
    expect(screen.getByText('chart')).toBeInTheDocument();
  });

  it("a part whose chunk cannot be loaded says the dashboard was updated, asks the app to reload, and leaves the rest of the screen", async () => {
    const LazyPart = await load();
    const ChunkFailureContext = await loadContext();
    const onChunkFailure = vi.fn();
    // What Chromium throws when the server no longer has the file (a new build, or a restart).
    const Strip = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/LiveStrip-abc.js')));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <ChunkFailureContext.Provider value={onChunkFailure}>
        <p>card</p>
        <LazyPart fallback={<p>later</p>} afterFirstPaint>
          <Strip />
        </LazyPart>
      </ChunkFailureContext.Provider>,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    expect(screen.getByText(/was updated on the server/)).toBeInTheDocument();
    expect(screen.getByText('card')).toBeInTheDocument();
    expect(onChunkFailure).toHaveBeenCalledTimes(1);
    // No "Try again" for a chunk: the reload is on its way.
    expect(screen.queryByRole('button')).toBeNull();
  });
});
