/**
 * The stack floor of the first-load bench (bench/bundle.bench.ts): what any page built on our
 * libraries ships before a line of its own. React DOM and React, TanStack Query, Zod mini and the
 * router (wouter), each used the least a real page would (a root, a query, a schema parse, a route
 * and a link), built with the app's own Vite config and compressed the same way, so the bytes
 * beyond it are ours.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import * as z from 'zod/mini';

const statusSchema = z.object({ evses: z.array(z.object({ connectors: z.array(z.object({ onlineData: z.nullable(z.object({ status: z.string() })) })) })) });

function FirstCard() {
  const { data } = useQuery({
    queryKey: ['generalStatus'],
    queryFn: async () => statusSchema.parse(await (await fetch('/api/chargers')).json()),
  });
  return <div data-status={data?.evses[0]?.connectors[0]?.onlineData?.status ?? ''} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <Router>
        <Switch>
          <Route path="/">
            <FirstCard />
          </Route>
          <Route>
            <Link href="/">home</Link>
          </Route>
        </Switch>
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
