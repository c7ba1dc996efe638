import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { loadGerman } from './app/german.ts';
import { prefetchFirstScreen } from './app/prefetch.ts';
import { createQueryClient } from './app/query-client.ts';
import { detectLocale } from './shared/i18n/i18n.tsx';
import './index.css';

/**
 * On a slow tablet, rendering the shell without data and again with it costs two long tasks.
 * Waiting briefly for the first answers makes the first render the one with the connector card;
 * if they are slow, the page renders anyway and fills in when they arrive.
 */
const FIRST_DATA_WAIT_MS = 400;

const queryClient = createQueryClient();
const firstData = prefetchFirstScreen(queryClient, window.location);
// A German page's texts are a chunk of their own, asked for beside the first data.
const texts = detectLocale(window.location.search, navigator.languages).lang === 'de' ? loadGerman() : undefined;
const waited = new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS));

// Not a top-level await: with one, the bundler must split every module the lazy chunks share
// with this entry into chunks of their own (~3.5 KB more gzip on the first load).
void Promise.race([Promise.all([firstData, texts]), waited]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  ),
);
