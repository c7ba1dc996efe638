/** @vitest-environment jsdom */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useNowSelector } from './use-now.ts';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it('re-renders only when the selected answer changes, not on every tick', () => {
  let renders = 0;
  function Probe() {
    renders++;
    const old = useNowSelector(1000, (now) => now > 10_000);
    return <span>{old ? 'old' : 'fresh'}</span>;
  }
  const { container } = render(<Probe />);
  const first = renders;
  act(() => vi.advanceTimersByTime(9_000));
  expect(renders).toBe(first);
  expect(container.textContent).toBe('fresh');
  act(() => vi.advanceTimersByTime(3_000));
  expect(container.textContent).toBe('old');
  expect(renders).toBe(first + 1);
  act(() => vi.advanceTimersByTime(10_000));
  expect(renders).toBe(first + 1);
});
