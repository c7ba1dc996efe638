/**
 * Whether the screen is a phone's: narrower than 40 rem, where the session table already turns
 * into cards (session-cards.css uses the same edge). Followed live, so turning a tablet changes
 * the layout; without `matchMedia` (tests, very old browsers) the wide layout.
 */
import { useSyncExternalStore } from 'react';

export const NARROW_QUERY = '(max-width: 39.999rem)';

let list: MediaQueryList | null | undefined;
const media = () => (list === undefined ? (list = typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : null) : list);

function subscribe(onChange: () => void): () => void {
  const query = media();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => media()?.matches ?? false, () => false);
}
