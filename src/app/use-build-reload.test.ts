/** @vitest-environment jsdom */
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useBuildReload } from './use-build-reload.ts';

function mount(initial: string | undefined) {
  const reload = vi.fn();
  const hook = renderHook(({ build }: { build: string | undefined }) => useBuildReload(build, reload), { initialProps: { build: initial } });
  return { reload, rerender: (build: string | undefined) => hook.rerender({ build }) };
}

describe('useBuildReload', () => {
  it('reloads once the server reports a build other than the one the page started with', () => {
    const { reload, rerender } = mount('a1');
    rerender('a1');
    expect(reload).not.toHaveBeenCalled();
    rerender('b2');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('takes the first answer as the page\'s build, however late it comes', () => {
    const { reload, rerender } = mount(undefined);
    rerender(undefined);
    rerender('a1');
    rerender('a1');
    expect(reload).not.toHaveBeenCalled();
    rerender('b2');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads without an answer: a server that is down or restarting keeps the page', () => {
    // With the server unreachable the query keeps its last data or has none: no new build id.
    const { reload, rerender } = mount('a1');
    rerender(undefined);
    rerender(undefined);
    expect(reload).not.toHaveBeenCalled();
    rerender('a1');
    expect(reload).not.toHaveBeenCalled();
  });

  it('ignores the dev server, whose build is always "dev"', () => {
    const { reload, rerender } = mount('dev');
    rerender('a1');
    rerender('dev');
    expect(reload).not.toHaveBeenCalled();
  });
});
