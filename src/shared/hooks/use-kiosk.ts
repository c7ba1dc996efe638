import { useEffect } from 'react';
import { useSearchParam } from '../url/use-search-params.ts';

/** `?kiosk=1`: a pinned wall display without controls or cursor. */
export function useKiosk(): boolean {
  const value = useSearchParam('kiosk');
  const kiosk = value === '1' || value === 'true';
  useEffect(() => {
    document.documentElement.classList.toggle('kiosk', kiosk);
  }, [kiosk]);
  return kiosk;
}
