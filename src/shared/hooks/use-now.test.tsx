/** @vitest-environment jsdom */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useNow, useNowSelector } from './use-now.ts';

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

it('shares one timer between every clock of a period, and stops it after the last one unmounts', () => {
  function Clock() {
    return <span>{useNow(1000)}</span>;
  }
  const timers = () => vi.getTimerCount();
  expect(timers()).toBe(0);
  const a = render(<Clock />);
  const b = render(
    <>
      <Clock />
      <Clock />
    </>,
  );
  expect(timers()).toBe(1);
  act(() => vi.advanceTimersByTime(3_000));
  expect(a.container.textContent).toBe('3000');
  expect(b.container.textContent).toBe('30003000');
  a.unmount();
  expect(timers()).toBe(1);
  b.unmount();
  expect(timers()).toBe(0);
  // A clock mounted later starts the timer again, from the time then.
  const c = render(<Clock />);
  expect(timers()).toBe(1);
  act(() => vi.advanceTimersByTime(1_000));
  expect(c.container.textContent).toBe('4000');
});
