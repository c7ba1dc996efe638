import { Suspense, useEffect, type ReactNode } from 'react';
import { useMessages } from '../shared/i18n/i18n.tsx';
import { ErrorBoundary, isChunkLoadError } from '../shared/ui/ErrorBoundary.tsx';
import { PanelError } from '../shared/ui/Panel.tsx';
import { shellMessages } from './messages.ts';
import { reloadWhenServerAnswers } from './reload-when-server-answers.ts';
import { Button } from '../shared/ui/Button.tsx';
import { useFirstPaintDone } from '../shared/hooks/use-first-paint-done.ts';

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
 * A lazily loaded part with its own failure: the rest of the screen stays. A chunk that cannot
 * load usually means the server has a new build whose file names differ: reload into it. Any
 * other crash is tried again after a minute (and at once with the button).
 */
export function LazyPart({ fallback, afterFirstPaint = false, children }: { fallback: ReactNode; afterFirstPaint?: boolean; children: ReactNode }) {
  const m = useMessages(shellMessages);
  // A part that may come a moment later is asked for once the first screen is painted (the
  // boundary here keeps a chunk that fails to load then, the server restarting, inside the part).
  const painted = useFirstPaintDone();
  if (afterFirstPaint && !painted) return fallback;
  return (
    <ErrorBoundary
      onError={(error) => {
        if (isChunkLoadError(error)) reloadWhenServerAnswers();
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

