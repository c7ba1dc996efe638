import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('reloadWhenServerAnswers', () => {
  it('waits for an answer from the server before reloading, and schedules only once', async () => {
    vi.useFakeTimers();
    const { reloadWhenServerAnswers } = await import('./reload-when-server-answers.ts');
    let serverUp = false;
    const fetchMock = vi.fn(async () => {
      if (!serverUp) throw new TypeError('Failed to fetch');
      return new Response('{}', { status: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const reload = vi.fn();

    reloadWhenServerAnswers(5_000, reload);
    reloadWhenServerAnswers(5_000, reload);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();

    serverUp = true;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('takes an error status (a proxy in front, a server starting up) for no answer', async () => {
    vi.useFakeTimers();
    const { reloadWhenServerAnswers } = await import('./reload-when-server-answers.ts');
    const fetchMock = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    vi.stubGlobal('fetch', fetchMock);
    const reload = vi.fn();
    reloadWhenServerAnswers(5_000, reload);
    await vi.advanceTimersByTimeAsync(5_000 + 30_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(reload).not.toHaveBeenCalled();
  });
});
