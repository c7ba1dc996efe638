/** @vitest-environment jsdom */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, isChunkLoadError } from './ErrorBoundary.tsx';

let failing = true;
function Flaky() {
  if (failing) throw new Error('chart exploded');
  return <p>chart</p>;
}

afterEach(() => {
  cleanup();
  failing = true;
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('keeps a crash inside its part, reports it once, and can try again', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React logs caught errors
    const onError = vi.fn();
    render(
      <div>
        <p>cards</p>
        <ErrorBoundary onError={onError} fallback={(error, retry) => <button onClick={retry}>{`failed: ${error.message}`}</button>}>
          <Flaky />
        </ErrorBoundary>
      </div>,
    );
    expect(screen.getByText('cards')).toBeTruthy();
    expect(screen.getByText('failed: chart exploded')).toBeTruthy();
    expect(onError).toHaveBeenCalledTimes(1);
    failing = false;
    act(() => screen.getByRole('button').click());
    expect(screen.getByText('chart')).toBeTruthy();
  });
});

describe('isChunkLoadError', () => {
  it('recognises the browsers’ words for a lazy chunk that cannot load', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: http://x/assets/SessionsView-abc.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: http://x/assets/GarageView-abc.js'))).toBe(true);
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false);
  });

  it('does not take an ordinary failed request for a lost chunk', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch'))).toBe(false);
  });
});
