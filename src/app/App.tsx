import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Router, useSearch } from 'wouter';
import { LocaleProvider, useLocaleValue, useMessages } from '../shared/i18n/i18n.tsx';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary.tsx';
import { ChunkFailureContext } from '../shared/ui/LazyPart.tsx';
import { AppShell } from './AppShell.tsx';
import { useGermanTables } from './german.ts';
import { shellMessages } from './messages.ts';
import { reloadWhenServerAnswers } from './reload-when-server-answers.ts';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Router>
        {/* A German page waits here for its texts (main.tsx asks for them at start-up). */}
        <Suspense fallback={null}>
          <LocalizedShell />
        </Suspense>
      </Router>
    </QueryClientProvider>
  );
}

function LocalizedShell() {
  const locale = useLocaleValue(useSearch());
  useGermanTables(locale.lang);
  return (
    <LocaleProvider value={locale}>
      {/* Last line of defence for a display nobody touches: say so, then restart by itself. */}
      <ErrorBoundary onError={() => reloadWhenServerAnswers(30_000)} fallback={(error) => <CrashScreen error={error} />}>
        {/* A lazy part whose chunk is gone: the server has a new build with new file names. */}
        <ChunkFailureContext.Provider value={reloadWhenServerAnswers}>
          <AppShell />
        </ChunkFailureContext.Provider>
      </ErrorBoundary>
    </LocaleProvider>
  );
}

function CrashScreen({ error }: { error: Error }) {
  const m = useMessages(shellMessages);
  return (
    <main role="alert" className="p-6 text-lg">
      <p className="font-semibold text-warn">{m.crashed}</p>
      <p className="mt-2 text-sm text-muted">{error.message}</p>
    </main>
  );
}
