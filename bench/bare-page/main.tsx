/**
 * The reference of the first-card bench (bench/first-card.bench.ts): the least a page of our stack
 * does to show a charger's status. React and TanStack Query, one fetch of the same status JSON from
 * the same server, one rendered element carrying the status the way our connector card does
 * (`data-testid="connector-card"` with `data-status`), so one probe times both pages. Built with
 * the app's own Vite config into bench/out/, served by our server in place of the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';

const chargerId = new URLSearchParams(window.location.search).get('charger') ?? '';

interface Status {
  evses?: Array<{ connectors?: Array<{ onlineData?: { status?: string } | null }> }>;
}

function FirstCard() {
  const { data } = useQuery({
    queryKey: ['generalStatus', chargerId],
    queryFn: async () => (await fetch(`/api/chargers/${encodeURIComponent(chargerId)}/generalStatus`)).json() as Promise<Status>,
  });
  const status = data?.evses?.[0]?.connectors?.[0]?.onlineData?.status ?? '';
  return (
    <div data-testid="connector-card" data-status={status}>
      {status}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <FirstCard />
    </QueryClientProvider>
  </StrictMode>,
);
