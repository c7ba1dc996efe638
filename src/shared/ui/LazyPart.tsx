import { createContext, Suspense, useContext, useEffect, type ReactNode } from 'react';
import { useMessages } from '../i18n/i18n.tsx';
import { useFirstPaintDone } from '../hooks/use-first-paint-done.ts';
import { Button } from './Button.tsx';
import { ErrorBoundary, isChunkLoadError } from './ErrorBoundary.tsx';
import { PanelError } from './Panel.tsx';
import { partMessages } from './part-messages.ts';

/** After a part crashed, how long until it is tried again by itself: no one presses "Try again" on a wall. */
const PART_RETRY_MS = 60_000;

function RetryLater({ retry }: { retry: () => void }) {
  useEffect(() => {
    const timer = setTimeout(retry, PART_RETRY_MS);
    return () => clearTimeout(timer);
  }, [retry]);
  return null;
}

/**
 * What to do when a part's chunk cannot be loaded. The app provides it (reload into the new build
 * once the server answers); this layer does not talk to the server.
 */
export const ChunkFailureContext = createContext<() => void>(() => {});

/**
 * A lazily loaded part with its own failure: the rest of the screen stays. A chunk that cannot
 * load usually means the server has a new build whose file names differ: reload into it. Any
 * other crash is tried again after a minute (and at once with the button).
 */
export function LazyPart({ fallback, afterFirstPaint = false, children }: { fallback: ReactNode; afterFirstPaint?: boolean; children: ReactNode }) {
  const m = useMessages(partMessages);
  const onChunkFailure = useContext(ChunkFailureContext);
  // A part that may come a moment later is asked for once the first screen is painted (the
  // boundary here keeps a chunk that fails to load then, the server restarting, inside the part).
  const painted = useFirstPaintDone();
  if (afterFirstPaint && !painted) return fallback;
  return (
    <ErrorBoundary
      onError={(error) => {
        if (isChunkLoadError(error)) onChunkFailure();
      }}
      fallback={(error, retry) => (
        <div>
          <PanelError headline={isChunkLoadError(error) ? m.newVersion : m.partFailed} detail={error.message} />
          {isChunkLoadError(error) ? null : (
            <>
              <Button onClick={retry}>{m.retry}</Button>
              <RetryLater retry={retry} />
            </>
          )}
        </div>
      )}
    >
      <Suspense fallback={fallback}>{children}</Suspense>
    </ErrorBoundary>
  );
}

