import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { prefetchFirstScreen } from './app/prefetch.ts';
import { createQueryClient } from './app/query-client.ts';
import './index.css';

const queryClient = createQueryClient();
prefetchFirstScreen(queryClient, window.location);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
