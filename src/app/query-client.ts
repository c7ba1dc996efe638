import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A LAN dashboard works without internet; navigator.onLine must not pause it.
        networkMode: 'always',
        // Coming back to the tablet (or the tab) refetches at once: TanStack Query's
        // defaults (refetchOnWindowFocus, refetchOnReconnect) do that; the e2e tests it.
        // Bounded cache for weeks of uptime: unused queries are dropped after 5 minutes.
        gcTime: 5 * 60_000,
      },
    },
  });
}
