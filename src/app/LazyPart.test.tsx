/** @vitest-environment jsdom */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The first-paint gate remembers a painted page: each test starts with fresh modules.
const load = async () => (await import('./LazyPart.tsx')).LazyPart;

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
});
