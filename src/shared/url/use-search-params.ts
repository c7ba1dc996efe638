/**
 * Filters, ranges and display options live in the URL: shareable, and they survive
 * the reload a wall tablet does after a new build.
 */
import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';

export function useSearchParams(): [URLSearchParams, (changes: Record<string, string | null>, options?: { push?: boolean }) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const update = useCallback(
    (changes: Record<string, string | null>, options?: { push?: boolean }) => {
      const next = new URLSearchParams(search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      navigate(`${location}${query ? `?${query}` : ''}`, { replace: !options?.push });
    },
    [search, location, navigate],
  );
  return [params, update];
}

export function useSearchParam(name: string): string | null {
  return useSearchParams()[0].get(name);
}
