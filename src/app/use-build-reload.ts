import { useEffect, useRef } from 'react';

/**
 * Reloads the page when the server reports a different build than the one this page started
 * with. Only an answer from the server can trigger it, so a server that is down or restarting
 * never leaves the wall display on a browser error page.
 */
const reloadPage = () => window.location.reload();

export function useBuildReload(build: string | undefined, reload: () => void = reloadPage): void {
  const first = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!build || build === 'dev') return;
    if (first.current === undefined) first.current = build;
    else if (first.current !== build) reload();
  }, [build, reload]);
}
