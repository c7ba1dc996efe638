import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { prefetchFirstScreen } from './app/prefetch.ts';
import { createQueryClient } from './app/query-client.ts';
import './index.css';

/**
 * On a slow tablet, rendering the shell without data and again with it costs two long tasks.
 * Waiting briefly for the first answers makes the first render the one with the connector card;
 * if they are slow, the page renders anyway and fills in when they arrive.
 */
const FIRST_DATA_WAIT_MS = 400;

const queryClient = createQueryClient();
const firstData = prefetchFirstScreen(queryClient, window.location);
const waited = new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS));

// Not a top-level await: with one, the bundler must split every module the lazy chunks share
// with this entry into chunks of their own (~3.5 KB more gzip on the first load).
void Promise.race([firstData, waited]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  ),
);
