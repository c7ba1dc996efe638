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

it('reads the clock when its timer is a whole period late, so a render never sees a `now` older than that', () => {
  let seen = 0;
  function Probe({ label }: { label: string }) {
    seen = useNow(1000);
    return <span>{label}</span>;
  }
  const { rerender } = render(<Probe label="a" />);
  expect(seen).toBe(0);
  // The main thread was busy for 7 s: the clock moved, the interval has not fired yet.
  vi.setSystemTime(7_000);
  rerender(<Probe label="b" />);
  expect(seen).toBe(7_000);
  // Within a period the snapshot stays put (a stable snapshot between ticks).
  vi.setSystemTime(7_400);
  rerender(<Probe label="c" />);
  expect(seen).toBe(7_000);
});
