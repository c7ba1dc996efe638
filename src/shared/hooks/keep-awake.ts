/**
 * The two ways of keeping the screen on (see use-wake-lock.ts), in a chunk of their own that loads
 * after the first screen. Each returns its clean-up.
 */

export type WakeLockMode = 'native' | 'video';

export function chooseWakeLockMode(secureContext: boolean, hasWakeLockApi: boolean): WakeLockMode {
  return secureContext && hasWakeLockApi ? 'native' : 'video';
}

/** Keeps the screen on the way this page can (`data-wake-lock` on `root` says which). */
export function keepAwake(root: HTMLElement): () => void {
  const mode = chooseWakeLockMode(window.isSecureContext, 'wakeLock' in navigator);
  root.dataset.wakeLock = mode;
  return mode === 'native' ? keepAwakeNative(root) : keepAwakeWithVideo(root);
}

export function keepAwakeNative(root: HTMLElement): () => void {
  let sentinel: WakeLockSentinel | null = null;
  let disposed = false;
  const acquire = async () => {
    if (disposed || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      sentinel = await navigator.wakeLock.request('screen');
      root.dataset.wakeLockActive = 'true';
      sentinel.addEventListener('release', () => {
        root.dataset.wakeLockActive = 'false';
      });
    } catch {
      // Refused (battery saver, no user activation yet): try again on the next touch or return.
      root.dataset.wakeLockActive = 'false';
    }
  };
  // The browser releases the lock whenever the page is hidden; take it again on return.
  const onVisible = () => void acquire();
  document.addEventListener('visibilitychange', onVisible);
  document.addEventListener('pointerdown', onVisible);
  void acquire();
  return () => {
    disposed = true;
    document.removeEventListener('visibilitychange', onVisible);
    document.removeEventListener('pointerdown', onVisible);
    void sentinel?.release().catch(() => {});
  };
}

/**
 * Chromium keeps the screen on for a playing video only if it is audible, or if it is on screen
 * (≥ 75 % of it) and big (≥ 20 % of the viewport): blink's VideoWakeLock, which measures both with
 * intersection observers, not by what is painted. A muted video therefore has to cover the
 * viewport; it lies behind the page (z-index -1), fully transparent, and lets every touch through.
 */
export function keepAwakeWithVideo(root: HTMLElement): () => void {
  const video = document.createElement('video');
  video.muted = true; // muted media may start without a user gesture
  video.loop = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.setAttribute('aria-hidden', 'true');
  video.setAttribute('data-testid', 'wake-lock-video');
  Object.assign(video.style, {
    position: 'fixed',
    inset: '0',
    width: '100%',
    height: '100%',
    zIndex: '-1',
    opacity: '0',
    pointerEvents: 'none',
  });
  for (const [src, type] of [
    ['/keep-awake.webm', 'video/webm'],
    ['/keep-awake.mp4', 'video/mp4'],
  ] as const) {
    const source = document.createElement('source');
    source.src = src;
    source.type = type;
    video.appendChild(source);
  }
  document.body.appendChild(video);
  const play = () => {
    video.play().then(
      () => {
        root.dataset.wakeLockActive = 'true';
      },
      () => {
        root.dataset.wakeLockActive = 'false';
      },
    );
  };
  // Some browsers still want one touch before any playback; a wall tablet gets touched once.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && video.paused) play();
  };
  document.addEventListener('visibilitychange', onVisible);
  document.addEventListener('pointerdown', onVisible);
  play();
  return () => {
    document.removeEventListener('visibilitychange', onVisible);
    document.removeEventListener('pointerdown', onVisible);
    video.pause();
    video.remove();
  };
}
